package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.FaultReport;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** SEV/WFE (ARMv7-M B1.5.18), FAULTMASK (B1.4.3) and a reserved EXC_RETURN (B1.5.8, INVPC). */
class CortexM4SystemInstructionTest {
    @Test void sevSetsTheEventThatTheNextWfeConsumes() {
        try (M4Harness h = new M4Harness(M4Programs.WFE_SEV)) {
            assertEquals(StopReason.IDLE, h.run(VirtualTime.ofMillis(1)), "the second WFE sleeps, nothing can wake it");
            assertEquals(1, h.word(0x2000_0F20L), "the first WFE returned at once");
            assertEquals(h.program.symbol("after_second_wfe"), h.cpu.pc());
        }
    }

    @Test void faultmaskHoldsOffAPendingExceptionUntilCleared() {
        try (M4Harness h = new M4Harness(M4Programs.FAULTMASK)) {
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            assertEquals(0, h.word(0x2000_0F30L), "masked: SysTick not taken");
            assertEquals(2, h.word(0x2000_0F34L), "after CPSIE f: taken (entry and exit logged)");
            assertEquals(15, h.word(0x2000_0004L));
        }
    }

    @Test void aReservedExcReturnIsAnInvpcUsageFault() {
        try (M4Harness h = new M4Harness(M4Programs.BAD_RETURN)) {
            StopReason r = h.run(VirtualTime.ofMillis(1));
            FaultReport f = assertInstanceOf(StopReason.Fault.class, r, () -> "expected a fault, got " + r).report();
            assertEquals("HardFault (forced from UsageFault)", f.kind());
            assertTrue(f.report().contains("INVPC"), f.report());
            assertEquals(1 << 18, h.word(0xE000_ED28L) & (1 << 18), "CFSR.INVPC");
        }
    }
}
