package io.twinboard.emu.cpu.arm.timing;

import java.util.function.IntUnaryOperator;

/**
 * One decoded Thumb/Thumb-2 instruction, as far as timing and memory-access attribution need it.
 * Immutable; produced by {@link ThumbDecoder}. Register fields hold 0..15 or {@link #NONE}.
 *
 * <p>Memory operations: the accessed range is {@code [address, address + memSize * registerCount)}
 * where address is given by {@link #effectiveAddress(IntUnaryOperator)} (single transfers: base
 * + offset + index &lt;&lt; shift when pre-indexed, base when post-indexed; LDM/STM IA: base; DB
 * and PUSH: base - 4N; PC-relative: {@link #literalAddress()}).
 *
 * @param address       address of the first halfword (bytes)
 * @param length        2 or 4 (bytes)
 * @param encoding      the halfword (16-bit) or {@code hw1 << 16 | hw2} (32-bit)
 * @param timingClass   TRM table 3-1 row
 * @param baseCycles    cycles of this instruction alone, at zero wait states, not taken, without
 *                      P, without pipelining with neighbours; DIVIDE: the minimum 2; IT: 1
 * @param flags         {@code F_*} bits
 * @param branchTarget  target of a direct branch (B, BL, B&lt;cc&gt;, CBZ/CBNZ), else 0
 * @param memSize       bytes per transferred element (1, 2, 4; LDRD/LDM: 4), 0 if no memory op
 * @param baseRegister  Rn of a memory op (13 for PUSH/POP, 15 for literal/TBB [PC,..]) or NONE
 * @param offset        signed immediate byte offset (0 when none)
 * @param indexRegister Rm of a register-offset memory op (TBB/TBH index) or NONE
 * @param indexShift    left shift applied to the index register (TBH: 1)
 * @param registerCount number of elements transferred (1 single, 2 LDRD/STRD, N for LDM/STM)
 * @param registerList  bitmask of transferred core registers (LDM/STM/PUSH/POP, LDRD), else the
 *                      single Rt bit for a single load/store
 * @param literalAddress absolute address of a PC-relative load (literal LDR, LDRD, VLDR), else 0
 * @param writtenRegisters bitmask of core registers this instruction writes (bit 15 = PC)
 * @param dividendRegister SDIV/UDIV Rn, else NONE
 * @param divisorRegister  SDIV/UDIV Rm, else NONE
 */
