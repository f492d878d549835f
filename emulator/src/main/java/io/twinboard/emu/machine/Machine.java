package io.twinboard.emu.machine;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.cpu.Cpu;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.elf.SymbolTable;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ExternalClockSync;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;

import java.util.ArrayList;
import java.util.List;

/**
 * One emulated board at run time: the bus, the one scheduler, the CPU and the guest log, and the
 * run loop of DESIGN.md: {@code deadline = scheduler.next(); cpu.run(deadline); scheduler.fire}.
 * Single-threaded: everything but {@link #requestStop} runs on the thread that calls {@link #run}.
 */
public final class Machine implements AutoCloseable {
    private final String board;
    private final Bus bus;
    private final Scheduler scheduler;
    private final GuestLog log;
    private final List<ExternalClockSync> syncs = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Cpu cpu;
    private SymbolTable symbols = SymbolTable.EMPTY;
    private volatile boolean stopRequested;

    public Machine(String board, Bus bus, Scheduler scheduler, GuestLog log) {
        this.board = board;
        this.bus = bus;
        this.scheduler = scheduler;
        this.log = log;
    }

    public String board() { return board; }
    public Bus bus() { return bus; }
    public Scheduler scheduler() { return scheduler; }
    public GuestLog log() { return log; }
    public Cpu cpu() { return cpu; }
    public SymbolTable symbols() { return symbols; }

    public void setCpu(Cpu cpu) { this.cpu = cpu; }

    public void setSymbols(SymbolTable symbols) { this.symbols = symbols; }

    /** Registers a bridge to wall-clock peers (see {@link ExternalClockSync}). */
    public void addExternalSync(ExternalClockSync sync) {
        syncs.add(sync);
        sync.setWakeup(this::endSlice);
    }

    /** Ends the CPU's current slice (thread-safe); the run loop goes on (see {@link #run}). */
    private void endSlice() {
        Cpu c = cpu;
        if (c != null) c.requestStop();
    }

    /** Something to close with the machine (devices holding threads or sockets). */
    public void closeWith(AutoCloseable c) { closeables.add(c); }

    /** Current virtual time (ps). */
    public long now() { return scheduler.now(); }

    /** Asks a running {@link #run} to return soon; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
        Cpu c = cpu;
        if (c != null) c.requestStop();
    }

    /**
     * Runs until the firmware exits, faults, sleeps with nothing scheduled, hits a breakpoint, is
     * asked to stop, or virtual time reaches {@code timeLimit} (ps; {@link VirtualTime#NEVER} for
     * none).
     */
    public RunResult run(long timeLimit) {
        if (cpu == null) throw new IllegalStateException(board + ": no CPU attached");
        stopRequested = false;
        long hostStart = System.nanoTime();
        long cyclesStart = cpu.cycles(), instStart = cpu.instructions(), timeStart = scheduler.now();
        StopReason reason;
        while (true) {
            if (stopRequested) { reason = StopReason.REQUESTED; break; }
            long now = scheduler.now();
            if (now >= timeLimit) { reason = null; break; }
            long deadline = Math.min(scheduler.nextDeadline(), timeLimit);
            for (ExternalClockSync s : syncs) deadline = Math.min(deadline, s.beforeRun(now, deadline));
            long idleBefore = cpu.idleCycles();
            StopReason r = cpu.run(deadline);
            scheduler.advanceTo(cpu.clock().timeOf(cpu.cycles()));
            boolean slept = r instanceof StopReason.Idle || cpu.idleCycles() != idleBefore;
            for (ExternalClockSync s : syncs) s.afterRun(slept);
            if (r instanceof StopReason.Deadline) continue;
            if (r instanceof StopReason.Idle && awaitingExternalInput()) continue; // the bridges wait in wall-clock time
            if (r instanceof StopReason.Requested && !stopRequested) continue;
            reason = r;
            break;
        }
        return new RunResult(reason, scheduler.now() - timeStart, cpu.cycles() - cyclesStart,
                cpu.instructions() - instStart, System.nanoTime() - hostStart, cpu.clock().hz());
    }

    private boolean awaitingExternalInput() {
        for (ExternalClockSync s : syncs) if (s.awaitsInput()) return true;
        return false;
    }

    @Override public void close() {
        for (AutoCloseable c : closeables.reversed()) {
            try { c.close(); } catch (Exception e) { log.info("machine", "close:" + c, "closing " + c + " failed: " + e.getMessage()); }
        }
        if (cpu != null) cpu.close();
        bus.close();
    }
}
