package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.Region;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.cpu.arm.unicorn.UnicornEngine;
import io.twinboard.emu.elf.SymbolTable;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import org.junit.jupiter.api.Assumptions;

import java.util.ArrayList;
import java.util.List;

/**
 * A bare Cortex-M4 machine for tests: flash at 0x0800_0000 (aliased at 0), SRAM at
 * 0x2000_0000, a 16 MHz core clock (62 500 ps per cycle), and the run loop of DESIGN.md.
 */
final class M4Harness implements AutoCloseable {
    static final long HZ = 16_000_000;
    static final long LOG = 0x2000_0000L;

    final Bus bus = new Bus();
    final Scheduler scheduler = new Scheduler();
    final ClockDomain clock = new ClockDomain("core", HZ);
    final GuestLog log = new GuestLog(null);
    final StringBuilder console = new StringBuilder();
    final M4Programs.Program program;
    final CortexM4 cpu;

    M4Harness(M4Programs.Program program) { this(program, CortexM4.Options.stm32f429()); }

    M4Harness(M4Programs.Program program, CortexM4.Options options) {
        Assumptions.assumeTrue(UnicornEngine.available(), "libunicorn.so.2 not installed");
        this.program = program;
        Region.Memory flash = bus.mapMemory("flash", 0x0800_0000L, 0x2_0000, false);
        bus.alias("boot", 0, flash);
        bus.mapMemory("sram", 0x2000_0000L, 0x3_0000, true);
        bus.load(0x0800_0000L, program.bytes());
        List<SymbolTable.Symbol> syms = new ArrayList<>();
        program.symbols().forEach((n, a) -> syms.add(new SymbolTable.Symbol(n, a, 0, true)));
        cpu = new CortexM4(bus, scheduler, clock, log, new SymbolTable(syms), options);
        cpu.setConsole(c -> console.append((char) c));
        cpu.reset();
    }

    /** The machine's run loop until a non-deadline stop or {@code maxPs} of virtual time. */
    StopReason run(long maxPs) {
        while (true) {
            long deadline = Math.min(scheduler.nextDeadline(), maxPs);
            StopReason r = cpu.run(deadline);
            scheduler.advanceTo(Math.max(scheduler.now(), cpu.time()));
            if (!(r instanceof StopReason.Deadline)) return r;
            if (cpu.time() >= maxPs) return r;
        }
    }

    int word(long address) { return bus.read(address, 4); }

    void poke(long address, int value) { bus.write(address, 4, value, true); }

    /** Log written by the common handler: {value, DWT_CYCCNT} pairs. */
    int[][] handlerLog() {
        int n = word(LOG);
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) out[i] = new int[]{word(LOG + 4 + 8L * i), word(LOG + 8 + 8L * i)};
        return out;
    }

    int[] loggedExceptions() {
        int[][] l = handlerLog();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) out[i] = l[i][0];
        return out;
    }

    @Override public void close() {
        cpu.close();
        bus.close();
    }
}
