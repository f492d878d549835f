package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.ArmRegister;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.cpu.arm.timing.CortexM4Timing;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The extended (FP) exception frame, ARMv7-M ARM B1.5.6-B1.5.8 and B3.2.22 (FPCCR): after FP
 * instructions set CONTROL.FPCA, SysTick is taken from thread mode on MSP with SP 4 mod 8
 * ({@link M4Programs#FP_FRAME}); the handler (a breakpoint stops at its first instruction) does
 * not use the FPU.
 */
class CortexM4FpFrameTest {
    static final long FPCCR = 0xE000_EF34L, FPCAR = 0xE000_EF38L;
    static final int FPCCR_RESET = 0xC000_0000, LSPACT = 1, THREAD = 1 << 3, CONTROL_FPCA = 4;
    /** The thread's MSP is 0x2002_0000 - 4 at the pend: the 0x68-byte frame is aligned down to 8. */
    static final int FRAME = (0x2002_0000 - 4 - 0x68) & ~7;
    static final int FPSCR = 0x03C0_0000;

    /** Runs to the handler's first instruction. */
    private static M4Harness atHandler(int fpccr) {
        M4Harness h = new M4Harness(M4Programs.FP_FRAME);
        h.poke(FPCCR, fpccr);
        int handler = h.program.symbol("handler");
        h.cpu.addBreakpoint(handler);
        assertEquals(new StopReason.Breakpoint(handler), h.run(VirtualTime.ofMillis(1)));
        h.cpu.removeBreakpoint(handler);
        return h;
    }

    /** Overwrites the frame's S0-S15 and FPSCR slots: what a return reads back shows. */
    private static void scribbleOnTheFpSlots(M4Harness h) {
        for (int i = 0; i < 16; i++) h.poke(FRAME + 0x20L + 4L * i, 0x55 + i);
        h.poke(FRAME + 0x60L, 0x0080_0000);
    }

    private static int[] threadFpAfterReturn(M4Harness h) {
        assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
        int[] s = new int[16];
        for (int i = 0; i < 16; i++) s[i] = h.word(0x2000_0F40L + 4L * i);
        return s;
    }

    private static int[] sequence(int first) {
        int[] s = new int[16];
        for (int i = 0; i < 16; i++) s[i] = first + i;
        return s;
    }

    @Test void fpContextIsStackedInTheExtendedFrameAndItsSaveIsReserved() {
        try (M4Harness h = atHandler(FPCCR_RESET)) {
            assertEquals(0xFFFF_FFE9, h.cpu.readRegister(ArmRegister.LR), "EXC_RETURN: thread, MSP, FP frame");
            assertEquals(FRAME, h.cpu.readRegister(ArmRegister.MSP));
            assertEquals(1 << 9, h.word(FRAME + 28L) & (1 << 9), "stacked xPSR records the realignment");
            for (int i = 0; i < 16; i++) assertEquals(0x4000_0000 + i, h.word(FRAME + 0x20L + 4L * i), "S" + i);
            assertEquals(FPSCR, h.word(FRAME + 0x60L));
            assertEquals(FPCCR_RESET | LSPACT | THREAD, h.word(FPCCR), "lazy save pending for a thread context");
            assertEquals(FRAME + 0x20, h.word(FPCAR));
            assertEquals(0, h.cpu.readRegister(ArmRegister.CONTROL) & CONTROL_FPCA, "the handler starts without FP context");
        }
    }

    @Test void aHandlerThatNeverUsedTheFpuReturnsWithoutReadingTheFpSlots() {
        try (M4Harness h = atHandler(FPCCR_RESET)) {
            scribbleOnTheFpSlots(h);
            assertArrayEquals(sequence(0x4000_0000), threadFpAfterReturn(h), "the registers still held the context");
            assertEquals(FPSCR, h.word(0x2000_0F80L));
            assertEquals(CONTROL_FPCA, h.word(0x2000_0F84L) & CONTROL_FPCA, "FPCA back from EXC_RETURN bit 4");
            assertEquals(0x2002_0000, h.word(0x2000_0F88L), "SP restored, realignment undone");
            assertEquals(0, h.word(FPCCR) & LSPACT);
        }
    }

    @Test void aHandlerThatUsedTheFpuGetsTheContextBackFromTheFrame() {
        try (M4Harness h = atHandler(FPCCR_RESET)) {
            scribbleOnTheFpSlots(h);
            // An FP instruction in the handler sets CONTROL.FPCA (and triggers the lazy save).
            h.cpu.writeRegister(ArmRegister.CONTROL, h.cpu.readRegister(ArmRegister.CONTROL) | CONTROL_FPCA);
            assertArrayEquals(sequence(0x55), threadFpAfterReturn(h));
            assertEquals(0x0080_0000, h.word(0x2000_0F80L), "FPSCR from the frame");
        }
    }

    @Test void withoutLazyStackingTheFrameIsReadBack() {
        try (M4Harness h = atHandler(1 << 31)) {   // ASPEN only: LSPEN = 0
            assertEquals(0, h.word(FPCCR) & LSPACT);
            scribbleOnTheFpSlots(h);
            assertArrayEquals(sequence(0x55), threadFpAfterReturn(h));
        }
    }

    /** DWT cycles from before the pend to the handler's log, and from its exit log back to the thread. */
    private record Latency(int entry, int ret) {}

    /** Every variant stops at the same two breakpoints (where an interrupt is taken depends on
     *  block boundaries, which the breakpoint hook changes), and changes CONTROL.FPCA there. */
    private static Latency measure(int fpccr, boolean basicFrame, boolean handlerUsesFpu) {
        try (M4Harness h = new M4Harness(M4Programs.FP_FRAME)) {
            h.poke(FPCCR, fpccr);
            int pend = h.program.symbol("pend"), handler = h.program.symbol("handler");
            h.cpu.addBreakpoint(pend);
            h.cpu.addBreakpoint(handler);
            assertEquals(new StopReason.Breakpoint(pend), h.run(VirtualTime.ofMillis(1)));
            if (basicFrame) h.cpu.writeRegister(ArmRegister.CONTROL, h.cpu.readRegister(ArmRegister.CONTROL) & ~CONTROL_FPCA);
            assertEquals(new StopReason.Breakpoint(handler), h.run(VirtualTime.ofMillis(1)));
            if (handlerUsesFpu) h.cpu.writeRegister(ArmRegister.CONTROL, h.cpu.readRegister(ArmRegister.CONTROL) | CONTROL_FPCA);
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            assertEquals(2, h.word(0x2000_0000L), "one entry and one exit logged");
            assertEquals(15, h.word(0x2000_0004L), "SysTick");
            int before = h.word(0x2000_0F30L), after = h.word(0x2000_0F34L);
            int entryLog = h.word(0x2000_0008L), exitLog = h.word(0x2000_0010L);
            return new Latency(entryLog - before, after - exitLog);
        }
    }

    @Test void fpContextCyclesFollowLazyStacking() {
        int fp = CortexM4Timing.FP_CONTEXT_CYCLES;
        Latency basic = measure(FPCCR_RESET, true, false);
        assertEquals(basic, measure(FPCCR_RESET, false, false), "lazy: reserving the space costs nothing, nothing is read back");
        assertEquals(new Latency(basic.entry() + fp, basic.ret() + fp), measure(1 << 31, false, false),
                "LSPEN = 0: 17 words more each way (12 -> 29 cycles at entry)");
        Latency used = measure(FPCCR_RESET, false, true);
        assertEquals(basic.entry(), used.entry());
        assertEquals(basic.ret() + 2 * fp, used.ret(), "the lazy save (charged when seen) and the unstacking");
    }
}
