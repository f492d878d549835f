package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.BusFault;
import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.cpu.ArmRegister;
import io.twinboard.emu.cpu.Cpu;
import io.twinboard.emu.cpu.CpuRegister;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.cpu.arm.timing.BlockTiming;
import io.twinboard.emu.cpu.arm.timing.FlashAccelerator;
import io.twinboard.emu.cpu.arm.timing.ThumbInstruction;
import io.twinboard.emu.cpu.arm.unicorn.BlockTrace;
import io.twinboard.emu.cpu.arm.unicorn.UnicornEngine;
import io.twinboard.emu.elf.SymbolTable;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

/**
 * The Cortex-M4 core: Unicorn executes Thumb-2 instructions, Java owns the M-profile system
 * (NVIC, SysTick, SCB, DWT, CoreDebug, exception entry and return, WFI/WFE, semihosting) and the
 * cycle model (DESIGN.md "Time and the cycle model").
 *
 * <p>Cycles: at every translated block the core charges the block's static cost from the timing
 * decoder ({@link BlockTiming}, cached per block address), the taken-branch refill of the
 * previous block, divide early termination and flash wait states through the STM32 ART model
 * ({@link FlashAccelerator}); exception entry 12 and return 10 cycles (tail-chain 6). Core cycles
 * map to virtual time through the core {@link ClockDomain}. Known blocks are recorded by a native
 * hook and charged here in batches, in order, before anything can observe the cycle count
 * ({@link BlockTrace}, docs/native-block-hook.md). MMIO accesses are attributed to the
 * accessing instruction inside the block, so devices, {@code DWT_CYCCNT} and {@code SYST_CVR} see
 * the exact cycle.
 *
 * <p>Interrupts are taken at block boundaries; {@link #run} stops at the first block boundary at
 * or after its deadline (or an earlier scheduler event that appeared while running).
 * Firmware faults are raised architecturally and, by default, stop the run with a decoded
 * {@link io.twinboard.emu.cpu.FaultReport} when the fault handler is entered.
 *
 * <p>Life cycle: construct (maps SCS 0xE000E000 and DWT 0xE0001000 on the bus), load the image
 * into the bus memory, {@link #reset()}, then {@link #run} repeatedly. Memory or device regions
 * added to the bus later are mapped into Unicorn at the next run.
 *
 * <p>Not thread-safe: one machine thread runs the core; {@link #requestStop} may be called from
 * device callbacks on that thread.
 */
public final class CortexM4 implements Cpu {
    /**
     * Construction options.
     *
     * @param externalIrqs           external interrupt lines (91 on the STM32F429)
     * @param cycleAccounting        false = bare Unicorn: no block hook, no cycles or deadlines
     *                               (only for speed comparisons)
     * @param stopOnFault            stop with {@link StopReason.Fault} when a fault handler is entered
     * @param sysTickExternalDivider SysTick reference clock = core clock / this (STM32: 8)
     */
    public record Options(int externalIrqs, boolean cycleAccounting, boolean stopOnFault, int sysTickExternalDivider) {
        public static Options stm32f429() { return new Options(91, true, true, 8); }
        public Options withCycleAccounting(boolean on) { return new Options(externalIrqs, on, stopOnFault, sysTickExternalDivider); }
        public Options withStopOnFault(boolean on) { return new Options(externalIrqs, cycleAccounting, on, sysTickExternalDivider); }
        public Options withExternalIrqs(int n) { return new Options(n, cycleAccounting, stopOnFault, sysTickExternalDivider); }
    }

    public static final long SCS_BASE = 0xE000_E000L;
    public static final long DWT_BASE = 0xE000_1000L;

    final Bus bus;
    final Scheduler scheduler;
    final ClockDomain clock;
    final GuestLog log;
    final SymbolTable symbols;
    final Options options;
    final UnicornEngine engine;
    final Nvic nvic;
    final Scb scb;
    final SysTick sysTick;
    final Dwt dwt;
    final RegisterBank scs;
    /** Cycles, instructions and the ART: how blocks are charged. */
    final CycleAccount account;
    final FlashAccelerator art;
    final ExceptionUnit exceptions;
    private final Semihosting semihosting;
    /** The native hook's side (null in bare mode): its budget and slow flag are set from here. */
    final BlockTrace trace;
    /** {@code -Dtwinboard.chargeInline=true}: charge every trace on the machine thread (for
     *  measuring what the second thread buys; results are identical either way). */
    static final boolean CHARGE_INLINE = Boolean.getBoolean("twinboard.chargeInline");
    private final List<Runnable> resetListeners = new ArrayList<>(1);
    private final TreeSet<Integer> breakpoints = new TreeSet<>();
    final EngineMemoryMap memoryMap;
    private final DeviceAccess devices;

