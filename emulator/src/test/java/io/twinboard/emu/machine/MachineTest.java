package io.twinboard.emu.machine;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.cpu.Cpu;
import io.twinboard.emu.cpu.CpuRegister;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MachineTest {
    /** A core that burns cycles up to each deadline, and exits at a given cycle. */
    static final class FakeCpu implements Cpu {
        final ClockDomain clock = new ClockDomain("core", 100_000_000);
        final long exitAtCycle;
        long cycles;
        final List<Long> deadlines = new ArrayList<>();

        FakeCpu(long exitAtCycle) { this.exitAtCycle = exitAtCycle; }

        @Override public String name() { return "fake"; }
        @Override public StopReason run(long deadline) {
            deadlines.add(deadline);
            long target = deadline == VirtualTime.NEVER ? Long.MAX_VALUE : clock.firstCycleNotBefore(deadline);
            if (target >= exitAtCycle) { cycles = exitAtCycle; return new StopReason.Exit(7); }
            cycles = target;
            return StopReason.DEADLINE;
        }
        @Override public void requestStop() {}
        @Override public long cycles() { return cycles; }
        @Override public long idleCycles() { return 0; }
        @Override public long instructions() { return cycles; }
        @Override public ClockDomain clock() { return clock; }
        @Override public int readRegister(CpuRegister r) { return 0; }
        @Override public void writeRegister(CpuRegister r, int value) {}
        @Override public int pc() { return 0; }
        @Override public void reset() {}
        @Override public void addBreakpoint(int address) {}
        @Override public void removeBreakpoint(int address) {}
        @Override public void close() {}
    }

    @Test
    void runsToEachEventThenStopsOnExit() {
        Scheduler s = new Scheduler();
        try (Machine m = new Machine("test", new Bus(), s, new GuestLog(null))) {
            FakeCpu cpu = new FakeCpu(1_000);               // exits at 10 us
            m.setCpu(cpu);
            List<Long> fired = new ArrayList<>();
            s.schedule(VirtualTime.ofMicros(3), "a", () -> fired.add(s.now()));
            s.schedule(VirtualTime.ofMicros(6), "b", () -> fired.add(s.now()));
            RunResult r = m.run(VirtualTime.NEVER);
            assertEquals(new StopReason.Exit(7), r.reason());
            assertEquals(List.of(VirtualTime.ofMicros(3), VirtualTime.ofMicros(6)), fired);
            assertEquals(List.of(VirtualTime.ofMicros(3), VirtualTime.ofMicros(6), VirtualTime.NEVER), cpu.deadlines);
            assertEquals(VirtualTime.ofMicros(10), r.virtualTime());
            assertEquals(1_000, r.cycles());
        }
    }

    @Test
    void timeLimitEndsTheRunWithoutAReason() {
        Scheduler s = new Scheduler();
        try (Machine m = new Machine("test", new Bus(), s, new GuestLog(null))) {
            m.setCpu(new FakeCpu(Long.MAX_VALUE));
            RunResult r = m.run(VirtualTime.ofMillis(2));
            assertTrue(r.timeLimitReached());
            assertEquals(VirtualTime.ofMillis(2), r.virtualTime());
            assertTrue(r.summary().contains("virtual time 2.000 ms"), r.summary());
        }
    }
}
