package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.arm.timing.BlockTiming;
import io.twinboard.emu.cpu.arm.timing.CortexM4Timing;
import io.twinboard.emu.cpu.arm.timing.DivideTiming;
import io.twinboard.emu.cpu.arm.timing.FlashAccelerator;
import io.twinboard.emu.cpu.arm.timing.ThumbInstruction;
import io.twinboard.emu.cpu.arm.unicorn.BlockTrace;

import java.util.function.IntUnaryOperator;

/**
 * The Cortex-M4's cycle count and how blocks are charged to it (docs/cycle-model.md,
 * docs/native-block-hook.md): per block, the taken-branch refill the previous block owes, flash
 * stalls through the ART ({@link FlashAccelerator}), the static cost from the timing decoder
 * ({@link BlockTiming}) and divide early termination; per MMIO access, the cycle at which the
 * accessing instruction starts.
 *
 * <p>Blocks the native hook ran on its own wait in its {@link BlockTrace}; {@link #drain} charges
 * them in order and must run before anything reads {@link #cycles}. Full traces may be charged on
 * the {@link AsyncCharger}'s thread: between a hand-over and the next {@link #drain} the count,
 * {@link #prev} and the ART belong to that thread.
 *
 * <p>Not thread-safe otherwise: the machine thread owns it.
 */
final class CycleAccount {
    /** Core cycles since power-on, including idle cycles. */
    long cycles;
    /** Of {@link #cycles}, those spent asleep in WFI/WFE. */
    long idleCycles;
    long instructions;
    /** Block whose taken-branch penalty is still owed; null after exception entry/return. */
    BlockEntry prev;

    final FlashAccelerator art = new FlashAccelerator();
    private final BlockEntryCache blocks = new BlockEntryCache();
    /** The native hook's side (null in bare mode): blocks it ran that are not charged yet. */
    private final BlockTrace trace;
    /** Charges full traces on a second thread; null in bare mode or when charging inline. */
    private final AsyncCharger charger;
    private final IntUnaryOperator liveRegs;

    /** The block charged last and its start cycle: MMIO accesses are attributed inside it. */
    private BlockTiming current;
    private long blockStart;
    private int searchFrom;
    /** Cycles charged inside the current block after its hook ran (unstable divides). */
    private long dynamicCycles;

    private final int[] traceIds = new int[BlockTrace.CAPACITY_ENTRIES];
    private final int[] oneId = new int[1];

    /**
     * @param trace         the native hook's trace, null in bare mode
     * @param chargeInline  charge full traces on the machine thread instead of a second one
     * @param liveRegs      register values at the current instruction (divides, address search)
     */
    CycleAccount(BlockTrace trace, boolean chargeInline, IntUnaryOperator liveRegs) {
        this.trace = trace;
        this.charger = trace == null || chargeInline ? null : new AsyncCharger(this::chargeBatch, "cortex-m4 cycle accounting");
        this.liveRegs = liveRegs;
    }

    /** The block charged last (whose instructions may be making an MMIO access), or null. */
    BlockTiming current() { return current; }

    /** The core waits (WFI/WFE, or stopped while time passed) until {@code cycle}: idle cycles. */
    void idleUntil(long cycle) {
        if (cycle <= cycles) return;
        idleCycles += cycle - cycles;
        cycles = cycle;
    }

    /** Exception entry or return: {@code extra} cycles, and no refill is owed across it. */
    void chargeException(long extra) {
        cycles += extra;
        prev = null;
    }

    /** A block seen for the first time: its entry, made known to the native hook. */
    BlockEntry newBlock(BlockTiming timing, int address, int size) {
        BlockEntry e = blocks.create(timing, address, size);
        e.bound = boundOf(e);
        if (trace != null) trace.add(address, size, e.id, e.bound);
        return e;
    }

    BlockEntry block(int address, int size) { return blocks.get(address, size); }

    /** A FLASH_ACR write (RM0090 §3.9.1), charged up to now: the blocks' cycle bounds follow
     *  the new wait states. */
    void configureFlash(int acr) {
        int before = art.latency();
        art.configure(acr);
        if (art.latency() == before) return;
        BlockEntry[] byId = blocks.byId();
        for (int i = 0; i < blocks.ids(); i++) {
            BlockEntry e = byId[i];
            e.bound = boundOf(e);
            if (trace != null) trace.add(e.address, e.size, e.id, e.bound);
        }
    }