    // ---- execution state (package-private for ExceptionUnit) ---------------------------------
    /** Where execution resumes (Thumb bit clear) while the engine is not running. */
    int pc;
    /** IPSR as the core model knows it (authoritative; Unicorn's copy is kept equal). */
    int ipsr;
    /** WFI/WFE state: sleeping, the event register. */
    final SleepState sleep = new SleepState(this);
    private long runDeadline;
    private long cycleDeadline;
    private int seenVersion;
    /** Read by other threads in {@link #requestStop}. */
    private volatile boolean running;
    private volatile boolean stopRequested;
    private boolean resetRequested;
    private int skipBreakpointAt = -1;
    private boolean codeHookDirty;
    private boolean stopPending;
    private final java.util.Set<Integer> hookedDivides = new java.util.HashSet<>();
    private final List<Integer> divideHooksToInstall = new ArrayList<>();
    private volatile Thread runner;

    /** What a callback asked the run loop to do once the engine has stopped. */
    private int action;
    private static final int A_NONE = 0, A_DEADLINE = 1, A_INTERRUPT = 2, A_SVC = 3, A_BKPT = 4, A_EXC_RETURN = 5,
            A_FAULT = 6, A_BREAKPOINT = 7;
    private int faultExc, faultBits, faultAddress, faultPc;

    final IntUnaryOperator liveRegs;

    public CortexM4(Bus bus, Scheduler scheduler, ClockDomain coreClock, GuestLog log, SymbolTable symbols, Options options) {
        this.bus = bus;
        this.scheduler = scheduler;
        this.clock = coreClock;
        this.log = log;
        this.symbols = symbols == null ? SymbolTable.EMPTY : symbols;
        this.options = options;
        this.engine = new UnicornEngine(new Listener(), options.cycleAccounting());
        this.liveRegs = engine::reg;
        this.trace = engine.blockTrace();
        this.account = new CycleAccount(trace, CHARGE_INLINE, liveRegs);
        this.art = account.art;
        this.memoryMap = new EngineMemoryMap(bus, engine);
        this.devices = new DeviceAccess(this);
        this.nvic = new Nvic(options.externalIrqs());
        this.scs = new RegisterBank("SCS", 0x1000, log);
        this.exceptions = new ExceptionUnit(this);
        this.scb = new Scb(scs, nvic, options.externalIrqs(), () -> ipsr, this::systemResetRequested, this::updateCodeHook, log);
        this.sysTick = new SysTick(nvic, scheduler, coreClock, this::now, options.sysTickExternalDivider());
        this.dwt = new Dwt(this::now, () -> pc, log);
        nvic.declare(scs);
        sysTick.declare(scs);
        dwt.declareCoreDebug(scs, log);
        nvic.onAttention(this::stopAtNextBlock);
        // A new core frequency moves the cycle of every deadline: recompute at the next block.
        coreClock.onFrequencyChange(hz -> seenVersion--);
        this.semihosting = new Semihosting(bus, log, () -> clock.timeOf(account.cycles) / (VirtualTime.PS_PER_MS * 10), c -> {
            System.out.write(c);
            if (c == '\n') System.out.flush();
        });
        bus.mapDevice("SCS", SCS_BASE, 0x1000, scs);
        bus.mapDevice("DWT", DWT_BASE, 0x1000, dwt.bank());
        log.setLocator(() -> symbols == null ? String.format("pc=0x%08x", pc) : "pc=" + this.symbols.describe(pc));
    }

    // ---- public API for the board ------------------------------------------------------------

    /** The request line of external interrupt {@code n} (0-based, NVIC numbering). */
    public IrqLine irq(int n) { return nvic.line(n); }

    /** Called when the firmware requests a system reset (AIRCR.SYSRESETREQ/VECTRESET), between
     *  blocks: listeners reset the rest of the chip, then the core resets itself. */
    public void onSystemReset(Runnable r) { resetListeners.add(r); }

    /** Where semihosting console output goes (one byte per call). Default: System.out. */
    public void setConsole(IntConsumer sink) { semihosting.setConsole(sink); }

