package io.twinboard.bench.board;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.bus.Region;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.machine.Machine;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.periph.signal.Wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Instantiates a {@link BoardDescription}: memory, devices, unmodelled gaps, CPU, wires. */
public final class BoardBuilder {
    private BoardBuilder() {}

    public static Board build(BoardDescription d, BoardOptions options) {
        Bus bus = new Bus();
        GuestLog log = new GuestLog(options.diagnostics());
        Machine machine = new Machine(d.name(), bus, new Scheduler(), log);
        try {
            return assemble(d, options, machine);
        } catch (RuntimeException e) {
            machine.close();
            throw e;
        }
    }

    private static Board assemble(BoardDescription d, BoardOptions options, Machine machine) {
        Bus bus = machine.bus();
        ClockDomain core = new ClockDomain("core", d.cpu().resetHz());
        BuildContext ctx = new BuildContext(d, machine, options, core);

        for (BoardDescription.Memory m : d.memory()) {
            long base = Numbers.parse(d.name() + " memory " + m.name() + " base", m.base());
            long size = Numbers.parse(d.name() + " memory " + m.name() + " size", m.size());
            Region.Memory r = bus.mapMemory(m.name(), base, size, m.writable());
            if (m.aliases() != null)
                for (String a : m.aliases()) bus.alias(m.name() + "@" + a, Numbers.parse(m.name() + " alias", a), r);
        }
        List<Runnable> finishers = new ArrayList<>();
        for (BoardDescription.Device dev : d.devices()) {
            DeviceFactory f = DeviceCatalog.factory(dev.type());
            if (f == null) throw new BoardException("board " + d.name() + ": device " + dev.name() + " has unknown type '" + dev.type() + "' (known: " + String.join(", ", DeviceCatalog.types()) + ")");
            MmioDevice mmio = f.create(dev, ctx);
            if (mmio != null) {
                long base = Numbers.parse(dev.name() + " base", dev.base());
                long size = Numbers.parse(dev.name() + " size", dev.size());
                bus.mapDevice(dev.name(), base, size, mmio);
            }
            if (!ctx.parts.containsKey(dev.name())) ctx.parts.put(dev.name(), mmio);
        }
        finishers.addAll(ctx.finishers);
        fillUnmodelled(d, bus, log(ctx));

        CpuFactory cf = CpuCatalog.factory(d.cpu().type());
        if (cf == null) throw new BoardException("board " + d.name() + ": unknown cpu type '" + d.cpu().type() + "'");

        for (BoardDescription.Wire w : d.wiring() == null ? List.<BoardDescription.Wire>of() : d.wiring()) connect(d, ctx, w);
        for (Runnable r : finishers) r.run();
        Board board = new Board(d, machine, ctx.parts, ctx.consoleReceiver, cf, ctx);
        board.setNetwork(ctx::network);
        board.setStopHooks(java.util.List.copyOf(ctx.atStop));
        return board;
    }

    private static GuestLog log(BuildContext ctx) { return ctx.log(); }

    private static void connect(BoardDescription d, BuildContext ctx, BoardDescription.Wire w) {
        Wire from = ctx.outputs.get(w.from());
        if (from == null) throw new BoardException("board " + d.name() + ": wiring from unknown signal '" + w.from() + "' (known: " + new java.util.TreeSet<>(ctx.outputs.keySet()) + ")");
        Wire.Listener in = ctx.inputs.get(w.to());
        if (in == null) {
            Wire target = ctx.outputs.get(w.to());
            if (target == null) throw new BoardException("board " + d.name() + ": wiring to unknown signal '" + w.to() + "'");
            in = target::drive;
            ctx.externallyDriven(w.to());
        }
        from.onChange(in);
        in.changed(from.isHigh());
    }

    /** Maps an {@link UnmodelledGap} over every part of the unmodelled windows no device claims. */
    private static void fillUnmodelled(BoardDescription d, Bus bus, GuestLog log) {
        if (d.unmodelled() == null) return;
        for (BoardDescription.Window w : d.unmodelled()) {
            long start = Numbers.parse(w.name() + " base", w.base());
            long end = start + Numbers.parse(w.name() + " size", w.size());
            List<Region> inside = new ArrayList<>(bus.regions().stream().filter(r -> r.base() < end && r.end() > start).toList());
            inside.sort(Comparator.comparingLong(Region::base));
            long at = start;
            for (Region r : inside) {
                if (r.base() > at) mapGap(d, bus, log, w, at, r.base());
                at = Math.max(at, r.end());
            }
            if (at < end) mapGap(d, bus, log, w, at, end);
        }
    }

    private static void mapGap(BoardDescription d, Bus bus, GuestLog log, BoardDescription.Window w, long from, long to) {
        bus.mapDevice(w.name() + String.format("@%08x", from), from, to - from, DeviceCatalog.unmodelled(d.architecture(), from, log));
    }

    /**
     * Powers the core on for a freshly loaded image: creates it (it needs the image's symbols for
     * its reports), connects the devices' interrupt lines to it, and resets it.
     */
    static void powerOn(Board board, BuildContext ctx, ElfImage elf) {
        Machine machine = board.machine();
        if (machine.cpu() != null) machine.cpu().close();
        CpuFactory.Created created = board.cpuFactory().create(board.description().cpu(), ctx, elf.symbols());
        machine.setCpu(created.cpu());
        for (int i = 0; i < ctx.boundIrqs.length; i++) if (ctx.pendingIrqLines[i] != null) ctx.boundIrqs[i] = created.irqs().apply(i);
        board.cpuFactory().reset(created.cpu(), elf);
    }
}