    /**
     * Most cycles one execution of {@code e} can be charged with the current flash wait states:
     * static cost, the largest refill a predecessor can owe, and the full latency for each line
     * fetch and literal load. -1 (the Java hook charges it) for blocks with divides, whose cost
     * needs the registers at block entry, and with SEV, whose event the core records.
     * Recomputed when FLASH_ACR changes the latency.
     */
    private int boundOf(BlockEntry e) {
        if (e.hasDivides || e.sendsEvent) return -1;
        BlockTiming b = e.timing;
        return e.staticCycles + CortexM4Timing.REFILL_MAX + (b.flashLineCount() + b.literalLoadCount()) * art.latency();
    }

    /**
     * Charges one execution of {@code e} from the Java hook: as a traced block ({@link #chargeBatch}),
     * plus its divides' early termination, read from the registers at block entry.
     */
    void charge(BlockEntry e) {
        oneId[0] = e.id;
        chargeBatch(oneId, 1);
        if (e.hasDivides) cycles += e.timing.stableDivideExtraCycles(liveRegs);
    }

    /**
     * Charges the blocks the native hook ran since the last call, in order. Runs first in every
     * callback, so MMIO accesses, DWT_CYCCNT and SysTick see exact cycles, and when the engine stops.
     */
    void drain() {
        BlockTrace t = trace;
        if (t == null) return;
        if (charger != null) charger.await();   // batches handed over come before the trace
        int n = t.count();
        if (n == 0) return;
        int[] ids = traceIds;
        t.copyIds(ids, n);
        t.clear();
        chargeBatch(ids, n);
    }

    /**
     * Charges blocks in execution order: the refill the previous block owes, flash stalls through
     * the ART, the static cost. The state stays in locals: this loop runs for every block. Divides
     * are not charged here (blocks with divides are never traced: {@link #charge} adds them).
     * Runs on the machine thread or on the {@link AsyncCharger}'s, never both at once.
     */
    private void chargeBatch(int[] ids, int n) {
        BlockEntry[] byId = blocks.byId();
        FlashAccelerator a = art;
        boolean flashWaits = a.latency() != 0;
        long c = cycles, start = c;
        long count = instructions;
        BlockEntry p = prev;
        for (int i = 0; i < n; i++) {
            BlockEntry e = byId[ids[i]];
            if (p != null) c += p.penaltyTo(e);
            if (flashWaits) {
                c += a.blockFetchStalls(e.artLines);
                if (e.hasLiterals) c += a.literalLoadStalls(e.timing);
            }
            start = c;
            c += e.staticCycles;
            count += e.instructionCount;
            p = e;
        }
        cycles = c;
        instructions = count;
        blockStart = start;
        prev = p;
        current = p.timing;
        searchFrom = 0;
        dynamicCycles = 0;
    }

    /**
     * For a block the native hook did not take: if only because its trace is full, hands the
     * trace to the {@link AsyncCharger} and records the block in the emptied trace, without
     * looking at the cycle count (which the charger now owns). False: the caller must drain.
     */
    boolean handOverFullTrace(int address, int size) {
        if (charger == null) return false;
        BlockEntry e = blocks.get(address, size);
        if (e == null || !trace.onlyFull(e.bound)) return false;
        charger.submit(trace, BlockTrace.CAPACITY_ENTRIES);
        trace.clear();
        trace.append(e.id, e.bound);
        return true;
    }

    /** Lets the native hook start blocks until their bounds add up to {@code cycleDeadline};
     *  {@code slow}: every block goes to the Java hook. */
    void arm(long cycleDeadline, boolean slow) {
        if (trace != null) trace.arm(cycleDeadline - cycles, slow);
    }

    /** Core cycle at which the instruction making this access starts (mid-block exactness). */
    long accessCycle(int address, int size, boolean write) {
        BlockTiming b = current;
        if (b == null) return cycles;
        int i = b.findAccessIndex(address, size, write, searchFrom, liveRegs);
        if (i < 0) return blockStart;
        searchFrom = b.searchIndexAfter(i, address, size, liveRegs);
        return blockStart + b.cyclesBefore(i) + dynamicCycles;
    }

    /** A divide whose operands change inside its block, about to run: its early termination. */
    void chargeDivide(int address) {
        BlockTiming b = current;
        if (b == null) return;
        int i = b.indexOf(address);
        if (i < 0) return;
        ThumbInstruction d = b.instruction(i);
        if (!d.isDivide()) return;
        int extra = BlockTiming.divideCycles(liveRegs.applyAsInt(d.dividendRegister()), liveRegs.applyAsInt(d.divisorRegister()),
                d.isSignedDivide()) - DivideTiming.MIN_CYCLES;
        cycles += extra;
        dynamicCycles += extra;
    }

    void close() {
        if (charger != null) charger.close();
    }
}
