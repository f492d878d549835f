package io.twinboard.emu.cpu.xtensa;

/**
 * A straight-line run of decoded LX106 instructions, executed by {@link XtensaLx106} without a
 * fetch, a page check, a deadline check or a load-use check per instruction.
 *
 * <p>A block starts at any PC and ends after the first instruction that transfers control
 * unconditionally, or that may change what the run loop must check (PS, INTENABLE, CCOMPARE0,
 * WAITI, exceptions, semihosting), after {@link #MAX_LENGTH} instructions, or before an
 * instruction that lies in another page or cannot be fetched. It runs on through conditional
 * branches not taken (the fall-through path of most loops and carry tests), and a taken one
 * leaves it early (a side exit). Nothing the run loop does per instruction is lost:
 * <ul>
 *   <li><b>Cycles</b>: the static costs of all instructions ({@link #staticCost}) are added
 *       on entry and dynamic ones (wait states, taken branch) as they happen; where the exact
 *       count matters mid-block (RSR CCOUNT, a device access, an exception) it is the running
 *       count minus {@link Op#suffix} of the instruction, the static cost still ahead (a side
 *       exit takes back the suffix of the taken branch: those instructions did not run). The
 *       load-use stall of instruction i &gt; 0 depends only on instruction i-1, so it is part
 *       of the static cost of {@code code[i]}; the stall of {@code code[0]} depends on the
 *       predecessor and is added on entry ({@link #firstReadMask}).</li>
 *   <li><b>Instruction boundaries</b>: the run loop enters a block only when
 *       {@code cycles + bound < limit}, so every instruction of the block starts before the
 *       deadline/timer limit, as the per-instruction check would have found. {@link #bound}
 *       covers the dynamic costs too (entry stall, wait states at the largest value any page
 *       has). Whatever can lower the limit inside a block (a device access, an exception)
 *       leaves block mode after that instruction, and the loop checks again.</li>
 *   <li><b>Self-modifying code</b>: a block is valid while its page's
 *       {@link Lx106Memory.Page#codeVersion} equals {@link #version}; dropping any decoded
 *       instruction of the page bumps it (an instruction that crosses into the next page is
 *       dropped from this page when its bytes there are written).</li>
 * </ul>
 */
final class Lx106Block {
    /** Longest block (instructions); keeps {@link #bound} small, so blocks fit below near deadlines. */
    static final int MAX_LENGTH = 64;

    /**
     * Decoded instructions in block form ({@link Op#inBlock}: suffix cost and offset from the
     * block's start instead of cost and read mask); the cost of {@code code[i]}, i &gt; 0,
     * included the static load-use stall.
     */
    final long[] code;
    /** Sum of the costs of {@link #code} (cycles). */
    final int staticCost;
    /** Registers {@code code[0]} reads (for the load-use stall on entry). */
    final int firstReadMask;
    /** Upper bound (cycles) of what {@code code[0..n-2]} can add to the cycle count, entry stall included. */
    final long bound;
    /** The page the block starts in, and its {@link Lx106Memory.Page#codeVersion} when built. */
    final Lx106Memory.Page page;
    final int version;
    /**
     * Blocks that ran after this one, by start PC (the two most recent of its exits): the run
     * loop finds them without a page lookup. They were valid when linked, in {@link
     * Lx106Memory#codeEpoch} {@link #linkEpoch}; the links count only in that epoch.
     */
    private int nextPc0 = -1, nextPc1 = -1;
    private Lx106Block next0, next1;
    private int linkEpoch;

    private Lx106Block(long[] code, int firstReadMask, long bound, Lx106Memory.Page page) {
        int[] offsets = new int[code.length];
        for (int i = 1; i < code.length; i++) offsets[i] = offsets[i - 1] + Op.length(code[i - 1]);
        int total = 0;
        for (int i = code.length - 1; i >= 0; i--) {
            int cost = Op.cost(code[i]);
            code[i] = Op.inBlock(code[i], total, offsets[i]);
            total += cost;
        }
        this.code = code;
        this.staticCost = total;
        this.firstReadMask = firstReadMask;
        this.bound = bound;
        this.page = page;
        this.version = page.codeVersion;
    }

    /** True while no decoded instruction of the block's page was dropped since it was built. */
    boolean valid() { return version == page.codeVersion; }

