package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CortexM4SmokeTest {
    @Test void semihostingWriteAndExitExtended() {
        try (M4Harness h = new M4Harness(M4Programs.EXIT)) {
            StopReason r = h.run(VirtualTime.ofMillis(1));
            assertEquals(new StopReason.Exit(3), r);
            assertEquals("hi\n", h.console.toString());
        }
    }

    @Test void floatingPointInstructionsExecute() {
        try (M4Harness h = new M4Harness(M4Programs.FPU)) {
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            assertEquals(Float.floatToIntBits(3.0f), h.word(0x2000_0F20L));
        }
    }

    @Test void breakpointStopsBeforeTheInstructionAndResumes() {
        try (M4Harness h = new M4Harness(M4Programs.SVC)) {
            int at = h.program.symbol("after_svc");
            h.cpu.addBreakpoint(at);
            assertEquals(new StopReason.Breakpoint(at), h.run(VirtualTime.ofMillis(1)));
            assertEquals(at, h.cpu.pc());
            assertEquals(0, h.word(0x2000_0F20L), "the instruction at the breakpoint has not run");
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            assertEquals(0x5A, h.word(0x2000_0F20L));
        }
    }

    @Test void bareModeRunsWithoutCycleAccounting() {
        try (M4Harness h = new M4Harness(M4Programs.CYCLES, CortexM4.Options.stm32f429().withCycleAccounting(false))) {
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            // No cycle model: time moves only by a fixed amount per device access.
            assertEquals(0, h.cpu.cycles() % DeviceAccess.BARE_CYCLES_PER_DEVICE_ACCESS);
            assertTrue(h.cpu.cycles() > 0, "device accesses move time so polling loops progress");
        }
    }

    @Test void requestStopFromAnEventStopsTheRun() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.scheduler.schedule(VirtualTime.ofMicros(1), "stopper", h.cpu::requestStop);
            h.poke(0xE000_E014L, 15);
            h.poke(0xE000_E010L, 5);               // SysTick running: WFI wakes on nothing, but time passes
            StopReason r = h.run(VirtualTime.ofMillis(1));
            assertEquals(StopReason.REQUESTED, r);
        }
    }
}
