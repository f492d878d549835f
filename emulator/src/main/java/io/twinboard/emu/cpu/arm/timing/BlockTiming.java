package io.twinboard.emu.cpu.arm.timing;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Cycle model of one translated block (a Unicorn/QEMU TB: straight-line Thumb code that ends at
 * the first PC-writing instruction, or earlier at a page or size limit). Built once per TB by
 * {@link #decode}; every query afterwards is O(1) or a short loop without allocation.
 *
 * <p>Per execution the core charges:
 * <ol>
 *   <li>{@link #staticCycles()} at the block hook (final branch assumed not taken, divides at
 *       {@link DivideTiming#MIN_CYCLES});</li>
 *   <li>{@link #takenBranchCycles(BlockTiming)} when the next block hook shows where control went
 *       (not for an exception entry or EXC_RETURN, which the core charges itself);</li>
 *   <li>{@code DivideTiming.divideCycles(..) - MIN_CYCLES} for each divide, with operands read at
 *       the divide (or at block start when {@link #divideOperandsStable(int)});</li>
 *   <li>flash wait states from {@link FlashAccelerator#blockFetchStalls(BlockTiming)} and
 *       {@link FlashAccelerator#literalLoadStalls(BlockTiming)}.</li>
 * </ol>
 * Mid-block (DWT_CYCCNT/SysTick read by instruction i): block start + {@link #cyclesBefore(int)}
 * + dynamic parts of instructions before i. Cycles of instruction i itself are not included.
 *
 * <p>Not thread-safe: the two {@code art*} fields are a cache owned by {@link FlashAccelerator}.
 */
public final class BlockTiming {
    private final int address;
    private final int size;
    private final ThumbInstruction[] instructions;
    /** cyclesBefore[i] = static cycles of instructions 0..i-1; length count+1. */
    private final int[] cyclesBefore;
    private final int[] divideIndices;
    private final boolean[] divideStable;
    private final int[] flashLines;
    private final int[] lineCycles;
    private final int[] literalAddresses;
    /** Index of the last instruction that loads / stores (-1: none), and how many do. */
    private final int lastLoad, lastStore;
    private final boolean endsInBranch;
    private final boolean sendsEvent;
    private final boolean exitConditional;
    private final boolean exitLoadedTarget;
    private final int refillAsDirectTarget;

    /** The block's line fetches as {@link FlashAccelerator#packLines} prepares them; null off flash. */
    final int[] artLines;

    private BlockTiming(int address, int size, ThumbInstruction[] instructions) {
        this.address = address;
        this.size = size;
        this.instructions = instructions;
        int n = instructions.length;
        this.cyclesBefore = new int[n + 1];
        int[] divs = new int[n];
        int divCount = 0;
        int[] lits = new int[n];
        int litCount = 0;
        int writtenSoFar = 0;
        boolean[] stable = new boolean[n];
        for (int i = 0; i < n; i++) {
            ThumbInstruction ins = instructions[i];
            ThumbInstruction prev = i == 0 ? null : instructions[i - 1];
            cyclesBefore[i + 1] = cyclesBefore[i] + PipelineRules.cycles(prev, ins);
            if (ins.isDivide()) {
                int ops = (1 << ins.dividendRegister()) | (1 << ins.divisorRegister());
                stable[divCount] = (writtenSoFar & ops) == 0;
                divs[divCount++] = i;
            }
            if (ins.isPcRelative() && ins.isLoad()) lits[litCount++] = ins.literalAddress();
            writtenSoFar |= ins.writtenRegisters();
        }
        this.divideIndices = Arrays.copyOf(divs, divCount);
        this.divideStable = Arrays.copyOf(stable, divCount);
        this.literalAddresses = Arrays.copyOf(lits, litCount);
        int ll = -1, ls = -1;
        for (int i = 0; i < n; i++) {
            if ((instructions[i].flags() & ThumbInstruction.F_LOAD) != 0) ll = i;
            if ((instructions[i].flags() & ThumbInstruction.F_STORE) != 0) ls = i;
        }
        boolean sev = false;
        for (ThumbInstruction ins : instructions) sev |= ins.isSendEvent();
        this.sendsEvent = sev;
        this.lastLoad = ll;
        this.lastStore = ls;

        int firstLine = address & ~(FlashAccelerator.LINE_BYTES - 1);
        int lastLine = n == 0 ? firstLine : (address + size - 1) & ~(FlashAccelerator.LINE_BYTES - 1);
        int lines = ((lastLine - firstLine) >>> 4) + 1;
        this.flashLines = new int[lines];
        this.lineCycles = new int[lines];
        for (int k = 0; k < lines; k++) flashLines[k] = firstLine + 16 * k;
        for (int i = 0; i < n; i++) {
            int k = (instructions[i].address() - firstLine) >>> 4;
            lineCycles[k] += cyclesBefore[i + 1] - cyclesBefore[i];
        }
        this.artLines = FlashAccelerator.packLines(address, flashLines, lineCycles);

        ThumbInstruction last = n == 0 ? null : instructions[n - 1];
        this.endsInBranch = last != null && last.writesPc();
        this.exitConditional = endsInBranch && last.isConditional();
        this.exitLoadedTarget = endsInBranch && last.hasLoadedTarget();
        boolean first32 = n > 0 && instructions[0].is32Bit();
        this.refillAsDirectTarget = CortexM4Timing.pipelineRefill(false, address, first32);
    }

    /**
     * Decodes a block from its bytes as read from guest memory (little-endian halfwords).
     *
     * @param address block start (bytes, Thumb bit cleared)
     * @param code    the block's bytes; at least {@code size} bytes from index 0
     * @param size    block size in bytes as reported by the block hook
     */
    public static BlockTiming decode(int address, byte[] code, int size) {
        int start = address & ~1;
        return decode(start, size, a -> {
            int off = a - start;
            if (off < 0 || off + 1 >= code.length) return 0;
            return (code[off] & 0xFF) | (code[off + 1] & 0xFF) << 8;
        });
    }

    /**
     * Decodes a block, reading halfwords through {@code halfwordAt} (address -&gt; 16-bit value).
     * A 32-bit instruction that would cross the block end is still decoded (its second halfword
     * read beyond {@code size}) so that a TB cut at a page limit keeps a sane last instruction.
     */
    public static BlockTiming decode(int address, int size, IntUnaryOperator halfwordAt) {
        address &= ~1;
        ThumbInstruction[] list = new ThumbInstruction[Math.max(1, size / 2)];
        int n = 0;
        int itRemaining = 0;
        int a = address;
        int end = address + size;
        while (a < end) {
            int hw1 = halfwordAt.applyAsInt(a) & 0xFFFF;
            int hw2 = ThumbDecoder.is32Bit(hw1) ? halfwordAt.applyAsInt(a + 2) & 0xFFFF : 0;
            ThumbInstruction ins = ThumbDecoder.decode(a, hw1, hw2);
            if (itRemaining > 0) {
                ins = ins.withFlags(ThumbInstruction.F_CONDITIONAL | ThumbInstruction.F_IN_IT_BLOCK);
                itRemaining--;
            }
            if (ins.isIt()) itRemaining = ins.itLength();
            list[n++] = ins;
            a += ins.length();
        }
        return new BlockTiming(address, size, Arrays.copyOf(list, n));
    }

    /** Builds a block from already decoded instructions (tests, tools). */
    public static BlockTiming of(ThumbInstruction... instructions) {
        int start = instructions.length == 0 ? 0 : instructions[0].address();
        int end = instructions.length == 0 ? 0 : instructions[instructions.length - 1].nextAddress();
        return new BlockTiming(start, end - start, instructions.clone());
    }

    /** Block start address (bytes). */
    public int address() { return address; }
    /** Block size (bytes). */
    public int size() { return size; }
    /** Fall-through address: {@code address + size}. */
    public int endAddress() { return address + size; }
    public int instructionCount() { return instructions.length; }
    public ThumbInstruction instruction(int index) { return instructions[index]; }

    /** Whether the first instruction is a 32-bit encoding. */
    public boolean firstInstructionIs32Bit() {
        return instructions.length > 0 && instructions[0].is32Bit();
    }

    /** Static cycles of the whole block (final branch not taken, divides at 2, no wait states). */
    public int staticCycles() { return cyclesBefore[instructions.length]; }

    /** Static cycles of instructions 0..index-1 (O(1)); index may equal the instruction count. */
    public int cyclesBefore(int index) { return cyclesBefore[index]; }

    /** Static cycles of instruction {@code index} in this block's context (pipelining, folding). */
    public int cyclesOf(int index) { return cyclesBefore[index + 1] - cyclesBefore[index]; }

    /** Index of the instruction starting at {@code pc}, or -1. */
    public int indexOf(int pc) {
        pc &= ~1;
        for (int i = 0; i < instructions.length; i++) if (instructions[i].address() == pc) return i;
        return -1;
    }

    /** The last instruction writes PC (branch, BX, POP {pc}, LDR pc, TBB...). */
    public boolean endsInBranch() { return endsInBranch; }
    /** The block executes SEV. Unicorn treats it as a NOP; the core sets the event register when
     *  it charges the block (a WFE always ends its block, so no WFE of the block comes before). */
    public boolean sendsEvent() { return sendsEvent; }
    /** ... and is conditional (B&lt;cc&gt;, CBZ/CBNZ, or in an IT block). */
    public boolean exitIsConditional() { return exitConditional; }
    /** ... and takes its target from memory (P = {@link CortexM4Timing#REFILL_LOADED}). */
    public boolean exitHasLoadedTarget() { return exitLoadedTarget; }

    /** Whether the final branch was taken, given where the next block starts. */
    public boolean branchTaken(int nextAddress) {
        if (!endsInBranch) return false;
        return !exitConditional || (nextAddress & ~1) != endAddress();
    }

    /**
     * Extra cycles (P) owed by this block when control next enters {@code next}: 0 unless the
     * final branch was taken. Conditional branches count as taken when {@code next} does not
     * start at {@link #endAddress()}; unconditional ones always.
     */
    public int takenBranchCycles(BlockTiming next) {
        if (!branchTaken(next.address)) return 0;
        return exitLoadedTarget ? CortexM4Timing.REFILL_LOADED : next.refillAsDirectTarget;
    }

    /** As {@link #takenBranchCycles(BlockTiming)} when only the target's address/width is known. */
    public int takenBranchCycles(int nextAddress, boolean nextIs32Bit) {
        if (!branchTaken(nextAddress)) return 0;
        return CortexM4Timing.pipelineRefill(exitLoadedTarget, nextAddress, nextIs32Bit);
    }

    // ---- divides -------------------------------------------------------------------------

    public int divideCount() { return divideIndices.length; }
    /** Instruction index of the k-th divide. */
    public int divideIndex(int k) { return divideIndices[k]; }
    /** The k-th divide's operand registers are not written earlier in the block, so their
     *  values at block start are the values the divide sees. */
    public boolean divideOperandsStable(int k) { return divideStable[k]; }

    /**
     * Dynamic divide cycles beyond the static minimum for the divides whose operands are
     * stable, from register values at block start. Unstable divides contribute 0 here; the core
     * must evaluate them at the instruction (e.g. a code hook on its address).
     */
    public int stableDivideExtraCycles(IntUnaryOperator regsAtBlockStart) {
        return stableDivideExtraCycles(regsAtBlockStart, instructions.length);
    }

    /** As {@link #stableDivideExtraCycles(IntUnaryOperator)}, for the divides before
     *  instruction {@code beforeIndex} only (mid-block cycle counts). */
    public int stableDivideExtraCycles(IntUnaryOperator regsAtBlockStart, int beforeIndex) {
        int extra = 0;
        for (int k = 0; k < divideIndices.length && divideIndices[k] < beforeIndex; k++) {
            if (!divideStable[k]) continue;
            ThumbInstruction d = instructions[divideIndices[k]];
            extra += DivideTiming.divideCycles(regsAtBlockStart.applyAsInt(d.dividendRegister()),
                    regsAtBlockStart.applyAsInt(d.divisorRegister()), d.isSignedDivide())
                    - DivideTiming.MIN_CYCLES;
        }
        return extra;
    }

    /** Same formula as {@link DivideTiming#divideCycles}; here for callers holding a block. */
    public static int divideCycles(int dividend, int divisor, boolean signed) {
        return DivideTiming.divideCycles(dividend, divisor, signed);
    }

    // ---- flash ---------------------------------------------------------------------------

    /** Number of 16-byte flash lines the block's instructions occupy. */
    public int flashLineCount() { return flashLines.length; }
    /** k-th line address (16-byte aligned), ascending. */
    public int flashLine(int k) { return flashLines[k]; }
    /** Static cycles spent executing instructions that start in line k. */
    public int lineCycles(int k) { return lineCycles[k]; }
    /** Number of PC-relative (literal pool) loads. */
    public int literalLoadCount() { return literalAddresses.length; }

    /** The block's line fetches prepared for {@link FlashAccelerator#blockFetchStalls(int[])};
     *  null when the block is not in flash. Shared, not copied: do not modify. */
    public int[] artLines() { return artLines; }
    public int literalAddress(int k) { return literalAddresses[k]; }

    // ---- access attribution --------------------------------------------------------------

    /**
     * Finds the instruction that made a data access reported mid-block (Unicorn reports only the
     * block start as PC). Returns the first index &gt;= {@code fromIndex} whose direction matches
     * and whose address range, computed from <em>current</em> register values, contains
     * {@code [accessAddress, accessAddress + accessSize)}; -1 if none.
     *
     * <p>Limits: an earlier instruction whose address registers were since changed so that they
     * coincidentally point at the same address is returned instead of the real one — pass
     * {@code fromIndex} past every instruction already matched in this execution
     * ({@link #searchIndexAfter}) to shrink the window. Instructions skipped by a failed IT
     * condition are not known. Exclusive/unprivileged/FP accesses are treated as plain ones.
     *
     * @param regs current value of r0..r14 (the accessing instruction's writeback and its loaded
     *             value are not yet visible when the memory callback runs)
     */
    public int findAccessIndex(int accessAddress, int accessSize, boolean write, int fromIndex,
                               IntUnaryOperator regs) {
        int wanted = write ? ThumbInstruction.F_STORE : ThumbInstruction.F_LOAD;
        int only = onlyCandidate(wanted, Math.max(0, fromIndex));
        if (only != -2) return only;   // no register reads (each is a native call) when one instruction can have made it
        for (int i = Math.max(0, fromIndex); i < instructions.length; i++) {
            ThumbInstruction ins = instructions[i];
            if ((ins.flags() & wanted) == 0) continue;
            int start = ins.effectiveAddress(regs);
            if (contains(start, ins.accessBytes(), accessAddress, accessSize)) return i;
        }
        return -1;
    }

    /**
     * The only instruction at or after {@code from} with the {@code wanted} direction: an access
     * in that direction can have been made by no other. -1 when there is none, -2 when several.
     */
    private int onlyCandidate(int wanted, int from) {
        int last = wanted == ThumbInstruction.F_STORE ? lastStore : lastLoad;
        if (last < from) return -1;
        for (int i = from; i < last; i++) if ((instructions[i].flags() & wanted) != 0) return -2;
        return last;
    }

    /** As {@link #findAccessIndex(int, int, boolean, int, IntUnaryOperator)} with a snapshot. */
    public int findAccessIndex(int accessAddress, int accessSize, boolean write, int fromIndex,
                               int[] regs) {
        int wanted = write ? ThumbInstruction.F_STORE : ThumbInstruction.F_LOAD;
        for (int i = Math.max(0, fromIndex); i < instructions.length; i++) {
            ThumbInstruction ins = instructions[i];
            if ((ins.flags() & wanted) == 0) continue;
            int start = ins.effectiveAddress(regs);
            if (contains(start, ins.accessBytes(), accessAddress, accessSize)) return i;
        }
        return -1;
    }

    /**
     * Where the next search should start after instruction {@code matchedIndex} made the access
     * {@code [accessAddress, +accessSize)}: the same index while that instruction (LDM/STM/LDRD)
     * still has higher-addressed elements to transfer, else the next one.
     */
    public int searchIndexAfter(int matchedIndex, int accessAddress, int accessSize,
                                IntUnaryOperator regs) {
        ThumbInstruction ins = instructions[matchedIndex];
        if (ins.accessBytes() <= accessSize) return matchedIndex + 1;   // one transfer, and it was this one
        int end = ins.effectiveAddress(regs) + ins.accessBytes();
        return Integer.compareUnsigned(accessAddress + accessSize, end) < 0 ? matchedIndex : matchedIndex + 1;
    }

    private static boolean contains(int start, int bytes, int access, int accessSize) {
        int rel = access - start;
        return bytes > 0 && Integer.compareUnsigned(rel, bytes) < 0
                && Integer.compareUnsigned(rel + Math.max(1, accessSize), bytes) <= 0;
    }

    @Override
    public String toString() {
        return String.format("BlockTiming[%08x+%d, %d insns, %d cycles%s]", address, size,
                instructions.length, staticCycles(), endsInBranch ? ", branch" : "");
    }
}
