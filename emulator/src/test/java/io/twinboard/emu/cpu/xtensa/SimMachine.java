package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.elf.SymbolTable;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A machine laid out like QEMU's xtensa {@code sim} machine with {@code -cpu lx106}, as far as
 * the conformance programs can observe it (probed with loads that fault or not): the lx106 local
 * memories (data ROM/RAM 0x3FF40000–0x3FFFFFFF, instruction RAM/ROM 0x40000000–0x402FFFFF) and
 * system RAM at 0x50000000 and 0x60000000; everything else is unmapped.
 */
final class SimMachine implements AutoCloseable {
    final Bus bus = new Bus();
    final Scheduler scheduler = new Scheduler();
    final ClockDomain clock = new ClockDomain("cpu", 80_000_000);
    final GuestLog log = new GuestLog(null);
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final XtensaLx106 cpu;

    SimMachine(SymbolTable symbols) {
        bus.mapMemory("dram", 0x3FF40000L, 0xC0000, true);
        bus.mapMemory("iram", 0x40000000L, 0x300000, true);
        bus.mapMemory("sysram", 0x50000000L, 0x1000000, true);
        bus.mapMemory("sysram2", 0x60000000L, 0x100000, true);
        cpu = new XtensaLx106(bus, scheduler, clock, log, symbols);
        cpu.setConsole(console);
    }

    static SimMachine boot(ElfImage elf) {
        SimMachine m = new SimMachine(elf.symbols());
        for (ElfImage.Segment s : elf.segments()) {
            m.bus.load(s.physAddr(), s.data());
        }
        // QEMU's sim machine starts lx106 at its reset vector 0x50000000, not at the ELF entry.
        m.cpu.setResetVector(0x50000000);
        m.cpu.reset();
        return m;
    }

    /** Runs until exit, fault or {@code maxCycles}; the scheduler follows the core. */
    StopReason run(long maxCycles) {
        long deadline = clock.timeOf(maxCycles);
        while (true) {
            long next = Math.min(deadline, scheduler.nextDeadline());
            StopReason r = cpu.run(next);
            scheduler.advanceTo(Math.max(scheduler.now(), Math.min(next, clock.timeOf(cpu.cycles()))));
            if (r instanceof StopReason.Deadline && cpu.cycles() < maxCycles) continue;
            return r;
        }
    }

    String output() { return console.toString(StandardCharsets.UTF_8); }

    @Override public void close() { bus.close(); }
}
