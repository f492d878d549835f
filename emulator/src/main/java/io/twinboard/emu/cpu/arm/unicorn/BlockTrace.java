package io.twinboard.emu.cpu.arm.unicorn;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The state of the native block hook ({@code src/main/c/block_hook.c}, docs/native-block-hook.md):
 * a table of known blocks with their ids and cycle upper bounds, the trace of block ids run
 * since the Java side last looked, the cycle budget and the slow flag.
 *
 * <p>Protocol: the hook appends the id of each known, non-slow block to the trace and subtracts
 * its bound from the budget while the budget is positive and the slow flag is clear; anything
 * else calls the Java hook. The Java side must {@link #clear} the trace after charging it, and
 * {@link #arm} the budget (cycles to the next deadline) after every callback that may move the
 * deadline. The struct layout is mirrored field by field from the C file.
 *
 * <p>Not thread-safe: touched only by the thread running the engine (and between runs).
 */
public final class BlockTrace {
    private static final long BUDGET = 0, SLOW = 8, COUNT = 12, CAPACITY = 16, MASK = 20, TRACE = 24,
            SLOTS = 32, JAVA = 40, JAVA_USER = 48, READ_WINDOW = 56, READ_OFFSET = 60, READ_SIZE = 64, READ_VALUE = 68,
            STATE_BYTES = 72;
    /** struct tb_mmio_window: state, Java stub, its user data, window index. */
    private static final long WINDOW_STATE = 0, WINDOW_JAVA = 8, WINDOW_JAVA_USER = 16, WINDOW_INDEX = 24, WINDOW_BYTES = 32;
    /** struct tb_block_slot: key (8 bytes), id (4), bound (4). */
    private static final long SLOT_BYTES = 16, SLOT_ID = 8, SLOT_BOUND = 12;

    /** Trace entries per batch: big enough that draining is rare, small enough to stay in L1/L2. */
    public static final int CAPACITY_ENTRIES = 4096;

    private static final String LIBRARY = "libtwinboard-blockhook.so";

    private final Arena arena;
    private final MemorySegment state;
    private final MemorySegment trace;
    private MemorySegment table;
    private int slots, used;

    BlockTrace(Arena arena, MemorySegment javaHook, long javaUser) {
        this.arena = arena;
        this.state = arena.allocate(STATE_BYTES, 8);
        this.trace = arena.allocate(4L * CAPACITY_ENTRIES, 8);
        state.set(ADDRESS, TRACE, trace);
        state.set(JAVA_INT, CAPACITY, CAPACITY_ENTRIES);
        state.set(ADDRESS, JAVA, javaHook);
        state.set(JAVA_LONG, JAVA_USER, javaUser);
        allocateTable(32768);   // 512 KB: code within a 64 KB window maps without wrapping
        forgetRead();
        arm(0, true);
    }

    /** Address of {@code twinboard_mmio_read}: answers cached repeatable reads, else calls Java. */
    static MemorySegment mmioReadFunction() {
        return symbol("twinboard_mmio_read");
    }

    /** The user data of {@link #mmioReadFunction} for MMIO window {@code window}, whose reads
     *  otherwise go to {@code javaStub} with user data {@code window}. */
    MemorySegment mmioWindow(int window, MemorySegment javaStub) {
        MemorySegment w = arena.allocate(WINDOW_BYTES, 8);
        w.set(ADDRESS, WINDOW_STATE, state);
        w.set(ADDRESS, WINDOW_JAVA, javaStub);
        w.set(JAVA_LONG, WINDOW_JAVA_USER, window);
        w.set(JAVA_INT, WINDOW_INDEX, window);
        return w;
    }

    /**
     * Lets the native side answer reads of ({@code window}, {@code offset}, {@code size}) with
     * {@code value} while the budget is positive and the slow flag clear, until
     * {@link #forgetRead}. Only for a register whose re-reads return the same value and change
     * nothing until a device event or another access (MmioDevice.repeatableRead).
     */
    public void cacheRead(int window, int offset, int size, int value) {
        state.set(JAVA_INT, READ_OFFSET, offset);
        state.set(JAVA_INT, READ_SIZE, size);
        state.set(JAVA_INT, READ_VALUE, value);
        state.set(JAVA_INT, READ_WINDOW, window);
    }

    /** No read is answered natively until the next {@link #cacheRead}. */
    public void forgetRead() { state.set(JAVA_INT, READ_WINDOW, -1); }

    /** A trace no hook writes to: for feeding the Java side directly (tests). */
    public static BlockTrace detached(Arena arena) { return new BlockTrace(arena, MemorySegment.NULL, 0); }

    /** The user data to register with the hook. */
    MemorySegment state() { return state; }

    /** Address of {@code twinboard_block_hook}. */
    static MemorySegment hookFunction() {
        return symbol("twinboard_block_hook");
    }

    static synchronized MemorySegment symbol(String name) {
        if (library == null) throw new IllegalStateException("loadNativeLibrary() was not called before libunicorn was loaded");
        return library.find(name).orElseThrow(() -> new IllegalStateException(LIBRARY + " has no " + name));
    }

    private static SymbolLookup library;

    /**
     * Loads the hook library with {@code RTLD_GLOBAL}. Must run before libunicorn is loaded, so
     * that libunicorn's calls to {@code page_collection_lock_arm}/{@code _unlock_arm} bind to
     * ours (see block_hook.c for why).
     */
    static synchronized void loadNativeLibrary() {
        if (library != null) return;
        Path lib = libraryPath();
        Linker linker = Linker.nativeLinker();
        MethodHandle dlopen = linker.downcallHandle(linker.defaultLookup().find("dlopen").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) dlopen.invokeExact(a.allocateFrom(lib.toString()), RTLD_NOW | RTLD_GLOBAL);
            if (handle.address() == 0) throw new IllegalStateException("dlopen failed for " + lib);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        library = SymbolLookup.libraryLookup(lib, Arena.global());
    }

    private static final int RTLD_NOW = 2, RTLD_GLOBAL = 0x100;

    /** Makes block ({@code address}, {@code size}) known to the hook; {@code bound < 0}: always call Java. */
    public void add(int address, int size, int id, int bound) {
        if (2 * (used + 1) > slots) allocateTable(slots * 2);
        if (insert(address, size, id, bound)) used++;
    }

    /** Lets the hook start blocks while the sum of their bounds stays below {@code budget}
     *  cycles; {@code slow}: send every block to Java. */
    public void arm(long budget, boolean slow) {
        state.set(JAVA_LONG, BUDGET, budget);
        state.set(JAVA_INT, SLOW, slow ? 1 : 0);
    }

    /** Sends every block to Java until the next {@link #arm}. */
    public void setSlow() { state.set(JAVA_INT, SLOW, 1); }

    /**
     * Whether the hook would have taken a block with bound {@code bound} but for a full trace:
     * the slow flag is clear and the budget is positive.
     */
    public boolean onlyFull(int bound) {
        return bound >= 0 && state.get(JAVA_INT, SLOW) == 0 && state.get(JAVA_LONG, BUDGET) > 0
                && state.get(JAVA_INT, COUNT) == CAPACITY_ENTRIES;
    }

    /** Records a block as the hook does: appends its id and spends its bound. The trace must
     *  have room. */
    public void append(int id, int bound) {
        int n = state.get(JAVA_INT, COUNT);
        trace.setAtIndex(JAVA_INT, n, id);
        state.set(JAVA_INT, COUNT, n + 1);
        state.set(JAVA_LONG, BUDGET, state.get(JAVA_LONG, BUDGET) - bound);
    }

    /** Trace entries not yet charged. */
    public int count() { return state.get(JAVA_INT, COUNT); }

    /** Id of the {@code i}-th block run since the last {@link #clear}. */
    public int id(int i) { return trace.getAtIndex(JAVA_INT, i); }

    public void clear() { state.set(JAVA_INT, COUNT, 0); }

    /** Copies the first {@code n} ids into {@code out} (one bulk copy instead of n native reads). */
    public void copyIds(int[] out, int n) { MemorySegment.copy(trace, JAVA_INT, 0, out, 0, n); }

    private boolean insert(int address, int size, int id, int bound) {
        long key = ((long) address << 32) | (size & 0xFFFF_FFFFL);
        int mask = slots - 1;
        for (int i = hash(address, size) & mask; ; i = (i + 1) & mask) {
            long at = i * SLOT_BYTES;
            long k = table.get(JAVA_LONG, at);
            if (k == 0 || k == key) {
                table.set(JAVA_LONG, at, key);
                table.set(JAVA_INT, at + SLOT_ID, id);
                table.set(JAVA_INT, at + SLOT_BOUND, bound);
                return k == 0;
            }
        }
    }

    /** Same as {@code slot_of} in block_hook.c: neighbouring blocks get neighbouring slots. */
    static int hash(int address, int size) {
        return (address >>> 1) + size;
    }

    /** Replaces the table by an empty one of {@code n} slots and re-inserts the old entries. The
     *  old memory stays with the arena (the table only grows, a few times per run at most). */
    private void allocateTable(int n) {
        MemorySegment old = table;
        int oldSlots = slots;
        table = arena.allocate(SLOT_BYTES * n, 64);
        slots = n;
        used = 0;
        for (int i = 0; i < oldSlots; i++) {
            long at = i * SLOT_BYTES;
            long k = old.get(JAVA_LONG, at);
            if (k != 0 && insert((int) (k >>> 32), (int) k, old.get(JAVA_INT, at + SLOT_ID), old.get(JAVA_INT, at + SLOT_BOUND))) used++;
        }
        state.set(ADDRESS, SLOTS, table);
        state.set(JAVA_INT, MASK, n - 1);
    }

    /**
     * The library built by the emulator module's Maven build next to this class: used in place
     * from a classes directory, copied to a temporary file when the class comes from a jar.
     */
    private static Path libraryPath() {
        URL url = BlockTrace.class.getResource(LIBRARY);
        if (url == null) throw new IllegalStateException(LIBRARY + " is missing from the classpath: build the emulator module "
                + "with Maven (it compiles src/main/c/block_hook.c with cc)");
        try {
            if (url.getProtocol().equals("file")) return Path.of(url.toURI());
            Path tmp = Files.createTempFile("twinboard-blockhook", ".so");
            tmp.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot load " + url + ": " + e.getMessage(), e);
        }
    }
}