    /**
     * The sink for FLASH_ACR values (RM0090 §3.9.1): the STM32 FLASH device calls it on every
     * ACR write so that wait states, prefetch and the ART caches follow the firmware. Flash is
     * 0x0800_0000–0x081F_FFFF and its boot alias at 0 ({@link FlashAccelerator#isFlash}).
     */
    public IntConsumer flashAccessControl() { return account::configureFlash; }

    /** The ART model (hit/miss statistics for the run summary). */
    public FlashAccelerator flashAccelerator() { return art; }

    /** Current virtual time of the core (ps): its clock at its cycle count. */
    public long time() { return clock.timeOf(account.cycles); }

    /** Whether the core sleeps in WFI/WFE. */
    public boolean isSleeping() { return sleep.sleeping; }

    /** The exception currently being handled (IPSR), 0 in thread mode. */
    public int currentException() { return ipsr; }

    /** The exception model (tests and diagnostics). */
    public Nvic nvic() { return nvic; }

    // ---- Cpu ---------------------------------------------------------------------------------

    @Override public String name() { return "cortex-m4"; }
    @Override public long cycles() { return account.cycles; }
    @Override public long idleCycles() { return account.idleCycles; }
    @Override public long instructions() { return account.instructions; }
    @Override public ClockDomain clock() { return clock; }
    @Override public int pc() { return pc; }

    @Override public int readRegister(CpuRegister r) {
        ArmRegister a = (ArmRegister) r;
        if (a == ArmRegister.PC) return pc;
        return engine.read(a);
    }

    @Override public void writeRegister(CpuRegister r, int value) {
        ArmRegister a = (ArmRegister) r;
        if (a == ArmRegister.PC) { pc = value & ~1; return; }
        engine.write(a, value);
    }

    /** Safe from device callbacks (the stop happens at the next block boundary) and from other
     *  threads (Ctrl-C). */
    @Override public void requestStop() {
        stopRequested = true;
        if (!running) return;
        // With the block hook, the next block goes to Java, which stops before it and knows where
        // to resume (stopBeforeBlock); uc_emu_stop from elsewhere could leave a stale PC.
        if (trace != null) trace.setSlow();
        else if (Thread.currentThread() != runner) engine.stop();
    }

    @Override public void addBreakpoint(int address) { breakpoints.add(address & ~1); updateCodeHook(); }

    @Override public void removeBreakpoint(int address) { breakpoints.remove(address & ~1); updateCodeHook(); }

    /** Power-on/system reset of the core (B1.5.5 TakeReset): SCS registers, exception state,
     *  SP and PC from the vector table at address 0 (VTOR resets to 0). Cycles keep counting. */
    @Override public void reset() { resetCore(true); }

    private void resetCore(boolean powerOn) {
        memoryMap.sync();
        scs.reset();
        nvic.reset();
        sysTick.reset();
        if (powerOn) dwt.powerOnReset();
        account.configureFlash(0);
        exceptions.clearLockup();
        ipsr = 0;
        sleep.reset();
        account.prev = null;
        action = A_NONE;
        engine.write(ArmRegister.XPSR, 1 << 24);
        engine.writeIpsr(0);
        engine.write(ArmRegister.CONTROL, 0);
        engine.write(ArmRegister.PRIMASK, 0);
        engine.write(ArmRegister.BASEPRI, 0);
        engine.write(ArmRegister.FAULTMASK, 0);
        engine.write(ArmRegister.LR, 0xFFFF_FFFF);
        int sp, entry;
        try {
            sp = bus.read(0, 4);
            entry = bus.read(4, 4);
        } catch (BusFault f) {
            log.guestError("cortex-m4", "reset.vector", "no vector table at 0: " + f.getMessage());
            sp = 0;
            entry = 0;
        }
        engine.write(ArmRegister.PSP, 0);
        engine.write(ArmRegister.MSP, sp & ~3);
        pc = entry & ~1;
        updateCodeHook();
    }

    @Override public void close() {
        account.close();
        engine.close();
    }


    /** Exact core cycle "now": the accessing instruction's cycle during an MMIO callback. */
    long now() { return devices.now(); }

    // ---- run loop ----------------------------------------------------------------------------

