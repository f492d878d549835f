package io.twinboard.emu.cpu.arm.timing;

/**
 * Cortex-M4 instruction timing classes, one per group of rows of the Cortex-M4 TRM
 * (ARM DDI 0439B, §3.3.1 table 3-1). The base cost of each decoded instruction is stored in
 * {@link ThumbInstruction#baseCycles()}; this enum only names the row so that block-level rules
 * (load pipelining, IT folding, taken-branch refill) can be applied.
 */
public enum TimingClass {
    /** MOV, ADD, logical, compare, shifts, CLZ, bit-field, extend, REV, SSAT/USAT, parallel
     *  add/sub, QADD...: 1 cycle; with PC as destination 1+P (table 3-1 "Move/Add ... to PC"). */
    DATA_PROCESSING,
    /** MUL, MLA, MLS, SMULL, UMULL, SMLAL, UMLAL, UMAAL and the DSP multiplies: 1 cycle. */
    MULTIPLY,
    /** SDIV, UDIV: 2..12 cycles depending on operands ({@link DivideTiming}). */
    DIVIDE,
    /** LDR/LDRH/LDRB/LDRSH/LDRSB (all addressing modes), LDREX*, and STREX* (which the TRM says
     *  pipelines "exactly as LDR"): 2 cycles, 1 when pipelined behind a load. */
    LOAD,
    /** STR/STRH/STRB: 1 cycle with an immediate offset, 2 with a register offset. */
    STORE,
    /** LDRD (1+N, N=2): 3 cycles, never pipelined. */
    LOAD_DOUBLE,
    /** STRD: 3 cycles, never pipelined. */
    STORE_DOUBLE,
    /** LDM, POP: 1+N (+P with PC in the list). */
    LOAD_MULTIPLE,
    /** STM, PUSH: 1+N. */
    STORE_MULTIPLE,
    /** B, BL, BX, BLX: 1+P (always taken). */
    BRANCH,
    /** B&lt;cc&gt;: 1 not taken, 1+P taken. */
    BRANCH_CONDITIONAL,
    /** CBZ, CBNZ: 1 not taken, 1+P taken. */
    COMPARE_BRANCH,
    /** TBB, TBH: 2 (load) + 1 (add) + P. */
    TABLE_BRANCH,
    /** IT: 1, or 0 when folded onto a preceding 16-bit instruction. */
    IT,
    /** MRS, MSR, CPSIE, CPSID: 1 or 2 cycles (see {@link ThumbInstruction#baseCycles()}). */
    SYSTEM,
    /** DMB, DSB (1+B, B=0) and ISB (1+B, B=P). */
    BARRIER,
    /** NOP, YIELD, SEV, WFE, WFI, PLD, PLI, CLREX: 1 cycle (WFI/WFE waiting is the core's job). */
    HINT,
    /** SVC, BKPT, UDF: 1 cycle for the instruction; exception entry is charged by the core. */
    EXCEPTION_GENERATING,
    /** VFP data processing and VMOV/VMRS/VMSR (classified generically: 1 cycle; VDIV/VSQRT 14). */
    FP_DATA,
    /** VLDR/VSTR (2), VLDM/VSTM/VPUSH/VPOP (1+N). */
    FP_LOAD_STORE,
    /** Encodings that are UNDEFINED on ARMv7E-M or that this decoder does not know: 1 cycle,
     *  the core raises the fault. */
    UNDEFINED
}
