package io.twinboard.emu.cpu.xtensa;

/**
 * Operation numbers of pre-decoded LX106 instructions and the layout of a decoded word.
 *
 * <p>A decoded instruction is one {@code long} (never 0, so 0 means "not decoded yet"):
 * <pre>
 *  bits  0..7   op (this class)
 *  bits  8..12  a  — destination register, or a 5-bit bit index (BBCI/BBSI), or sub-field
 *  bits 13..16  b  — first source register (Xtensa field s, or t for shifts right)
 *  bits 17..20  c  — second source register (Xtensa field t or s), or b4const index
 *  bits 21..22  length in bytes (2 or 3)
 *  bits 23..26  cycle cost when not taken/no interlock (base cost + fetch wait states)
 *  bits 27..42  mask of the address registers the instruction reads (load-use interlock)
 *  bits 43..63  signed immediate: branch/jump offset relative to the instruction's own
 *               address, L32R offset, pre-scaled immediates, special register number
 * </pre>
 * In an {@link Lx106Block}'s code (see {@link #inBlock}) bits 23..42 hold instead: bits 23..32
 * the block's static cycles after this instruction ({@link #suffix}), bits 33..42 the
 * instruction's byte offset from the block's start ({@link #offset}).
 */
final class Op {
    private Op() {}

    static final int ILLEGAL = 1, NOP = 2,
        ADD = 3, ADDX2 = 4, ADDX4 = 5, ADDX8 = 6, SUB = 7, SUBX2 = 8, SUBX4 = 9, SUBX8 = 10,
        AND = 11, OR = 12, XOR = 13, NEG = 14, ABS = 15, ADDI = 16, MOVI = 17,
        MOVEQZ = 18, MOVNEZ = 19, MOVLTZ = 20, MOVGEZ = 21, EXTUI = 22,
        SLLI = 23, SRLI = 24, SRAI = 25, SLL = 26, SRL = 27, SRA = 28, SRC = 29,
        SSR = 30, SSL = 31, SSA8L = 32, SSA8B = 33, SSAI = 34, NSA = 35, NSAU = 36,
        MUL16U = 37, MUL16S = 38, MULL = 39,
        L8UI = 40, L16UI = 41, L16SI = 42, L32I = 43, S8I = 44, S16I = 45, S32I = 46, L32R = 47,
        J = 48, JX = 49, CALL0 = 50, CALLX0 = 51, RET = 52,
        BEQZ = 53, BNEZ = 54, BLTZ = 55, BGEZ = 56,
        BEQI = 57, BNEI = 58, BLTI = 59, BGEI = 60, BLTUI = 61, BGEUI = 62,
        BNONE = 63, BEQ = 64, BLT = 65, BLTU = 66, BALL = 67, BBC = 68, BANY = 69, BNE = 70,
        BGE = 71, BGEU = 72, BNALL = 73, BBS = 74, BBCI = 75, BBSI = 76,
        RSR = 77, WSR = 78, XSR = 79, RSIL = 80, WAITI = 81, RFE = 82, RFDE = 83, RFI = 84,
        BREAK = 85, BREAK_N = 86, SYSCALL = 87, SIMCALL = 88, MOV = 89;

    static int op(long w) { return (int) w & 0xFF; }
    static int a(long w) { return (int) (w >>> 8) & 31; }
    static int b(long w) { return (int) (w >>> 13) & 15; }
    static int c(long w) { return (int) (w >>> 17) & 15; }
    static int length(long w) { return (int) (w >>> 21) & 3; }
    static int cost(long w) { return (int) (w >>> 23) & 15; }
    static int readMask(long w) { return (int) (w >>> 27) & 0xFFFF; }
    static int imm(long w) { return (int) (w >> 43); }
    /** In a block's code: the static cost of the instructions after this one (cycles). */
    static int suffix(long w) { return (int) (w >>> 23) & 0x3FF; }
    /** In a block's code: the instruction's offset from the block's first instruction (bytes). */
    static int offset(long w) { return (int) (w >>> 33) & 0x3FF; }

    // The fields shifted down to bit 0, higher fields still above them: the caller masks. For
    // the interpreter's hot loop: at most 6 bytecodes, so C2 inlines them as trivial methods
    // even where they rarely run (a call there would keep the loop's values on the stack).
    static int aBits(long w) { return (int) (w >>> 8); }
    static int bBits(long w) { return (int) (w >>> 13); }
    static int cBits(long w) { return (int) (w >>> 17); }
    static int lengthBits(long w) { return (int) (w >>> 21); }
    static int suffixBits(long w) { return (int) (w >>> 23); }
    static int offsetBits(long w) { return (int) (w >>> 33); }

    /** Largest {@link #suffix} and {@link #offset} a block word can hold. */
    static final int BLOCK_FIELD_MAX = 0x3FF;

    /** The form of {@code w} in a block's code: cost and read mask replaced by suffix and offset. */
    static long inBlock(long w, int suffix, int offset) {
        if (suffix > BLOCK_FIELD_MAX || offset > BLOCK_FIELD_MAX) throw new IllegalArgumentException("block too long");
        return (w & ~(0xFFFFFL << 23)) | (long) suffix << 23 | (long) offset << 33;
    }

    static final int IMM_MIN = -(1 << 20), IMM_MAX = (1 << 20) - 1;

    static long pack(int op, int a, int b, int c, int length, int cost, int readMask, int imm) {
        if (imm < IMM_MIN || imm > IMM_MAX) throw new IllegalArgumentException("immediate out of range: " + imm);
        return (op & 0xFFL) | (long) (a & 31) << 8 | (long) (b & 15) << 13 | (long) (c & 15) << 17
            | (long) (length & 3) << 21 | (long) (Math.min(cost, 15) & 15) << 23
            | (long) (readMask & 0xFFFF) << 27 | (long) imm << 43;
    }

    /** Replaces the cost field (the decoder adds fetch wait states after decoding). */
    static long withCost(long w, int cost) {
        return (w & ~(15L << 23)) | (long) (Math.min(cost, 15) & 15) << 23;
    }
}