    @Override public StopReason run(long deadline) {
        memoryMap.sync();
        runDeadline = deadline;
        catchUpWithTheScheduler();
        while (true) {
            if (stopRequested) { stopRequested = false; return StopReason.REQUESTED; }
            if (resetRequested) doSystemReset();
            if (codeHookDirty) updateCodeHook();
            if (!divideHooksToInstall.isEmpty()) installDivideHooks();
            StopReason taken = exceptions.takePending();
            if (taken != null) return taken;
            if (sleep.sleeping) {
                StopReason s = sleep.sleepUntil(deadline);
                if (s != null) return s;
                continue;
            }
            if (options.cycleAccounting() && clock.timeOf(account.cycles) >= deadline) return StopReason.DEADLINE;
            StopReason r = execute();
            if (r != null) return r;
        }
    }

    /**
     * Time that passed while the core was stopped (the board let a UART drain at the end of a run,
     * a test stepped the devices) is time the core stood still: it resumes at the scheduler's
     * time, so a clock change made now cannot start before the core's own cycle count.
     */
    private void catchUpWithTheScheduler() {
        if (!options.cycleAccounting()) return;
        account.idleUntil(clock.firstCycleNotBefore(scheduler.now()));
    }

    private StopReason execute() {
        computeCycleDeadline();
        action = A_NONE;
        stopPending = false;
        stoppedBefore = -1;
        runner = Thread.currentThread();
        running = true;
        devices.forgetReads();   // events and the host may have changed devices since the last slice
        armTrace();
        int err;
        try {
            err = engine.start(pc);
        } finally {
            running = false;
            account.drain();
        }
        Throwable t = engine.takeCallbackError();
        if (t != null) throw new IllegalStateException("emulator bug in a Unicorn callback at " + symbols.describe(pc), t);
        int at = stoppedBefore != -1 ? stoppedBefore & ~1 : engine.read(ArmRegister.PC) & ~1;
        if (stoppedBefore != -1) engine.write(ArmRegister.PC, at | 1);
        switch (action) {
            case A_FAULT -> { return exceptions.fault(faultExc, faultBits, faultAddress, faultPc); }
            case A_EXC_RETURN -> { return exceptions.exceptionReturn(at | 1); }
            case A_SVC -> { pc = at; return exceptions.supervisorCall(); }
            case A_BKPT -> { return breakpointInstruction(at); }
            case A_BREAKPOINT -> { pc = at; skipBreakpointAt = at; return new StopReason.Breakpoint(at); }
            case A_DEADLINE -> { pc = at; return StopReason.DEADLINE; }
            default -> { }
        }
        if (err == UnicornEngine.ERR_INSN_INVALID && sleep.wfeJustExecuted(at)) err = 0;
        if (err == UnicornEngine.ERR_INSN_INVALID) return exceptions.fault(Nvic.USAGEFAULT, Scb.UNDEFINSTR, 0, at);
        if (err != 0) {
            log.guestError("cortex-m4", "uc" + err, "Unicorn stopped with error " + err + " at " + symbols.describe(at));
            return exceptions.fault(Nvic.HARDFAULT, 0, 0, at);
        }
        pc = at;
        if (action == A_NONE) sleep.afterStop(at);
        return null;
    }

    private StopReason breakpointInstruction(int at) {
        int hw = bus.read(at & 0xFFFF_FFFFL, 2);
        if ((hw & 0xFF) != 0xAB) {
            pc = at;
            return new StopReason.Breakpoint(at);
        }
        Semihosting.Result res = semihosting.call(engine.reg(0), engine.reg(1));
        pc = at + 2;
        if (res.exit()) return new StopReason.Exit(res.exitCode());
        engine.write(ArmRegister.R0, res.r0());
        return null;
    }

    private void computeCycleDeadline() {
        seenVersion = scheduler.deadlineVersion();
        long d = Math.min(runDeadline, scheduler.nextDeadline());
        cycleDeadline = d == VirtualTime.NEVER ? Long.MAX_VALUE : clock.firstCycleNotBefore(d);
    }

    private void systemResetRequested() {
        resetRequested = true;
    }

    /**
     * Makes the engine stop before the next block. Never call {@code uc_emu_stop} from an MMIO
     * callback: Unicorn 2.0.1 then leaves at once with PC at the block start and the rest of the
     * block unexecuted, so resuming would repeat the block's side effects.
     */
    private void stopAtNextBlock() {
        if (!running) return;
        stopPending = true;
        if (trace != null) trace.setSlow();
    }

    /**
     * SYSRESETREQ (ARMv7-M B3.2.6, RM0090 §7.1.2): the rest of the chip resets through the
     * listeners (RCC back to HSI, FLASH_ACR 0, …), then the core and its system control space,
     * but not the debug logic (DWT, DEMCR): a system reset is not a power-on reset.
     */
    private void doSystemReset() {
        resetRequested = false;
        for (Runnable r : resetListeners) r.run();
        resetCore(false);
    }

