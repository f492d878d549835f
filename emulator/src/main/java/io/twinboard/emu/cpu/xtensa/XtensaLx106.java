package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.bus.Region;
import io.twinboard.emu.cpu.Cpu;
import io.twinboard.emu.cpu.CpuRegister;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.elf.SymbolTable;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;

import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;

import static io.twinboard.emu.cpu.xtensa.Lx106Memory.INT_LE;
import static io.twinboard.emu.cpu.xtensa.Lx106Memory.PAGE_MASK;
import static io.twinboard.emu.cpu.xtensa.Lx106Memory.RAW;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static io.twinboard.emu.cpu.xtensa.Lx106Memory.SHORT_LE;

/**
 * The Xtensa LX106 core of the ESP8266, interpreted in Java (Unicorn has no Xtensa).
 *
 * <p><b>ISA</b>: the lx106 option set (see {@link Lx106Decoder}); instructions are decoded once
 * and cached per 4 KiB page, and straight-line runs of them are grouped into
 * {@link Lx106Block}s that {@link #execute} runs ({@link Lx106Interpreter#runBlock}) with one check
 * per block instead of per instruction (same cycles, same interrupt boundaries: see that class); a store to a page with
 * cached code drops the overlapping instructions and the page's blocks.
 *
 * <p><b>Reset</b>: {@link #reset()} sets PS = 0x1F (INTLEVEL 15, EXCM), VECBASE = 0x40000000,
 * INTENABLE = 0, LITBASE disabled, CCOUNT = 0 and PC = the reset vector (by default 0x40000080,
 * the lx106 ResetVector in ROM; a board that boots an ELF sets {@link #setResetVector} to the
 * ELF entry, or calls {@link #reset(int)}). No ROM is shipped: a fetch from unmapped ROM space
 * 0x40000000–0x4000FFFF stops the run with a {@link StopReason.Fault} naming the caller.
 *
 * <p><b>Interrupts</b> ({@link #interrupt}): 0–5 external level-sensitive, 6 CCOMPARE0 timer
 * (internal), 7 software (WSR INTSET), 8–13 external rising-edge, 14 NMI (edge, level 3). They are
 * taken between instructions.
 *
 * <p><b>Time</b> (contract of {@link Cpu}): cycles of {@link #clock()}; each instruction adds its
 * cost ({@link Lx106Timing}); RSR CCOUNT returns the exact cycle count including the RSR itself.
 * Before every device access the scheduler is brought to the core's current time; if that
 * schedules an earlier event the run ends at that event. WAITI jumps to the next event.
 *
 * <p><b>Exit</b>: SIMCALL semihosting as {@code qemu-system-xtensa -semihosting} (see
 * {@link XtensaSemihosting}); SYS_write to fd 1/2 goes to {@link #setConsole}.
 */
public final class XtensaLx106 extends Lx106Interpreter implements Cpu {
    private static final int ROM_START = 0x40000000, ROM_END = 0x40010000;

    private final Set<Integer> breakpoints = new HashSet<>();
    /** Blocks skip the per-instruction breakpoint check: used only while no breakpoint is set. */
    private boolean useBlocks = true;

    private long instructions;
    /** Of the core's cycles, those spent in WAITI. */
    private long idleCycles;
    private int resetVector = 0x40000080;
    private int breakpointResume = -1;
    private volatile boolean stopRequested;

    public XtensaLx106(Bus bus, Scheduler scheduler, ClockDomain coreClock, GuestLog log, SymbolTable symbols) {
        super(bus, scheduler, coreClock, log, symbols);
        log.setLocator(() -> "pc=" + where(pc));
        reset();
    }

    // ---------------------------------------------------------------- configuration

    /** Where semihosting SYS_write to fd 1/2 goes (default System.out). */
    public void setConsole(OutputStream console) { semihosting.setConsole(console); }

    /** The PC that {@link #reset()} starts at. */
    public void setResetVector(int address) { resetVector = address; }

    /** Resets the core and starts it at {@code entry} (an ELF entry point). */
    public void reset(int entry) {
        reset();
        pc = entry;
    }

    /**
     * Memory timing and access rules for the memory pages in {@code [base, base+size)} (4 KiB
     * aligned): extra cycles per instruction fetched, per load and per store from there, and
     * whether only aligned 32-bit loads are allowed (ESP8266 IRAM and flash cache sit on the
     * instruction bus: narrower loads and all stores raise LoadStoreErrorCause).
     */
    public void setWaitStates(long base, long size, boolean wordOnly, int fetchWait, int loadWait, int storeWait) {
        mem.setAttributes(base, size, wordOnly, fetchWait, loadWait, storeWait);
    }

