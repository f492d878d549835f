package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.arm.timing.BlockTiming;

/**
 * What the block hook needs about one translated block, in one object so that a block costs
 * one or two cache lines per execution: the decoded timing, its static cost and a memo of the
 * block that last followed it with the taken-branch refill owed for that edge (loops re-take
 * the same edge, so the hash lookup and the branch rule are skipped).
 */
final class BlockEntry {
    /** Index in the core's blocks-by-id table; what the native hook records in its trace. */
    final int id;
    final int address;
    final int size;
    final BlockTiming timing;
    final int staticCycles;
    final int instructionCount;
    /** Divides or literal-pool loads: the rare parts that need more than the static cost. */
    final boolean hasDivides;
    /** SEV inside: the Java hook charges it, to set the event register. */
    final boolean sendsEvent;
    final boolean hasLiterals;
    /** Most cycles one execution can be charged, or -1 (see CortexM4.boundOf); set once. */
    int bound;
    /** The block's flash line fetches ({@link BlockTiming#artLines()}), null off flash. */
    final int[] artLines;
    /** The last two successors and the refill owed for each (a loop's exit branch alternates
     *  between its target and its fall-through). */
    BlockEntry next, previousNext;
    int nextPenalty, previousNextPenalty;

    BlockEntry(BlockTiming timing, int address, int size, int id) {
        this.id = id;
        this.address = address;
        this.size = size;
        this.timing = timing;
        this.staticCycles = timing.staticCycles();
        this.instructionCount = timing.instructionCount();
        this.hasDivides = timing.divideCount() > 0;
        this.sendsEvent = timing.sendsEvent();
        this.hasLiterals = timing.literalLoadCount() > 0;
        this.artLines = timing.artLines();
    }

    /** Taken-branch cycles owed by this block when control enters {@code successor}. */
    int penaltyTo(BlockEntry successor) {
        if (next == successor) return nextPenalty;
        if (previousNext == successor) return previousNextPenalty;
        previousNext = next;
        previousNextPenalty = nextPenalty;
        next = successor;
        nextPenalty = timing.takenBranchCycles(successor.timing);
        return nextPenalty;
    }
}