    /**
     * The block remembered for PC {@code pc} after this one, or null; it is valid if
     * {@code epoch} is the current {@link Lx106Memory#codeEpoch}.
     */
    Lx106Block successor(int pc, int epoch) {
        if (epoch != linkEpoch) return null;
        if (pc == nextPc0) return next0;
        if (pc == nextPc1) return next1;
        return null;
    }

    /**
     * Remembers the valid block {@code b} (starting at {@code pc}) as a successor, replacing
     * the older one; {@code epoch} is the current {@link Lx106Memory#codeEpoch}.
     */
    void link(int pc, Lx106Block b, int epoch) {
        if (epoch != linkEpoch) {
            linkEpoch = epoch;
            nextPc0 = -1;
            next0 = null;
        }
        nextPc1 = nextPc0;
        next1 = next0;
        nextPc0 = pc;
        next0 = b;
    }

    /**
     * The valid block at {@code pc}, built if there is none; null if its first instruction cannot
     * be fetched. Blocks are cached per start PC, so their number is bounded by the code size.
     */
    static Lx106Block at(Lx106Memory mem, int pc) {
        Lx106Memory.Page page = mem.page(pc);
        if (page == null) return null;
        Lx106Block[] blocks = page.blocks;
        Lx106Block b = blocks == null ? null : blocks[pc & Lx106Memory.PAGE_MASK];
        if (b != null && b.valid()) return b;
        return build(mem, pc);
    }

    /**
     * Builds (and caches in its page) the block starting at {@code pc}, or returns null when the
     * instruction at {@code pc} cannot be fetched (the caller single-steps it and raises the error).
     */
    static Lx106Block build(Lx106Memory mem, int pc) {
        Lx106Memory.Page page = mem.page(pc);
        if (page == null) return null;
        long[] buf = new long[MAX_LENGTH];
        int n = 0;
        int at = pc;
        int prevLate = 0;
        long bound = Lx106Timing.RESULT_USE_STALL;
        while (n < MAX_LENGTH) {
            long w = mem.decode(at, true);
            if (w == 0) break;
            int cost = Op.cost(w);
            if (n > 0 && (Op.readMask(w) & prevLate) != 0) {
                cost += Lx106Timing.RESULT_USE_STALL;
                if (cost > 15) break; // does not fit the cost field: the next block starts here
                w = Op.withCost(w, cost);
            }
            if (n > 0) bound += Op.cost(buf[n - 1]) + (accessesMemory(Op.op(buf[n - 1])) ? mem.maxAccessWait : 0);
            buf[n++] = w;
            int op = Op.op(w);
            prevLate = Lx106Timing.lateResult(op) ? 1 << Op.a(w) : 0;
            at += Op.length(w);
            if (endsBlock(op) || (at >>> Lx106Memory.PAGE_BITS) != (pc >>> Lx106Memory.PAGE_BITS)) break;
        }
        if (n == 0) return null;
        Lx106Block b = new Lx106Block(java.util.Arrays.copyOf(buf, n), Op.readMask(buf[0]), bound, page);
        if (page.blocks == null) page.blocks = new Lx106Block[Lx106Memory.PAGE_SIZE];
        page.blocks[pc & Lx106Memory.PAGE_MASK] = b;
        return b;
    }

    /** Loads and stores: their page's wait states are added when they execute. */
    static boolean accessesMemory(int op) {
        return switch (op) {
            case Op.L8UI, Op.L16UI, Op.L16SI, Op.L32I, Op.L32R, Op.S8I, Op.S16I, Op.S32I -> true;
            default -> false;
        };
    }

    /**
     * Instructions after which the run loop must look again: unconditional control transfers
     * and state changes it checks. A conditional branch leaves the block only when taken.
     */
    static boolean endsBlock(int op) {
        return switch (op) {
            case Op.J, Op.JX, Op.CALL0, Op.CALLX0, Op.RET,
                 Op.WSR, Op.XSR, Op.RSIL, Op.WAITI, Op.RFE, Op.RFDE, Op.RFI,
                 Op.BREAK, Op.BREAK_N, Op.SYSCALL, Op.SIMCALL, Op.ILLEGAL -> true;
            default -> false;
        };
    }
}