public record ThumbInstruction(
        int address, int length, int encoding, TimingClass timingClass, int baseCycles, int flags,
        int branchTarget, int memSize, int baseRegister, int offset, int indexRegister,
        int indexShift, int registerCount, int registerList, int literalAddress,
        int writtenRegisters, int dividendRegister, int divisorRegister) {

    /** Register field value meaning "no register". */
    public static final int NONE = -1;

    /** Branch of any kind (including writes to PC by LDR/POP/MOV/ADD). */
    public static final int F_BRANCH = 1;
    /** Executes conditionally: B&lt;cc&gt;, CBZ/CBNZ, or any instruction inside an IT block. */
    public static final int F_CONDITIONAL = 1 << 1;
    /** Writes PC (every branch does; also LDR PC, POP {..,PC}, MOV PC, ADD PC). */
    public static final int F_WRITES_PC = 1 << 2;
    /** BL / BLX (writes LR). */
    public static final int F_CALL = 1 << 3;
    /** Target comes from memory (LDR PC, POP/LDM with PC, TBB/TBH): the core cannot speculate it. */
    public static final int F_LOADED_TARGET = 1 << 4;
    /** Reads memory. */
    public static final int F_LOAD = 1 << 5;
    /** Writes memory. */
    public static final int F_STORE = 1 << 6;
    /** Base register written back (pre/post-indexed with !, LDM/STM with !, PUSH, POP). */
    public static final int F_WRITEBACK = 1 << 7;
    /** Offset/index applied before the access (false = post-indexed). */
    public static final int F_PRE_INDEXED = 1 << 8;
    /** LDMDB/STMDB/PUSH: accesses [base - 4N, base). */
    public static final int F_DECREMENT_BEFORE = 1 << 9;
    /** PC-relative load; {@link #literalAddress()} is valid. */
    public static final int F_PC_RELATIVE = 1 << 10;
    /** SDIV (vs UDIV), signed loads. */
    public static final int F_SIGNED = 1 << 11;
    /** LDREX/STREX family. */
    public static final int F_EXCLUSIVE = 1 << 12;
    /** Inside an IT block (set by {@link BlockTiming}'s IT tracking, not by the stateless decoder). */
    public static final int F_IN_IT_BLOCK = 1 << 13;
    /** Result produced by the ALU/multiplier in the execute stage (no forwarding to the AGU). */
    public static final int F_ALU_RESULT = 1 << 14;
    /** Register-offset addressing. */
    public static final int F_REGISTER_OFFSET = 1 << 15;
    /** Unprivileged (LDRT/STRT) access. */
    public static final int F_UNPRIVILEGED = 1 << 16;
    /** Not a valid ARMv7E-M encoding (or UNPREDICTABLE beyond use). */
    public static final int F_UNDEFINED = 1 << 17;

    public boolean is32Bit() { return length == 4; }
    public boolean isBranch() { return (flags & F_BRANCH) != 0; }
    public boolean isConditional() { return (flags & F_CONDITIONAL) != 0; }
    public boolean writesPc() { return (flags & F_WRITES_PC) != 0; }
    public boolean isCall() { return (flags & F_CALL) != 0; }
    public boolean hasLoadedTarget() { return (flags & F_LOADED_TARGET) != 0; }
    public boolean isLoad() { return (flags & F_LOAD) != 0; }
    public boolean isStore() { return (flags & F_STORE) != 0; }
    public boolean isMemoryAccess() { return (flags & (F_LOAD | F_STORE)) != 0; }
    public boolean hasWriteback() { return (flags & F_WRITEBACK) != 0; }
    public boolean isPcRelative() { return (flags & F_PC_RELATIVE) != 0; }
    public boolean isDivide() { return timingClass == TimingClass.DIVIDE; }
    public boolean isSignedDivide() { return isDivide() && (flags & F_SIGNED) != 0; }
    public boolean isIt() { return timingClass == TimingClass.IT; }
    /** SEV (16-bit 0xBF40, or SEV.W F3AF 8004, DDI 0403E §A7.7.129): sets the event register WFE waits for. */
    public boolean isSendEvent() { return length == 2 ? encoding == 0xBF40 : encoding == 0xF3AF_8004; }

    /** Address of the next sequential instruction (bytes). */
    public int nextAddress() { return address + length; }

    /** Total bytes a memory op transfers ({@code memSize * registerCount}); 0 when none. */
    public int accessBytes() { return memSize * registerCount; }

    /** Number of instructions an IT instruction covers (1..4); 0 for anything else. */
    public int itLength() {
        if (!isIt()) return 0;
        int mask = encoding & 0xF;
        return 4 - Integer.numberOfTrailingZeros(mask);
    }

    /** IT firstcond (bits 7:4) of an IT instruction. */
    public int itFirstCondition() { return (encoding >> 4) & 0xF; }

    /**
     * Lowest address this memory operation accesses, from register values as they are
     * <em>when the instruction executes</em> (bytes). PC reads as {@code Align(address + 4, 4)}
     * for literal forms and {@code address + 4} for TBB/TBH. Returns 0 when not a memory op.
     *
     * @param regs value of core register n (0..14); never asked for 15
     */
    public int effectiveAddress(IntUnaryOperator regs) {
        if (!isMemoryAccess()) return 0;
        if ((flags & F_PC_RELATIVE) != 0) return literalAddress;
        int base = baseRegister == 15 ? address + 4 : regs.applyAsInt(baseRegister);
        if ((flags & F_DECREMENT_BEFORE) != 0) return base - 4 * registerCount;
        if ((flags & F_PRE_INDEXED) == 0) return base;
        int ea = base + offset;
        if (indexRegister != NONE) ea += regs.applyAsInt(indexRegister) << indexShift;
        return ea;
    }

    /** As {@link #effectiveAddress(IntUnaryOperator)} with a register snapshot r0..r14 (or r0..r15). */
    public int effectiveAddress(int[] regs) {
        if (!isMemoryAccess()) return 0;
        if ((flags & F_PC_RELATIVE) != 0) return literalAddress;
        int base = baseRegister == 15 ? address + 4 : regs[baseRegister];
        if ((flags & F_DECREMENT_BEFORE) != 0) return base - 4 * registerCount;
        if ((flags & F_PRE_INDEXED) == 0) return base;
        int ea = base + offset;
        if (indexRegister != NONE) ea += regs[indexRegister] << indexShift;
        return ea;
    }

    /** Registers this memory op reads to form its address (bitmask; PC excluded). */
    public int addressRegisters() {
        int m = 0;
        if (baseRegister >= 0 && baseRegister < 15) m |= 1 << baseRegister;
        if (indexRegister >= 0 && indexRegister < 15) m |= 1 << indexRegister;
        return m;
    }

    /** Copy with extra flags (used for IT-block conditionality) — decode time only. */
    ThumbInstruction withFlags(int extra) {
        return new ThumbInstruction(address, length, encoding, timingClass, baseCycles, flags | extra,
                branchTarget, memSize, baseRegister, offset, indexRegister, indexShift, registerCount,
                registerList, literalAddress, writtenRegisters, dividendRegister, divisorRegister);
    }

    @Override
    public String toString() {
        return String.format("%08x:%s %s %dc flags=%x", address,
                length == 2 ? String.format("%04x", encoding) : String.format("%08x", encoding),
                timingClass, baseCycles, flags);
    }
}