    /** Interrupt input {@code n} (0..5 level, 8..13 edge, 14 NMI); 6 and 7 are internal. */
    public IrqLine interrupt(int n) { return interruptLine(n); }

    /** Drops decoded instructions; call after the host wrote code memory through the bus. */
    public void invalidateCode() { mem.invalidateAll(); }

    // ---------------------------------------------------------------- Cpu

    @Override public String name() { return "lx106"; }
    @Override public long cycles() { return cycles; }
    @Override public long idleCycles() { return idleCycles; }
    @Override public long instructions() { return instructions; }
    @Override public ClockDomain clock() { return clock; }
    @Override public int pc() { return pc; }
    @Override public void requestStop() { stopRequested = true; attention(); }
    @Override public void close() { }

    @Override
    public void reset() {
        java.util.Arrays.fill(ar, 0);
        java.util.Arrays.fill(epc, 0);
        java.util.Arrays.fill(eps, 0);
        java.util.Arrays.fill(excsave, 0);
        sar = litbase = depc = exccause = excvaddr = debugcause = intenable = 0;
        ibreakenable = ibreaka0 = dbreaka0 = dbreakc0 = icount = icountlevel = ddr = 0;
        ps = PS_RESET;
        vecbase = VECBASE_RESET;
        latched = 0;
        cycles = 0;
        instructions = 0;
        ccountOffset = 0;
        ccompare0 = 0;
        recomputeTimer(0);
        lastWord = 0;
        waiting = false;
        breakpointResume = -1;
        clockBase = clock.firstCycleNotBefore(scheduler.now());
        mem.invalidateAll();
        pc = resetVector;
    }

    @Override public int readRegister(CpuRegister r) { return readArchRegister(r); }

    @Override public void writeRegister(CpuRegister r, int value) { writeArchRegister(r, value); }

    @Override
    public void addBreakpoint(int address) {
        breakpoints.add(address);
        useBlocks = false;
        mem.invalidateAt(address);
    }

    @Override
    public void removeBreakpoint(int address) {
        breakpoints.remove(address);
        useBlocks = breakpoints.isEmpty();
    }

    // ---------------------------------------------------------------- run loop

    @Override
    public StopReason run(long deadline) {
        mem.checkAlive();
        runDeadline = deadline;
        // Time that passed while the core was stopped (a UART drained at the end of a run, a test
        // stepped the devices) is time it stood still: resume at the scheduler's time.
        idleUntil(clock.firstCycleNotBefore(scheduler.now()) - clockBase);
        seenDeadlineVersion = scheduler.deadlineVersion();
        pendingStop = null;
        while (true) {
            if (stopRequested) {
                stopRequested = false;
                return StopReason.REQUESTED;
            }
            long deadlineCycle = runDeadline == VirtualTime.NEVER ? Long.MAX_VALUE
                : clock.firstCycleNotBefore(runDeadline) - clockBase;
            if (cycles >= timerCycle) {
                latched |= 1 << INT_TIMER;
                recomputeTimer(cycles);
            }
            if (interruptDeliverable()) {
                waiting = false;
                pc = takeInterrupt(pc);
                cycles += Lx106Timing.EXCEPTION_ENTRY;
                if (!mapped(pc)) return fault("interrupt vector not in memory", pc, "VECBASE points to unmapped memory");
            }
            if (cycles >= deadlineCycle) return StopReason.DEADLINE;
            if (waiting) {
                long wake = deadlineCycle;
                boolean timerCanWake = (intenable & (1 << INT_TIMER)) != 0 && cintlevel() < 1;
                if (timerCanWake) wake = Math.min(wake, timerCycle);
                if (wake == Long.MAX_VALUE) return StopReason.IDLE;
                idleUntil(wake);
                continue;
            }
            limit = Math.min(deadlineCycle, timerCycle);
            execute();
            if (pendingStop != null) {
                StopReason r = pendingStop;
                pendingStop = null;
                return r;
            }
        }
    }

    /** The core waits (WAITI, or stopped while time passed) until {@code cycle}: idle cycles. */
    private void idleUntil(long cycle) {
        if (cycle <= cycles) return;
        idleCycles += cycle - cycles;
        cycles = cycle;
    }

    private boolean mapped(int address) { return mem.page(address) != null; }

