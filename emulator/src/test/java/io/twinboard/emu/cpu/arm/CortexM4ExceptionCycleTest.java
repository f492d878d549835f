package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exception entry (12), return (10) and tail-chaining (6) as the firmware measures them with
 * DWT_CYCCNT ({@link M4Programs#EXC_CYCLES}: SVC from thread mode, PendSV pended in the SVCall
 * handler at the same priority, so it is tail-chained). Zero flash wait states. Each difference
 * between two CYCCNT reads includes the first read's LDR (2 cycles, docs/cycle-model.md).
 */
class CortexM4ExceptionCycleTest {
    static final int LDR = 2, STR = 1, SVC = 1, BX = 1;
    /** The TRM's figures, written out here so that a change of the model's constants fails. */
    static final int ENTRY = 12, RETURN = 10, TAIL_CHAIN = 6;

    @Test void entryReturnAndTailChainCostWhatTheTrmSays() {
        try (M4Harness h = new M4Harness(M4Programs.EXC_CYCLES)) {
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            int thread = h.word(0x2000_0F30L), svc = h.word(0x2000_0F34L), back = h.word(0x2000_0F38L), pendsv = h.word(0x2000_0F3CL);
            assertEquals(LDR + SVC + ENTRY, svc - thread, "SVC taken: entry");
            assertEquals(LDR + STR + BX + TAIL_CHAIN, pendsv - svc, "SVCall returns into PendSV: tail-chain");
            assertEquals(LDR + BX + RETURN, back - pendsv, "PendSV returns to thread mode");
        }
    }
}
