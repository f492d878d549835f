package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.ArmRegister;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exception entry and return (ARMv7-M ARM B1.5.6-B1.5.8), NVIC priorities, SVC, PendSV, reset. */
class CortexM4ExceptionTest {
    static final long SCS = 0xE000_E000L;
    static final int PENDSV = 14, SVCALL = 11, SYSTICK = 15;

    @Test void resetLoadsStackPointerAndEntryFromTheVectorTable() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            assertEquals(0x2002_0000, h.cpu.readRegister(ArmRegister.MSP));
            assertEquals(0x2002_0000, h.cpu.readRegister(ArmRegister.SP));
            assertEquals(h.program.symbol("reset"), h.cpu.pc());
            assertEquals(0x410F_C241, h.word(SCS + 0xD00), "CPUID");
        }
    }

    @Test void pendSvFromThreadModeOnMspStacksTheBasicFrame() {
        try (M4Harness h = new M4Harness(M4Programs.PENDSV_FRAME)) {
            lowerPendSv(h);
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            // the PendSV frame sits below the thread's MSP; the handler pushed {r4, lr} under it
            int sp = 0x2002_0000 - 0x20;
            assertEquals(0xFFFF_FFF9, h.word(sp - 4L), "EXC_RETURN in LR: thread mode, MSP");
            assertEquals(0xFFFF_FFF1, h.word(0x2000_0F04L), "the nested SVCall's EXC_RETURN: handler mode");
            int[] frame = new int[8];
            for (int i = 0; i < 8; i++) frame[i] = h.word(sp + 4L * i);
            assertArrayEquals(new int[]{0x10, 0x11, 0x12, 0x13, 0x1C, 0x0800_AAA1, h.program.symbol("after_pendsv")},
                    java.util.Arrays.copyOf(frame, 7), "r0-r3, r12, lr, return address");
            assertEquals(1 << 24, frame[7] & 0xFF00_03FF, "stacked xPSR: T set, IPSR 0, no realignment");
            // registers are restored by the return; SP back where it was
            assertArrayEquals(new int[]{0x10, 0x11, 0x12, 0x13, 0x2002_0000}, words(h, 0x2000_0F20L, 5));
        }
    }

    @Test void pendSvFromThreadModeOnPspStacksOnPspAndReturnsToPsp() {
        try (M4Harness h = new M4Harness(M4Programs.PSP_FRAME)) {
            lowerPendSv(h);
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            // the common PendSV handler executes SVC: the last recorded entry is the nested SVCall
            int lr = h.word(0x2000_0F04L), psp = h.word(0x2000_0F08L), msp = h.word(0x2000_0F00L);
            assertEquals(0xFFFF_FFF1, lr, "nested SVCall returns to handler mode");
            assertEquals(0x2000_8000 - 0x20, psp, "thread frame on PSP");
            assertEquals(0x20, h.word(psp), "stacked r0");
            assertEquals(h.program.symbol("after_pendsv"), h.word(psp + 24L), "stacked return address");
            assertTrue(Integer.compareUnsigned(msp, 0x2002_0000) < 0, "handlers run on MSP");
            // after return: thread mode on PSP again, MSP back to the top, CONTROL.SPSEL = 1
            assertArrayEquals(new int[]{0x20, 0x21, 0x22, 0x23, 0x2000_8000, 0x2002_0000, 2}, words(h, 0x2000_0F20L, 7));
        }
    }

    @Test void nestedSvcInsidePendSvIsTakenAndBothReturn() {
        try (M4Harness h = new M4Harness(M4Programs.PENDSV_FRAME)) {
            lowerPendSv(h);
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            assertArrayEquals(new int[]{PENDSV, SVCALL, 0x100 | SVCALL, 0x100 | PENDSV}, h.loggedExceptions());
        }
    }

    @Test void stackRealignmentSetsBit9OfTheStackedXpsr() {
        try (M4Harness h = new M4Harness(M4Programs.SVC)) {
            h.cpu.writeRegister(ArmRegister.MSP, 0x2001_FFFC); // 4-byte aligned only
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            int sp = h.word(0x2000_0F00L);
            assertEquals((0x2001_FFFC - 0x20) & ~7, sp);
            assertEquals(1 << 9, h.word(sp + 28L) & (1 << 9), "xPSR bit 9: 4 bytes of padding");
            assertEquals(0x5A, h.word(0x2000_0F20L), "r0 survives the SVC");
            assertEquals(h.program.symbol("after_svc"), h.word(sp + 24L), "SVC returns after itself");
            assertArrayEquals(new int[]{SVCALL, 0x100 | SVCALL}, h.loggedExceptions());
        }
    }

    @Test void higherPriorityPreemptsLowerIsTailChained() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.poke(SCS + 0x100, 0b111);            // ISER0: IRQ0..2
            h.poke(SCS + 0x400, 0x00C0_4080);      // IPR0: IRQ0 0x80, IRQ1 0x40, IRQ2 0xC0
            h.cpu.irq(0).raise();
            h.cpu.irq(0).lower();
            h.run(VirtualTime.ofMicros(100));
            // IRQ0 pends IRQ1 (preempts: nested) and IRQ2 (lower: runs after IRQ0, tail-chained)
            assertArrayEquals(new int[]{16, 17, 0x111, 0x110, 18, 0x112}, h.loggedExceptions());
            assertEquals(0, h.cpu.currentException());
        }
    }

    @Test void samePriorityDoesNotPreemptAndLowerNumberWinsTies() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.poke(SCS + 0x100, 0b111);
            h.poke(SCS + 0x400, 0x0080_8080);      // all 0x80
            h.cpu.irq(0).raise();
            h.cpu.irq(0).lower();
            h.run(VirtualTime.ofMicros(100));
            assertArrayEquals(new int[]{16, 0x110, 17, 0x111, 18, 0x112}, h.loggedExceptions());
        }
    }

    @Test void priorityGroupingMakesSubpriorityNotPreempt() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.poke(SCS + 0xD0C, 0x05FA_0700);      // AIRCR.PRIGROUP = 7: no group bits, nothing preempts
            h.poke(SCS + 0x100, 0b111);
            h.poke(SCS + 0x400, 0x00C0_4080);
            h.cpu.irq(0).raise();
            h.cpu.irq(0).lower();
            h.run(VirtualTime.ofMicros(100));
            assertEquals(7, (h.word(SCS + 0xD0C) >>> 8) & 7);
            assertArrayEquals(new int[]{16, 0x110, 17, 0x111, 18, 0x112}, h.loggedExceptions(),
                    "IRQ1 waits for IRQ0 although its priority value is lower; then by priority");
        }
    }

    @Test void primaskAndBasepriMaskInterrupts() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.poke(SCS + 0x100, 0b1000);           // IRQ3 only
            h.poke(SCS + 0x400, 0x6000_0000);      // IRQ3 priority 0x60
            h.cpu.writeRegister(ArmRegister.PRIMASK, 1);
            h.cpu.irq(3).raise();
            h.cpu.irq(3).lower();
            h.scheduler.schedule(VirtualTime.ofMicros(50), "tick", () -> {});
            h.run(VirtualTime.ofMicros(40));
            assertEquals(0, h.loggedExceptions().length, "PRIMASK blocks it");
            assertEquals(1 << 3, h.word(SCS + 0x200), "still pending (ISPR0)");
            h.cpu.writeRegister(ArmRegister.PRIMASK, 0);
            h.cpu.writeRegister(ArmRegister.BASEPRI, 0x60);
            h.run(VirtualTime.ofMicros(45));
            assertEquals(0, h.loggedExceptions().length, "BASEPRI 0x60 blocks priority 0x60");
            h.cpu.writeRegister(ArmRegister.BASEPRI, 0x70);
            h.run(VirtualTime.ofMicros(60));
            assertArrayEquals(new int[]{19, 0x113}, h.loggedExceptions());
            assertEquals(0, h.word(SCS + 0x200));
        }
    }

    @Test void disabledInterruptStaysPendingUntilEnabled() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.cpu.irq(5).raise();
            h.cpu.irq(5).lower();
            h.scheduler.schedule(VirtualTime.ofMicros(10), "t", () -> {});
            h.run(VirtualTime.ofMicros(20));
            assertEquals(0, h.loggedExceptions().length);
            h.poke(SCS + 0x100, 1 << 5);
            h.run(VirtualTime.ofMicros(30));
            assertArrayEquals(new int[]{21, 0x115}, h.loggedExceptions());
        }
    }

    @Test void levelSensitiveLinePendsAgainAfterReturn() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.poke(SCS + 0x100, 1 << 4);
            h.cpu.irq(4).raise(); // never lowered: the handler runs again and again
            h.run(VirtualTime.ofMicros(20));
            assertTrue(h.loggedExceptions().length >= 6, "re-entered while the line is high");
            h.cpu.irq(4).lower();
        }
    }

    @Test void wfiWithNothingScheduledStopsIdle() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            StopReason r = h.run(VirtualTime.ofMillis(1));
            assertEquals(StopReason.IDLE, r);
            assertTrue(h.cpu.isSleeping());
        }
    }

    @Test void wfiJumpsToTheNextEventAndTheInterruptWakesTheCore() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.poke(SCS + 0x100, 1);
            long at = VirtualTime.ofMillis(3);
            h.scheduler.schedule(at, "device", () -> { h.cpu.irq(0).raise(); h.cpu.irq(0).lower(); });
            long before = h.cpu.instructions();
            h.run(VirtualTime.ofMillis(4));
            assertTrue(h.cpu.instructions() - before < 200, "slept instead of spinning");
            assertTrue(h.loggedExceptions().length >= 2);
            assertEquals(16, h.loggedExceptions()[0]);
            // cycles jumped to the event: 3 ms at 16 MHz = 48 000 cycles, handler ran after it
            assertTrue(h.cpu.cycles() >= 48_000 && h.cpu.cycles() < 48_500, "cycles " + h.cpu.cycles());
        }
    }

    @Test void sysTickInterruptsWithItsPeriodExactly() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.poke(SCS + 0xDFC, 1 << 24);          // DEMCR.TRCENA
            h.poke(0xE000_1000L, 0x4000_0001);     // DWT_CTRL.CYCCNTENA
            h.poke(SCS + 0x014, 999);              // RVR: period 1000 cycles
            h.poke(SCS + 0x018, 0);
            h.poke(SCS + 0x010, 7);                // processor clock, TICKINT, ENABLE
            long start = h.cpu.cycles();
            h.run(h.clock.timeOf(start + 10_500));
            int[][] log = h.handlerLog();
            int entries = 0;
            int last = -1;
            for (int[] e : log) {
                if (e[0] != SYSTICK) continue;
                if (last >= 0) assertEquals(1000, e[1] - last, "period between handler entries");
                last = e[1];
                entries++;
            }
            assertEquals(10, entries);
        }
    }

    @Test void sysTickCurrentValueAndCountflag() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.poke(SCS + 0x014, 99);
            h.poke(SCS + 0x018, 0);
            h.poke(SCS + 0x010, 5);                // processor clock, ENABLE, no interrupt
            long t0 = h.cpu.cycles();
            h.scheduler.schedule(h.clock.timeOf(t0 + 250), "t", () -> {});
            h.run(h.clock.timeOf(t0 + 250));
            long elapsed = h.cpu.cycles() - t0;
            int expected = (int) (99 - (elapsed - 1) % 100);
            assertEquals(expected, h.word(SCS + 0x018));
            assertEquals(1 << 16, h.word(SCS + 0x010) & (1 << 16), "COUNTFLAG after a wrap");
            assertEquals(0, h.word(SCS + 0x010) & (1 << 16), "cleared by the read");
            assertEquals(21000, h.word(SCS + 0x01C) & 0xFFFFFF, "CALIB TENMS");
        }
    }

    @Test void sysresetreqCallsTheResetListener() {
        try (M4Harness h = new M4Harness(M4Programs.RESET)) {
            int[] resets = {0};
            h.cpu.onSystemReset(() -> { resets[0]++; h.cpu.requestStop(); });
            StopReason r = h.run(VirtualTime.ofMillis(1));
            assertEquals(StopReason.REQUESTED, r);
            assertEquals(1, resets[0]);
        }
    }

    @Test void sysresetreqWithoutListenerResetsTheCore() {
        try (M4Harness h = new M4Harness(M4Programs.RESET)) {
            h.run(VirtualTime.ofMicros(10));
            assertTrue(h.cpu.instructions() > 20, "restarted from the reset vector repeatedly");
            assertInstanceOf(StopReason.Deadline.class, h.run(VirtualTime.ofMicros(20)));
        }
    }

    @Test void svcAtTheSamePriorityAsTheRunningHandlerEscalatesToHardFault() {
        try (M4Harness h = new M4Harness(M4Programs.PENDSV_FRAME)) {
            StopReason r = h.run(VirtualTime.ofMillis(1)); // PendSV and SVCall both priority 0
            StopReason.Fault f = assertInstanceOf(StopReason.Fault.class, r);
            assertEquals("HardFault (forced from SVCall)", f.report().kind());
            assertEquals(1 << 30, h.word(SCS + 0xD2C), "HFSR.FORCED");
        }
    }

    /** SHPR3: PendSV at the lowest priority (0xF0), as RTOSes configure it. */
    private static void lowerPendSv(M4Harness h) { h.poke(SCS + 0xD20, 0x00F0_0000); }

    private static int[] words(M4Harness h, long at, int n) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = h.word(at + 4L * i);
        return w;
    }
}
