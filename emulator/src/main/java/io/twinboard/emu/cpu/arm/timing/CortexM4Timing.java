package io.twinboard.emu.cpu.arm.timing;

/**
 * Cortex-M4 timing constants and the small formulas the block model shares: pipeline refill
 * (P), divide early termination, exception entry and return. All values in CPU clock cycles at
 * zero wait states; flash wait states come from {@link FlashAccelerator}.
 * See docs/cycle-model.md for the source of every number.
 */
public final class CortexM4Timing {
    private CortexM4Timing() {}

    /** Exception entry, from the exception being taken to the first handler instruction: 12 cycles
     *  with zero-wait-state memory (ARM Cortex-M4 product documentation: "12 cycle interrupt
     *  latency"; project reference cpu-timing.md). */
    public static final int EXCEPTION_ENTRY_CYCLES = 12;
    /** Exception return (unstacking, zero wait states, no FP context): 10 cycles. The ARM M4
     *  material quotes "12 in, 10 out"; the project's cpu-timing reference records the same. */
    public static final int EXCEPTION_RETURN_CYCLES = 10;
    /** Tail-chaining from one handler's return to the next pending handler: 6 cycles (ARM
     *  Cortex-M3/M4 NVIC documentation: "tail-chaining ... 6 cycles"). */
    public static final int TAIL_CHAIN_CYCLES = 6;
    /** Saving or restoring the FP context (S0-S15, FPSCR: 17 words, one cycle each): what an
     *  extended frame adds to entry without lazy stacking (ARM AN298 "Cortex-M4(F) Lazy Stacking
     *  and Context Switching": 12 cycles become 29), to the lazy save, and to unstacking. */
    public static final int FP_CONTEXT_CYCLES = 17;

    /** P for a branch whose target is computed from the instruction or a register (B, BL,
     *  B&lt;cc&gt;, CBZ/CBNZ, BX, BLX, MOV/ADD PC) and lands on a 16-bit instruction or a
     *  word-aligned 32-bit one: 2, so a taken branch costs 3 cycles in total. */
    public static final int REFILL_DIRECT = 2;
    /** P when the target is loaded from memory (LDR PC, POP/LDM with PC, TBB/TBH): 3, as the TRM
     *  §3.3.2 notes spell out ("two cycles for the load, and three cycles for the pipeline
     *  reload" / TBB "three cycles for the pipeline reload"). */
    public static final int REFILL_LOADED = 3;
    /** Upper bound of P stated by table 3-1. */
    public static final int REFILL_MAX = 3;

    /** ISB: 1 + B where "for ISB, the minimum number of cycles is equivalent to the number
     *  required for a pipeline refill" (table 3-1 note) — 1 + {@link #REFILL_DIRECT}. */
    public static final int ISB_CYCLES = 1 + REFILL_DIRECT;

    /**
     * Pipeline refill P paid by a taken branch (TRM table 3-1: "ranges from 1 to 3 depending on
     * the alignment and width of the target instruction, and whether the processor manages to
     * speculate the address early").
     *
     * @param loadedTarget true for LDR PC / POP PC / LDM PC / TBB / TBH (no speculation)
     * @param targetAddress first instruction of the target (bit 0 ignored)
     * @param target32Bit   whether that instruction is a 32-bit encoding
     * @return P in cycles, 2..3
     */
    public static int pipelineRefill(boolean loadedTarget, int targetAddress, boolean target32Bit) {
        if (loadedTarget) return REFILL_LOADED;
        boolean unalignedWide = target32Bit && (targetAddress & 2) != 0;
        return unalignedWide ? REFILL_DIRECT + 1 : REFILL_DIRECT;
    }

    /**
     * Cycles of an exception entry: {@link #EXCEPTION_ENTRY_CYCLES} plus the wait states of the
     * vector fetch when the vector table is in flash (the vector is read on the ICode bus, so it
     * goes through the ART instruction path as a line fetch). The stack is assumed to be in
     * SRAM/CCM (zero wait states; flash cannot hold a writable stack).
     *
     * @param art          the flash interface, or null when there is none
     * @param vectorAddress address of the vector word (VTOR + 4 * exception number)
     */
    public static int exceptionEntryCycles(FlashAccelerator art, int vectorAddress) {
        int stalls = art == null ? 0 : art.vectorFetchStalls(vectorAddress);
        return EXCEPTION_ENTRY_CYCLES + stalls;
    }

    /** Cycles of an exception return with the stack in SRAM/CCM: {@link #EXCEPTION_RETURN_CYCLES}.
     *  Fetching the return target is charged by the returned-to block's flash fetch stalls. */
    public static int exceptionReturnCycles() {
        return EXCEPTION_RETURN_CYCLES;
    }
}