    /** The per-instruction hook is needed for breakpoints and the CCR traps only. */
    private void updateCodeHook() {
        boolean need = !breakpoints.isEmpty() || scb.divideByZeroTrap() || scb.unalignedTrap();
        if (running) { // cannot change hooks inside a callback: finish the block, then apply
            codeHookDirty = true;
            stopAtNextBlock();
            return;
        }
        codeHookDirty = false;
        engine.setCodeHook(need);
    }

    // ---- callbacks from Unicorn --------------------------------------------------------------

    /** Fault raised from a callback; the run loop performs it once the engine has stopped. */
    void stopForFault(int exc, int bits, int address, int faultingPc) {
        if (action == A_FAULT) return;
        action = A_FAULT;
        faultExc = exc;
        faultBits = bits;
        faultAddress = address;
        faultPc = faultingPc;
        engine.stop();
    }

    /** The block Unicorn is executing (decoded on demand when the block hook is off). */
    BlockTiming blockAt(int address) {
        BlockTiming b = account.current();
        if (b != null && Integer.compareUnsigned(address - b.address(), Math.max(2, b.size())) < 0) return b;
        return BlockTiming.decode(address, 64, this::halfword);
    }

    int halfword(int address) {
        try {
            return bus.read(address & 0xFFFF_FFFFL, 2);
        } catch (BusFault f) {
            return 0;
        }
    }

    /** Queues instruction hooks for the block's unstable divides; true when some are new. */
    private boolean needsDivideHooks(BlockTiming b) {
        boolean added = false;
        for (int k = 0; k < b.divideCount(); k++) {
            if (b.divideOperandsStable(k)) continue;
            int a = b.instruction(b.divideIndex(k)).address();
            if (hookedDivides.add(a)) { divideHooksToInstall.add(a); added = true; }
        }
        return added;
    }

    private void installDivideHooks() {
        for (int a : divideHooksToInstall) engine.hookInstruction(a);
        divideHooksToInstall.clear();
    }

    /**
     * Stops the engine from the block hook, before the block at {@code address} runs.
     *
     * <p>Measured on Unicorn 2.0.1 with firmware: after such a stop, the PC Unicorn reports can be
     * stale — the start of an earlier block of a chain of translated blocks that jumped to each
     * other without writing the PC back (memset's loop reported its entry block; resuming there
     * ran {@code add r2, r0} twice and mbedTLS crashed). The block hook's own address is the
     * truth, so the run resumes there.
     */
    private void stopBeforeBlock(int address) {
        stoppedBefore = address;
        if (trace != null) trace.setSlow();
        engine.stop();
    }

    /**
     * Lets the native hook run blocks on its own until the sum of their cycle bounds reaches the
     * next deadline; anything that needs a per-block decision (a stop, a pending interrupt that
     * may preempt) keeps it on the Java hook.
     */
    void armTrace() {
        if (trace == null) return;
        if (scheduler.deadlineVersion() != seenVersion) computeCycleDeadline();
        boolean slow = stopPending || stopRequested || resetRequested || action != A_NONE || nvic.anyPending();
        account.arm(cycleDeadline, slow);
    }


    /** Block start where {@link #stopBeforeBlock} stopped; -1 when the last stop came from elsewhere. */
    private int stoppedBefore = -1;

    private final class Listener implements UnicornEngine.Listener {
        /**
         * Runs before the block executes; all stop decisions are made here (see
         * {@link #stopBeforeBlock}), and the block is charged only if it runs.
         */
        @Override public void block(int address, int size) {
            if (account.handOverFullTrace(address, size)) return;
            account.drain();
            if (stopPending || stopRequested || resetRequested) { stopPending = false; stopBeforeBlock(address); return; }
            if (scheduler.deadlineVersion() != seenVersion) computeCycleDeadline();
            if (account.cycles >= cycleDeadline) { action = A_DEADLINE; stopBeforeBlock(address); return; }
            if (nvic.anyPending() && exceptions.wouldPreempt()) { action = A_INTERRUPT; stopBeforeBlock(address); return; }
            BlockEntry p = account.prev;
            BlockEntry e = p != null ? p.next : null;
            if (e == null || e.address != address || e.size != size) {
                e = account.block(address, size);
                if (e == null) {
                    e = account.newBlock(BlockTiming.decode(address, size, CortexM4.this::halfword), address, size);
                    if (needsDivideHooks(e.timing)) { stopBeforeBlock(address); return; } // hooks go in before it runs
                }
            }
            account.charge(e);
            if (e.sendsEvent) sleep.event();
            armTrace();
        }

