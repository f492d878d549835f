package io.twinboard.emu.cpu.arm.timing;

/**
 * Neighbour rules of the Cortex-M4 pipeline, applied once per block at decode time
 * (TRM DDI 0439B §3.3.2 "Load/store timings", same text as the Cortex-M3 TRM DDI 0337I §3.3.1):
 * <ul>
 *   <li>"LDR [any] are pipelined when possible ... if the next instruction is an LDR or STR, and
 *       the destination of the first LDR is not used to compute the address for the next
 *       instruction, then one cycle is removed from the cost of the next instruction."
 *       LDREX and STREX pipeline "exactly as LDR".</li>
 *   <li>"nothing can be pipelined after the store": a load after a store pays full price.</li>
 *   <li>"LDRD and STRD cannot be pipelined with preceding or following instructions"; likewise
 *       LDM/STM/PUSH/POP.</li>
 *   <li>"Any load or store that generates an address dependent on the result of a preceding
 *       data processing operation will stall the pipeline for an additional cycle" (no
 *       forwarding path to the address generation unit; confirmed by community measurements
 *       on STM32F407: "base address and offset must be available 1 cycle earlier"). The same
 *       +1 applies after a pre/post-indexed store that wrote back the base (measured there too).</li>
 *   <li>"IT instructions can be folded onto a preceding 16-bit Thumb instruction, enabling
 *       execution in zero cycles" (table 3-1 note).</li>
 * </ul>
 */
final class PipelineRules {
    private PipelineRules() {}

    /** Cycles of {@code ins} when executed right after {@code prev} (null: first of its block). */
    static int cycles(ThumbInstruction prev, ThumbInstruction ins) {
        int c = ins.baseCycles();
        switch (ins.timingClass()) {
            case IT -> {
                return prev != null && !prev.is32Bit() ? 0 : 1;
            }
            case LOAD -> {
                if (!ins.writesPc() && pipelinesAfter(prev, ins)) c -= 1;
            }
            case STORE -> {
                // Register-offset STR (2) drops to 1 behind a load; immediate STR is already 1.
                if (c > 1 && pipelinesAfter(prev, ins)) c -= 1;
            }
            default -> { }
        }
        if (prev != null && ins.isMemoryAccess() && (prev.writtenRegisters() & ins.addressRegisters()) != 0
                && (aluResult(prev) || writtenBackByStore(prev))) {
            c += 1;
        }
        return c;
    }

    private static boolean aluResult(ThumbInstruction prev) {
        return (prev.flags() & ThumbInstruction.F_ALU_RESULT) != 0;
    }

    /** Pre/post-indexed single store: its written-back base is not forwarded to the next
     *  address either (jnk0le, STM32F407: "post and pre indexed stores cannot be chained back to
     *  back on same register base address"). Loads are covered by the pipelining rule. */
    private static boolean writtenBackByStore(ThumbInstruction prev) {
        return prev.timingClass() == TimingClass.STORE && prev.hasWriteback();
    }

    /** prev is a single load (not LDRD/LDM, not a PC load) whose results do not form ins's address. */
    private static boolean pipelinesAfter(ThumbInstruction prev, ThumbInstruction ins) {
        if (prev == null || prev.timingClass() != TimingClass.LOAD || prev.writesPc()) return false;
        return (prev.writtenRegisters() & ins.addressRegisters()) == 0;
    }
}