    /** Holds the instruction to run when {@link #execute} single-steps. */
    private final long[] single = new long[1];

    /**
     * Executes instructions while {@code cycles < limit}; exits early on attention or a stop.
     * Runs an {@link Lx106Block} where its bound allows, else a single instruction (near the
     * limit, after a device access or exception, with breakpoints set, at unfetchable code).
     * The next block is usually found among the successors of the previous one. The load-use
     * interlock of the first instruction run is evaluated here, from the previous instruction
     * ({@link #lastWord}); the block's own stalls are in its costs.
     */
    private void execute() {
        long insns = 0, nextPoll = 0;
        Lx106Block prev = null;
        while (cycles < limit) {
            // requestStop() from another thread: `limit` is a plain field the JIT may keep in a
            // register, so poll the volatile flag now and then.
            if (insns >= nextPoll) {
                nextPoll = insns + 4096;
                if (stopRequested) { attention(); break; }
            }
            int pc = this.pc;
            Lx106Block b = null;
            if (useBlocks) {
                int epoch = mem.codeEpoch;
                b = prev == null ? null : prev.successor(pc, epoch);
                if (b == null) {
                    b = Lx106Block.at(mem, pc);
                    if (b != null && prev != null) prev.link(pc, b, epoch);
                }
            }
            long[] code;
            if (b != null && cycles + b.bound < limit) {
                prev = b;
                code = b.code;
                if ((b.firstReadMask & lateResult(lastWord)) != 0) cycles += Lx106Timing.RESULT_USE_STALL;
                cycles += b.staticCost;
            } else {
                prev = null;
                Lx106Memory.Page page = pages[pc >>> Lx106Memory.PAGE_BITS];
                long[] dec;
                long w;
                if (page == null || (dec = page.decoded) == null || (w = dec[pc & PAGE_MASK]) == 0) {
                    w = decodeAt(pc);
                    if (w == 0) break; // a stop (breakpoint, fault) is pending
                    if (w == -1) { lastWord = 0; continue; } // fetch exception taken: pc, cycles at the vector
                }
                if ((Op.readMask(w) & lateResult(lastWord)) != 0) cycles += Lx106Timing.RESULT_USE_STALL;
                cycles += Op.cost(w);
                code = single;
                code[0] = Op.inBlock(w, 0, 0);
            }
            int ran = runBlock(code, pc);
            if (ran < 0) {
                ran = -ran;
                finishSlow(code[ran - 1], pc);
            }
            insns += ran;
        }
        this.instructions += insns;
    }

    // ---------------------------------------------------------------- fetch and decode

    /**
     * Decodes the instruction at {@code pc} and caches it. Returns the decoded word, 0 when the
     * run must stop (breakpoint, fault; {@link #pendingStop} is set), or -1 when a fetch
     * exception was taken ({@link #pc} and {@link #cycles} hold the vector and new time).
     */
    private long decodeAt(int pc) {
        boolean bp = !breakpoints.isEmpty() && breakpoints.contains(pc);
        if (bp && pc != breakpointResume) {
            breakpointResume = pc;
            pendingStop = new StopReason.Breakpoint(pc);
            return 0;
        }
        breakpointResume = -1;
        long w = mem.decode(pc, !bp);
        if (w != 0) return w;
        int failed = pc;
        while (mem.page(failed) != null) failed++;
        return fetchError(pc, failed);
    }

    private long fetchError(int pc, int address) {
        if (Integer.compareUnsigned(address, ROM_START) >= 0 && Integer.compareUnsigned(address, ROM_END) < 0) {
            pendingStop = fault("call into ESP8266 ROM", pc, String.format(
                "instruction fetch from ROM address 0x%08x (return address a0 = %s); no ROM is shipped: "
                    + "the firmware must not call ROM functions", address, where(ar[0])));
            return 0;
        }
        log.guestError(SOURCE, "fetch@" + Integer.toHexString(address), String.format(
            "instruction fetch from unmapped address 0x%08x (a0 = %s)", address, where(ar[0])));
        excvaddr = address;
        int vector = enterException(pc, ExcCause.INSTR_PIF_ADDR_ERROR);
        if (mem.page(vector) == null) {
            pendingStop = fault("instruction fetch from unmapped memory", pc, String.format(
                "fetch from 0x%08x failed and the exception vector 0x%08x is not in memory either", address, vector));
            return 0;
        }
        this.pc = vector;
        this.cycles += Lx106Timing.EXCEPTION_ENTRY;
        return -1;
    }

}