        /** A divide whose operands change inside its block: charge its early termination now. */
        @Override public void hooked(int address) {
            account.drain();
            try {
                account.chargeDivide(address);
            } finally {
                armTrace();
            }
        }

        @Override public void code(int address, int size) {
            account.drain();
            if (!breakpoints.isEmpty() && breakpoints.contains(address)) {
                if (skipBreakpointAt == address) skipBreakpointAt = -1;
                else { action = A_BREAKPOINT; engine.stop(); return; }
            } else skipBreakpointAt = -1;
            if (!scb.divideByZeroTrap() && !scb.unalignedTrap()) return;
            BlockTiming b = blockAt(address);
            int i = b.indexOf(address);
            if (i < 0) return;
            ThumbInstruction ins = b.instruction(i);
            if (scb.divideByZeroTrap() && ins.isDivide() && engine.reg(ins.divisorRegister()) == 0) {
                stopForFault(Nvic.USAGEFAULT, Scb.DIVBYZERO, 0, address);
            } else if (scb.unalignedTrap() && ins.isMemoryAccess() && ins.memSize() > 1 && !ins.isPcRelative()) {
                int ea = ins.effectiveAddress(liveRegs);
                if ((ea & (ins.memSize() - 1)) != 0) stopForFault(Nvic.USAGEFAULT, Scb.UNALIGNED, 0, address);
            }
        }

        @Override public void interrupt(int intno) {
            account.drain();
            int at = engine.read(ArmRegister.PC) & ~1;
            switch (intno) {
                case UnicornEngine.EXCP_SWI -> action = A_SVC;
                case UnicornEngine.EXCP_BKPT -> action = A_BKPT;
                case UnicornEngine.EXCP_EXCEPTION_EXIT -> action = A_EXC_RETURN;
                case UnicornEngine.EXCP_UDEF -> stopForFault(Nvic.USAGEFAULT, Scb.UNDEFINSTR, 0, at);
                case UnicornEngine.EXCP_NOCP -> stopForFault(Nvic.USAGEFAULT, Scb.NOCP, 0, at);
                case UnicornEngine.EXCP_INVSTATE -> stopForFault(Nvic.USAGEFAULT, Scb.INVSTATE, 0, at);
                case UnicornEngine.EXCP_UNALIGNED -> stopForFault(Nvic.USAGEFAULT, Scb.UNALIGNED, 0, at);
                case UnicornEngine.EXCP_DIVBYZERO -> stopForFault(Nvic.USAGEFAULT, Scb.DIVBYZERO, 0, at);
                case UnicornEngine.EXCP_PREFETCH_ABORT -> stopForFault(Nvic.MEMMANAGE, Scb.IACCVIOL, 0, at);
                default -> stopForFault(Nvic.HARDFAULT, 0, 0, at);
            }
            engine.stop();
        }

        @Override public void invalidMemory(int type, int address, int size, int value) {
            account.drain();
            int blockPc = engine.read(ArmRegister.PC) & ~1;
            switch (type) {
                case UnicornEngine.MEM_FETCH_UNMAPPED, UnicornEngine.MEM_FETCH_PROT -> {
                    boolean xn = Integer.compareUnsigned(address, 0xE000_0000) >= 0;
                    if (xn) stopForFault(Nvic.MEMMANAGE, Scb.IACCVIOL, 0, address);
                    else stopForFault(Nvic.BUSFAULT, Scb.IBUSERR, 0, address);
                }
                default -> {
                    boolean write = type == UnicornEngine.MEM_WRITE_UNMAPPED || type == UnicornEngine.MEM_WRITE_PROT;
                    BlockTiming b = blockAt(blockPc);
                    int i = b.findAccessIndex(address, size, write, 0, liveRegs);
                    int at = i >= 0 ? b.instruction(i).address() : blockPc;
                    stopForFault(Nvic.BUSFAULT, Scb.PRECISERR | Scb.BFARVALID, address, at);
                }
            }
        }

        @Override public int mmioRead(int window, int offset, int size) { return devices.read(window, offset, size); }

        @Override public void mmioWrite(int window, int offset, int size, int value) { devices.write(window, offset, size, value); }
    }
}
