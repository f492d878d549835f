package io.twinboard.emu.cpu.arm.unicorn;

import io.twinboard.emu.bus.Region;
import io.twinboard.emu.cpu.ArmRegister;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One Unicorn 2 engine in ARM Thumb M-class mode (Cortex-M4 model), bound with the Java FFM API.
 * This package is the only place with native code; nothing native leaves it: callers see our
 * {@link ArmRegister} enum, {@link Region}s and the {@link Listener} callbacks.
 *
 * <p>Facts this class relies on (measured on Debian's 2.0.1, see reference/unicorn.md and
 * {@code UnicornEngineTest}): SVC surfaces as interrupt {@link #EXCP_SWI} with PC after the SVC;
 * BKPT as {@link #EXCP_BKPT} with PC at the BKPT; UDF as {@link #EXCP_UDEF}; WFI makes
 * {@code uc_emu_start} return normally with PC after the WFI; in handler mode (IPSR != 0) a
 * branch to EXC_RETURN raises {@link #EXCP_EXCEPTION_EXIT} with PC = EXC_RETURN &amp; ~1; writing
 * IPSR switches Unicorn to handler mode and banks SP to MSP. PC inside memory callbacks is the
 * block start.
 *
 * <p>Callbacks run on the thread that called {@link #start}; they must not throw (an exception
 * escaping an upcall would kill the JVM), so every upcall is guarded and a throwable is kept for
 * {@link #takeCallbackError()}. Never write PC from a callback: Unicorn would longjmp across the
 * Java frames.
 */
public final class UnicornEngine implements AutoCloseable {
    /** QEMU exception numbers reported to the interrupt hook (target/arm/cpu.h). */
    public static final int EXCP_UDEF = 1, EXCP_SWI = 2, EXCP_PREFETCH_ABORT = 3, EXCP_DATA_ABORT = 4,
            EXCP_BKPT = 7, EXCP_EXCEPTION_EXIT = 8, EXCP_NOCP = 17, EXCP_INVSTATE = 18,
            EXCP_UNALIGNED = 22, EXCP_DIVBYZERO = 23;

    /** uc_err of an undefined instruction (Unicorn reports it as an error, not an interrupt). */
    public static final int ERR_INSN_INVALID = 10;

    /** Kinds of invalid memory access (uc_mem_type). */
    public static final int MEM_READ_UNMAPPED = 19, MEM_WRITE_UNMAPPED = 20, MEM_FETCH_UNMAPPED = 21,
            MEM_WRITE_PROT = 22, MEM_READ_PROT = 23, MEM_FETCH_PROT = 24;

    /** Receives Unicorn's callbacks. Implementations must not allocate on the block path. */
    public interface Listener {
        /** A translated block at {@code address} of {@code size} bytes is about to execute and
         *  the native hook did not take it (see {@link BlockTrace}). */
        void block(int address, int size);

        /** A single instruction is about to execute (only with {@link #setCodeHook(boolean)}). */
        void code(int address, int size);

        /** An instruction hooked with {@link #hookInstruction} is about to execute. */
        void hooked(int address);

        /** An exception was raised by the instruction stream (EXCP_* number). */
        void interrupt(int intno);

        /** An invalid access; return value is ignored, the engine always stops on it. */
        void invalidMemory(int type, int address, int size, int value);

        /** Read from MMIO window {@code window} (index from {@link #mapMmio}) at {@code offset}. */
        int mmioRead(int window, int offset, int size);

        void mmioWrite(int window, int offset, int size, int value);
    }

    private static final int UC_ARCH_ARM = 1, UC_MODE_THUMB = 16, UC_MODE_MCLASS = 32;
    private static final int UC_CPU_ARM_CORTEX_M4 = 9;
    private static final int UC_CTL_CPU_MODEL_WRITE = 0x44000007;
    private static final int UC_CTL_TB_FLUSH_WRITE = 0x4000000a;
    private static final int UC_CTL_TB_REMOVE_CACHE_WRITE = 0x48000009;
    private static final int UC_HOOK_INTR = 1, UC_HOOK_CODE = 4, UC_HOOK_BLOCK = 8;
    private static final int UC_HOOK_MEM_INVALID = 112 + 896;
    private static final int UC_PROT_READ = 1, UC_PROT_WRITE = 2, UC_PROT_EXEC = 4;
    private static final int UC_ARM_REG_LR = 10, UC_ARM_REG_PC = 11, UC_ARM_REG_SP = 12, UC_ARM_REG_R0 = 66,
            UC_ARM_REG_IPSR = 114, UC_ARM_REG_MSP = 115, UC_ARM_REG_PSP = 116, UC_ARM_REG_CONTROL = 117,
            UC_ARM_REG_XPSR = 120, UC_ARM_REG_PRIMASK = 123, UC_ARM_REG_BASEPRI = 124, UC_ARM_REG_FAULTMASK = 126,
            UC_ARM_REG_S0 = 79, UC_ARM_REG_FPSCR = 6;   // values from unicorn/arm.h (uc_arm_reg)

    /** Unicorn register id per {@link ArmRegister} ordinal. */
    private static final int[] REG_IDS = new int[ArmRegister.values().length];
    static {
        for (int i = 0; i <= 12; i++) REG_IDS[i] = UC_ARM_REG_R0 + i;
        REG_IDS[ArmRegister.SP.ordinal()] = UC_ARM_REG_SP;
        REG_IDS[ArmRegister.LR.ordinal()] = UC_ARM_REG_LR;
        REG_IDS[ArmRegister.PC.ordinal()] = UC_ARM_REG_PC;
        REG_IDS[ArmRegister.XPSR.ordinal()] = UC_ARM_REG_XPSR;
        REG_IDS[ArmRegister.MSP.ordinal()] = UC_ARM_REG_MSP;
        REG_IDS[ArmRegister.PSP.ordinal()] = UC_ARM_REG_PSP;
        REG_IDS[ArmRegister.PRIMASK.ordinal()] = UC_ARM_REG_PRIMASK;
        REG_IDS[ArmRegister.BASEPRI.ordinal()] = UC_ARM_REG_BASEPRI;
        REG_IDS[ArmRegister.FAULTMASK.ordinal()] = UC_ARM_REG_FAULTMASK;
        REG_IDS[ArmRegister.CONTROL.ordinal()] = UC_ARM_REG_CONTROL;
    }

    /** Why {@link #N} is null. */
    private static String loadError;
    private static final Native N = Native.load();

    private final Arena arena = Arena.ofShared();
    private final MemorySegment uc;
    private final MemorySegment scratch;
    private final MemorySegment hookHandle;
    private final Listener listener;
    private final MemorySegment mmioReadStub;
    private final MemorySegment mmioWriteStub;
    private long codeHook;
    private MemorySegment hookedStub;
    private Throwable callbackError;
    private int mmioWindows;
    private BlockTrace blockTrace;

    /**
     * Opens an engine. {@code blockHook=false} installs no block hook at all (bare speed, no
     * cycle accounting).
     *
     * @throws IllegalStateException when libunicorn.so.2 is missing or refuses the mode
     */
    public UnicornEngine(Listener listener, boolean blockHook) {
        if (N == null) throw new IllegalStateException(loadError);
        this.listener = listener;
        this.scratch = arena.allocate(64, 8);
        this.hookHandle = arena.allocate(JAVA_LONG);
        check(invokeInt(N.open, UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, scratch), "uc_open");
        this.uc = scratch.get(ADDRESS, 0);
        check(invokeCtlInt(UC_CTL_CPU_MODEL_WRITE, UC_CPU_ARM_CORTEX_M4), "uc_ctl(CPU_MODEL=Cortex-M4)");
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            Linker linker = Linker.nativeLinker();
            mmioReadStub = linker.upcallStub(l.findVirtual(UnicornEngine.class, "onMmioRead",
                    MethodType.methodType(long.class, long.class, long.class, int.class, long.class)).bindTo(this),
                    FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG), arena);
            mmioWriteStub = linker.upcallStub(l.findVirtual(UnicornEngine.class, "onMmioWrite",
                    MethodType.methodType(void.class, long.class, long.class, int.class, long.class, long.class)).bindTo(this),
                    FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), arena);
            MemorySegment intr = linker.upcallStub(l.findVirtual(UnicornEngine.class, "onInterrupt",
                    MethodType.methodType(void.class, long.class, int.class, long.class)).bindTo(this),
                    FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_INT, JAVA_LONG), arena);
            addHook(UC_HOOK_INTR, intr, 1, 0);
            MemorySegment inval = linker.upcallStub(l.findVirtual(UnicornEngine.class, "onInvalid",
                    MethodType.methodType(boolean.class, long.class, int.class, long.class, int.class, long.class, long.class)).bindTo(this),
                    FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), arena);
            addHook(UC_HOOK_MEM_INVALID, inval, 1, 0);
            if (blockHook) {
                // The hottest callback goes through one shared static stub (no bound handle, one
                // method-handle layer less per block); user data is this engine's slot number.
                MemorySegment blk = blockStub(linker, l);
                slot = register(this);
                // The native hook (BlockTrace) handles known blocks and calls the Java stub for the rest.
                blockTrace = new BlockTrace(arena, blk, slot);
                addHook(UC_HOOK_BLOCK, BlockTrace.hookFunction(), blockTrace.state(), 1, 0);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The native engine handle (uc_engine *), for the tests of UnicornFixes. */
    MemorySegment handle() { return uc; }

    /** The native block hook's trace and block table; null without a block hook. */
    public BlockTrace blockTrace() { return blockTrace; }

    /** Whether libunicorn.so.2 can be loaded here. */
    public static boolean available() { return N != null; }

    // ---- memory -----------------------------------------------------------------------------

    /** Maps a memory region on its own backing (flash read-only + exec, RAM read/write/exec). */
    public void mapMemory(Region.Memory m) {
        int perms = UC_PROT_READ | UC_PROT_EXEC | (m.writable() ? UC_PROT_WRITE : 0);
        check(invokeInt(N.memMapPtr, uc, m.base(), m.size(), perms, m.backing()), "uc_mem_map_ptr " + m.name());
    }

    /** Maps an MMIO window; callbacks reach {@link Listener#mmioRead} with the returned index. */
    public int mapMmio(long base, long size) {
        int index = mmioWindows++;
        MemorySegment user = MemorySegment.ofAddress(index);
        try {
            // With the block hook, reads go through the native side first: it answers repeated
            // status-register reads the Java side cached (BlockTrace.cacheRead).
            MemorySegment read = blockTrace == null ? mmioReadStub : BlockTrace.mmioReadFunction();
            MemorySegment readUser = blockTrace == null ? user : blockTrace.mmioWindow(index, mmioReadStub);
            check((int) N.mmioMap.invokeExact(uc, base, size, read, readUser, mmioWriteStub, user), "uc_mmio_map");
        } catch (Throwable t) { throw rethrow(t); }
        return index;
    }

    /** Host read of guest memory through Unicorn's view; false when unmapped. */
    public boolean readMemory(long address, byte[] out) {
        MemorySegment buf = out.length <= scratch.byteSize() ? scratch : arena.allocate(out.length);
        int err = invokeInt(N.memRead, uc, address, buf, (long) out.length);
        if (err != 0) return false;
        MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, out, 0, out.length);
        return true;
    }

    /** Drops every translated block (after code was patched or hooks changed). */
    public void flushTranslations() {
        try {
            int err = (int) N.ctl0.invokeExact(uc, UC_CTL_TB_FLUSH_WRITE);
            check(err, "uc_ctl(TB_FLUSH)");
        } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- registers --------------------------------------------------------------------------

    public int read(ArmRegister r) { return readId(REG_IDS[r.ordinal()]); }

    public void write(ArmRegister r, int value) { writeId(REG_IDS[r.ordinal()], value); }

    /** r0..r15 by number. */
    public int reg(int n) { return readId(n == 13 ? UC_ARM_REG_SP : n == 14 ? UC_ARM_REG_LR : n == 15 ? UC_ARM_REG_PC : UC_ARM_REG_R0 + n); }

    public int ipsr() { return readId(UC_ARM_REG_IPSR) & 0x1FF; }

    /** Sets IPSR; Unicorn enters handler mode (SP = MSP) when non-zero. */
    public void writeIpsr(int exception) { writeId(UC_ARM_REG_IPSR, exception); }

    /** Single-precision register S{@code n} (0..31), for host-side FP context handling. */
    public int readS(int n) { return readId(UC_ARM_REG_S0 + n); }

    public void writeS(int n, int value) { writeId(UC_ARM_REG_S0 + n, value); }

    public int readFpscr() { return readId(UC_ARM_REG_FPSCR); }

    public void writeFpscr(int v) { writeId(UC_ARM_REG_FPSCR, v); }

    private int readId(int id) {
        try {
            int err = (int) N.regRead.invokeExact(uc, id, scratch);
            return err == 0 ? scratch.get(JAVA_INT, 0) : 0;
        } catch (Throwable t) { throw rethrow(t); }
    }

    private void writeId(int id, int value) {
        scratch.set(JAVA_INT, 0, value);
        scratch.set(JAVA_INT, 4, 0);
        try {
            int err = (int) N.regWrite.invokeExact(uc, id, scratch);
            check(err, "uc_reg_write(" + id + ")");
        } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- execution --------------------------------------------------------------------------

    /**
     * Runs from {@code pc} (Thumb bit added) until {@link #stop()} or an error.
     * @return 0 (stopped or WFI) or the uc_err code of an invalid access / unhandled exception
     */
    public int start(int pc) {
        try {
            return (int) N.emuStart.invokeExact(uc, (long) (pc | 1) & 0xFFFFFFFFL, 0xFFFFFFFFL, 0L, 0L);
        } catch (Throwable t) { throw rethrow(t); }
    }

    /** Asks the engine to stop at the end of the current block; safe from callbacks. */
    public void stop() {
        try {
            int ignored = (int) N.emuStop.invokeExact(uc);
        } catch (Throwable t) { throw rethrow(t); }
    }

    /** Installs or removes the per-instruction code hook (slow; used only for CCR traps). */
    public void setCodeHook(boolean on) {
        if (on == (codeHook != 0)) return;
        try {
            if (on) {
                MemorySegment stub = Linker.nativeLinker().upcallStub(MethodHandles.lookup().findVirtual(UnicornEngine.class, "onCode",
                        MethodType.methodType(void.class, long.class, long.class, int.class, long.class)).bindTo(this),
                        FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG), arena);
                codeHook = addHook(UC_HOOK_CODE, stub, 1, 0);
            } else {
                check((int) N.hookDel.invokeExact(uc, codeHook), "uc_hook_del");
                codeHook = 0;
            }
        } catch (Throwable t) { throw rethrow(t); }
        flushTranslations();
    }

    /**
     * Calls {@link Listener#hooked} before every execution of the instruction at {@code address}
     * and drops the translated code around it so the hook takes effect. Not from a callback.
     */
    public void hookInstruction(int address) {
        try {
            if (hookedStub == null) {
                hookedStub = Linker.nativeLinker().upcallStub(MethodHandles.lookup().findVirtual(UnicornEngine.class, "onHooked",
                        MethodType.methodType(void.class, long.class, long.class, int.class, long.class)).bindTo(this),
                        FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG), arena);
            }
        } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }
        long a = address & 0xFFFF_FFFEL;
        addHook(UC_HOOK_CODE, hookedStub, a, a);
        try {
            int err = (int) N.ctl2.invokeExact(uc, UC_CTL_TB_REMOVE_CACHE_WRITE, a & ~0x3FFL, (a & ~0x3FFL) + 0x800L);
            if (err != 0) flushTranslations();
        } catch (Throwable t) { throw rethrow(t); }
    }

    /** A throwable a callback raised since the last call (the engine was stopped), or null. */
    public Throwable takeCallbackError() {
        Throwable t = callbackError;
        callbackError = null;
        return t;
    }

    @Override public void close() {
        try {
            int ignored = (int) N.close.invokeExact(uc);
        } catch (Throwable t) { throw rethrow(t); }
        unregister(slot);
        arena.close();
    }

    // ---- upcalls ----------------------------------------------------------------------------
    // Pointer parameters are declared as longs (same register class in the SysV x86-64 and
    // AAPCS64 ABIs): an ADDRESS parameter would make the JVM create a MemorySegment per call.

    private static void onBlock(long ucp, long address, int size, long user) {
        UnicornEngine e = ENGINES[(int) user];
        try { e.listener.block((int) address, size); } catch (Throwable t) { e.failed(t); }
    }

    /** Engines with a block hook, by slot; the block stub's user data is the slot. */
    private static volatile UnicornEngine[] ENGINES = new UnicornEngine[4];
    private static MemorySegment sharedBlockStub;
    private int slot = -1;

    private static synchronized MemorySegment blockStub(Linker linker, MethodHandles.Lookup l) throws ReflectiveOperationException {
        if (sharedBlockStub == null) {
            sharedBlockStub = linker.upcallStub(l.findStatic(UnicornEngine.class, "onBlock",
                    MethodType.methodType(void.class, long.class, long.class, int.class, long.class)),
                    FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG), Arena.global());
        }
        return sharedBlockStub;
    }

    private static synchronized int register(UnicornEngine e) {
        UnicornEngine[] a = ENGINES;
        for (int i = 0; i < a.length; i++) if (a[i] == null) { a[i] = e; return i; }
        UnicornEngine[] b = java.util.Arrays.copyOf(a, a.length * 2);
        b[a.length] = e;
        ENGINES = b;
        return a.length;
    }

    private static synchronized void unregister(int slot) {
        if (slot >= 0) ENGINES[slot] = null;
    }

    private void onCode(long ucp, long address, int size, long user) {
        try { listener.code((int) address, size); } catch (Throwable t) { failed(t); }
    }

    private void onHooked(long ucp, long address, int size, long user) {
        try { listener.hooked((int) address); } catch (Throwable t) { failed(t); }
    }

    private void onInterrupt(long ucp, int intno, long user) {
        try { listener.interrupt(intno); } catch (Throwable t) { failed(t); }
    }

    private boolean onInvalid(long ucp, int type, long address, int size, long value, long user) {
        try { listener.invalidMemory(type, (int) address, size, (int) value); } catch (Throwable t) { failed(t); }
        return false;
    }

    private long onMmioRead(long ucp, long offset, int size, long user) {
        try { return listener.mmioRead((int) user, (int) offset, size) & 0xFFFFFFFFL; }
        catch (Throwable t) { failed(t); return 0; }
    }

    private void onMmioWrite(long ucp, long offset, int size, long value, long user) {
        try { listener.mmioWrite((int) user, (int) offset, size, (int) value); } catch (Throwable t) { failed(t); }
    }

    private void failed(Throwable t) {
        if (callbackError == null) callbackError = t;
        stop();
    }

    // ---- native plumbing --------------------------------------------------------------------

    private long addHook(int type, MemorySegment callback, long begin, long end) {
        return addHook(type, callback, MemorySegment.NULL, begin, end);
    }

    private long addHook(int type, MemorySegment callback, MemorySegment user, long begin, long end) {
        try {
            check((int) N.hookAdd.invokeExact(uc, hookHandle, type, callback, user, begin, end), "uc_hook_add(" + type + ")");
        } catch (Throwable t) { throw rethrow(t); }
        return hookHandle.get(JAVA_LONG, 0);
    }

    private int invokeCtlInt(int control, int arg) {
        try { return (int) N.ctlInt.invokeExact(uc, control, arg); } catch (Throwable t) { throw rethrow(t); }
    }

    private static int invokeInt(MethodHandle h, Object... args) {
        try { return (int) h.invokeWithArguments(args); } catch (Throwable t) { throw rethrow(t); }
    }

    private static void check(int err, String what) {
        if (err != 0) throw new IllegalStateException(what + " failed: " + strerror(err));
    }

    static String strerror(int err) {
        try {
            MemorySegment s = (MemorySegment) N.strerror.invokeExact(err);
            return s.reinterpret(256).getString(0) + " (" + err + ")";
        } catch (Throwable t) { return "uc_err " + err; }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    /** Downcall handles, resolved once. */
    private record Native(MethodHandle open, MethodHandle close, MethodHandle ctlInt, MethodHandle ctl0, MethodHandle ctl2,
                          MethodHandle memMapPtr, MethodHandle mmioMap, MethodHandle memRead,
                          MethodHandle regRead, MethodHandle regWrite, MethodHandle emuStart,
                          MethodHandle emuStop, MethodHandle hookAdd, MethodHandle hookDel,
                          MethodHandle strerror) {
        static Native load() {
            try {
                BlockTrace.loadNativeLibrary();   // first: it must be global before libunicorn binds its symbols
            } catch (IllegalStateException e) {
                loadError = e.getMessage();
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup lib = SymbolLookup.libraryLookup("libunicorn.so.2", Arena.global());
                UnicornFixes.bind();
                Linker.Option critical = Linker.Option.critical(false);
                return new Native(
                        h(linker, lib, "uc_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS)),
                        h(linker, lib, "uc_close", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                        h(linker, lib, "uc_ctl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2)),
                        h(linker, lib, "uc_ctl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2)),
                        h(linker, lib, "uc_ctl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2)),
                        h(linker, lib, "uc_mem_map_ptr", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS)),
                        h(linker, lib, "uc_mmio_map", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS)),
                        h(linker, lib, "uc_mem_read", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
                        h(linker, lib, "uc_reg_read", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), critical),
                        h(linker, lib, "uc_reg_write", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), critical),
                        h(linker, lib, "uc_emu_start", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG)),
                        h(linker, lib, "uc_emu_stop", FunctionDescriptor.of(JAVA_INT, ADDRESS), critical),
                        h(linker, lib, "uc_hook_add", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(7)),
                        h(linker, lib, "uc_hook_del", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG)),
                        h(linker, lib, "uc_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT)));
            } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
                loadError = "libunicorn.so.2 not found (Debian package libunicorn2)";
                return null;
            }
        }

        private static MethodHandle h(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd, Linker.Option... options) {
            return linker.downcallHandle(lib.find(name).orElseThrow(() -> new IllegalArgumentException(name)), fd, options);
        }
    }
}
