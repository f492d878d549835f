package io.twinboard.emu.cpu.xtensa;

import static io.twinboard.emu.cpu.xtensa.Op.*;

/**
 * Decodes one LX106 instruction into the packed form of {@link Op}. Encodings follow the Xtensa
 * ISA Reference Manual (chapter 7, opcode maps, and the instruction descriptions of chapter 8);
 * the option set is QEMU's {@code core-lx106} (core-isa.h): Density, MUL16, MUL32 (MULL only),
 * NSA, ADDX, L32R/LITBASE, no windows, loops, MAC16, FP, booleans, MIN/MAX, SEXT, CLAMPS,
 * DIV32, MUL32_HIGH, S32C1I or release-sync (L32AI/S32RI). Everything else decodes to
 * {@link Op#ILLEGAL}, which raises IllegalInstructionCause as the silicon does.
 */
final class Lx106Decoder {
    private Lx106Decoder() {}

    /** b4const table (ISA RM §8, BEQI/BNEI/BLTI/BGEI). */
    static final int[] B4CONST = {-1, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256};
    /** b4constu table (BLTUI/BGEUI). */
    static final int[] B4CONSTU = {32768, 65536, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256};

    /** Length in bytes of the instruction whose first byte is {@code byte0} (Density option). */
    static int length(int byte0) {
        int op0 = byte0 & 15;
        return op0 >= 8 && op0 <= 13 ? 2 : 3;
    }

    /**
     * Decodes the instruction in {@code bits} (byte 0 in bits 0..7, little-endian; 3 bytes read
     * even for 2-byte instructions). The returned word's cost field is the base cost only.
     */
    static long decode(int bits) {
        int op0 = bits & 15;
        int t = (bits >>> 4) & 15, s = (bits >>> 8) & 15, r = (bits >>> 12) & 15;
        int op1 = (bits >>> 16) & 15, op2 = (bits >>> 20) & 15;
        int imm8 = (bits >>> 16) & 0xFF;
        switch (op0) {
            case 0: return qrst(bits, t, s, r, op1, op2);
            case 1: // L32R at, label: offset = (1^14 || imm16 || 00) relative to (pc+3) & ~3
                return mk(L32R, t, 0, 0, 3, 0, (bits >>> 8 & 0xFFFF) << 2 | 0xFFFC0000);
            case 2: return lsai(t, s, r, imm8, bits);
            case 5: { // CALLN
                int n = (bits >>> 4) & 3;
                if (n != 0) return illegal(3); // CALL4/8/12 need the windowed option
                int off = signExtend(bits >>> 6, 18) << 2;
                return mk(CALL0, 0, 0, 0, 3, 0, off);
            }
            case 6: return si(bits, t, s, r);
            case 7: return branchRR(bits, t, s, r, imm8);
            case 8: return mk(L32I, t, s, 0, 2, 1 << s, r << 2);
            case 9: return mk(S32I, 0, s, t, 2, 1 << s | 1 << t, r << 2);
            case 10: return mk(ADD, r, s, t, 2, 1 << s | 1 << t, 0);
            case 11: return mk(ADDI, r, s, 0, 2, 1 << s, t == 0 ? -1 : t);
            case 12: { // ST2: MOVI.N / BEQZ.N / BNEZ.N
                if ((t & 8) == 0) {
                    int imm7 = (t & 7) << 4 | r;
                    if ((imm7 & 0x60) == 0x60) imm7 -= 128;
                    return mk(MOVI, s, 0, 0, 2, 0, imm7);
                }
                int imm6 = (t & 3) << 4 | r;
                return mk((t & 4) == 0 ? BEQZ : BNEZ, 0, s, 0, 2, 1 << s, imm6 + 4);
            }
            case 13: { // ST3
                if (r == 0) return mk(MOV, t, s, 0, 2, 1 << s, 0);
                if (r != 15) return illegal(2);
                return switch (t) {
                    case 0 -> mk(RET, 0, 0, 0, 2, 1, 0);
                    case 2 -> mk(BREAK_N, 0, 0, 0, 2, 0, s);
                    case 3 -> mk(NOP, 0, 0, 0, 2, 0, 0);
                    default -> illegal(2); // RETW.N (windowed), ILL.N (t=6), reserved
                };
            }
            default: return illegal(length(bits));  // LSCI/MAC16 (FP, MAC16), op0 14/15
        }
    }

    private static long qrst(int bits, int t, int s, int r, int op1, int op2) {
        int rs = 1 << s, rt = 1 << t, rst = rs | rt;
        switch (op1) {
            case 0: // RST0
                switch (op2) {
                    case 0: return st0(bits, t, s, r);
                    case 1: return mk(AND, r, s, t, 3, rst, 0);
                    case 2: return mk(OR, r, s, t, 3, rst, 0);
                    case 3: return mk(XOR, r, s, t, 3, rst, 0);
                    case 4: // ST1
                        return switch (r) {
                            case 0 -> t == 0 ? mk(SSR, 0, s, 0, 3, rs, 0) : illegal(3);
                            case 1 -> t == 0 ? mk(SSL, 0, s, 0, 3, rs, 0) : illegal(3);
                            case 2 -> t == 0 ? mk(SSA8L, 0, s, 0, 3, rs, 0) : illegal(3);
                            case 3 -> t == 0 ? mk(SSA8B, 0, s, 0, 3, rs, 0) : illegal(3);
                            case 4 -> (t & 14) == 0 ? mk(SSAI, 0, 0, 0, 3, 0, s | (t & 1) << 4) : illegal(3);
                            case 14 -> mk(NSA, t, s, 0, 3, rs, 0);
                            case 15 -> mk(NSAU, t, s, 0, 3, rs, 0);
                            default -> illegal(3); // RER/WER, ROTW, reserved
                        };
                    case 6: // RT0
                        if (s == 0) return mk(NEG, r, t, 0, 3, rt, 0);
                        if (s == 1) return mk(ABS, r, t, 0, 3, rt, 0);
                        return illegal(3);
                    case 8: return mk(ADD, r, s, t, 3, rst, 0);
                    case 9: return mk(ADDX2, r, s, t, 3, rst, 0);
                    case 10: return mk(ADDX4, r, s, t, 3, rst, 0);
                    case 11: return mk(ADDX8, r, s, t, 3, rst, 0);
                    case 12: return mk(SUB, r, s, t, 3, rst, 0);
                    case 13: return mk(SUBX2, r, s, t, 3, rst, 0);
                    case 14: return mk(SUBX4, r, s, t, 3, rst, 0);
                    case 15: return mk(SUBX8, r, s, t, 3, rst, 0);
                    default: return illegal(3); // TLB ops (op2 5): no MMU/TLB modelled
                }
            case 1: // RST1
                switch (op2) {
                    case 0, 1: return mk(SLLI, r, s, 0, 3, rs, 32 - ((op2 & 1) << 4 | t));
                    case 2, 3: return mk(SRAI, r, t, 0, 3, rt, (op2 & 1) << 4 | s);
                    case 4: return mk(SRLI, r, t, 0, 3, rt, s);
                    case 6: return mk(XSR, t, t, 0, 3, rt, r << 4 | s);
                    case 8: return mk(SRC, r, s, t, 3, rst, 0);
                    case 9: return s == 0 ? mk(SRL, r, t, 0, 3, rt, 0) : illegal(3);
                    case 10: return t == 0 ? mk(SLL, r, s, 0, 3, rs, 0) : illegal(3);
                    case 11: return s == 0 ? mk(SRA, r, t, 0, 3, rt, 0) : illegal(3);
                    case 12: return mk(MUL16U, r, s, t, 3, rst, 0);
                    case 13: return mk(MUL16S, r, s, t, 3, rst, 0);
                    default: return illegal(3);
                }
            case 2: // RST2: only MULL on lx106 (no MUL32_HIGH, DIV32, booleans)
                return op2 == 8 ? mk(MULL, r, s, t, 3, rst, 0) : illegal(3);
            case 3: // RST3
                switch (op2) {
                    case 0: return mk(RSR, t, 0, 0, 3, 0, r << 4 | s);
                    case 1: return mk(WSR, t, t, 0, 3, rt, r << 4 | s);
                    case 8: return mk(MOVEQZ, r, s, t, 3, rst | 1 << r, 0);
                    case 9: return mk(MOVNEZ, r, s, t, 3, rst | 1 << r, 0);
                    case 10: return mk(MOVLTZ, r, s, t, 3, rst | 1 << r, 0);
                    case 11: return mk(MOVGEZ, r, s, t, 3, rst | 1 << r, 0);
                    default: return illegal(3); // SEXT, CLAMPS, MIN/MAX, MOVF/MOVT, RUR/WUR
                }
            case 4, 5: { // EXTUI
                int shift = (op1 & 1) << 4 | s;
                int maskBits = op2 + 1;
                return mk(EXTUI, r, t, 0, 3, rt, shift | maskBits << 5);
            }
            default: return illegal(3); // CUST0/1, LSCX, LSC4, FP0/FP1, reserved
        }
    }

    private static long st0(int bits, int t, int s, int r) {
        switch (r) {
            case 0: { // SNM0
                int m = (bits >>> 6) & 3, n = (bits >>> 4) & 3;
                if (m == 2 && n == 0 && s == 0) return mk(RET, 0, 0, 0, 3, 1, 0);
                if (m == 2 && n == 2) return mk(JX, 0, s, 0, 3, 1 << s, 0);
                if (m == 3 && n == 0) return mk(CALLX0, 0, s, 0, 3, 1 << s, 0);
                return illegal(3); // ILL (all zero), RETW, CALLX4/8/12, reserved
            }
            case 2: // SYNC group: ISYNC RSYNC ESYNC DSYNC EXCW MEMW EXTW NOP
                if (s != 0) return illegal(3);
                return switch (t) {
                    case 0, 1, 2, 3, 8, 12, 13, 15 -> mk(NOP, 0, 0, 0, 3, 0, t);
                    default -> illegal(3);
                };
            case 3: // RFEI
                if (t == 0) {
                    if (s == 0) return mk(RFE, 0, 0, 0, 3, 0, 0);
                    if (s == 2) return mk(RFDE, 0, 0, 0, 3, 0, 0);
                    return illegal(3); // RFUE (XEA1), RFWO/RFWU (windowed)
                }
                if (t == 1 && s >= 2 && s <= 3) return mk(RFI, 0, 0, 0, 3, 0, s);
                return illegal(3);
            case 4: return mk(BREAK, 0, 0, 0, 3, 0, s << 4 | t);
            case 5:
                if (t == 0 && s == 0) return mk(SYSCALL, 0, 0, 0, 3, 0, 0);
                if (t == 0 && s == 1) return mk(SIMCALL, 0, 0, 0, 3, 0x3C, 0);
                return illegal(3);
            case 6: return mk(RSIL, t, 0, 0, 3, 0, s);
            case 7: return t == 0 ? mk(WAITI, 0, 0, 0, 3, 0, s) : illegal(3);
            default: return illegal(3); // MOVSP (windowed), ANY4/ALL4/ANY8/ALL8 (booleans)
        }
    }

    private static long lsai(int t, int s, int r, int imm8, int bits) {
        int rs = 1 << s, rt = 1 << t;
        return switch (r) {
            case 0 -> mk(L8UI, t, s, 0, 3, rs, imm8);
            case 1 -> mk(L16UI, t, s, 0, 3, rs, imm8 << 1);
            case 2 -> mk(L32I, t, s, 0, 3, rs, imm8 << 2);
            case 4 -> mk(S8I, 0, s, t, 3, rs | rt, imm8);
            case 5 -> mk(S16I, 0, s, t, 3, rs | rt, imm8 << 1);
            case 6 -> mk(S32I, 0, s, t, 3, rs | rt, imm8 << 2);
            case 9 -> mk(L16SI, t, s, 0, 3, rs, imm8 << 1);
            case 10 -> mk(MOVI, t, 0, 0, 3, 0, signExtend(s << 8 | imm8, 12));
            case 12 -> mk(ADDI, t, s, 0, 3, rs, (byte) imm8);
            case 13 -> mk(ADDI, t, s, 0, 3, rs, (byte) imm8 << 8); // ADDMI
            default -> illegal(3); // CACHE (no caches), L32AI/S32RI/S32C1I (not configured)
        };
    }

    private static long si(int bits, int t, int s, int r) {
        int n = (bits >>> 4) & 3, m = (bits >>> 6) & 3;
        int rs = 1 << s;
        switch (n) {
            case 0: return mk(J, 0, 0, 0, 3, 0, (bits >> 6 << 14 >> 14) + 4);
            case 1: { // BZ
                int off = signExtend(bits >>> 12, 12) + 4;
                int op = switch (m) { case 0 -> BEQZ; case 1 -> BNEZ; case 2 -> BLTZ; default -> BGEZ; };
                return mk(op, 0, s, 0, 3, rs, off);
            }
            case 2: { // BI0
                int off = (byte) (bits >>> 16) + 4;
                int op = switch (m) { case 0 -> BEQI; case 1 -> BNEI; case 2 -> BLTI; default -> BGEI; };
                return mk(op, 0, s, r, 3, rs, off);
            }
            default: { // BI1
                int off = (byte) (bits >>> 16) + 4;
                if (m == 2) return mk(BLTUI, 0, s, r, 3, rs, off);
                if (m == 3) return mk(BGEUI, 0, s, r, 3, rs, off);
                return illegal(3); // ENTRY (windowed), BF/BT (booleans), LOOP* (loops)
            }
        }
    }

    private static long branchRR(int bits, int t, int s, int r, int imm8) {
        int off = (byte) imm8 + 4;
        int rst = 1 << s | 1 << t;
        return switch (r) {
            case 0 -> mk(BNONE, 0, s, t, 3, rst, off);
            case 1 -> mk(BEQ, 0, s, t, 3, rst, off);
            case 2 -> mk(BLT, 0, s, t, 3, rst, off);
            case 3 -> mk(BLTU, 0, s, t, 3, rst, off);
            case 4 -> mk(BALL, 0, s, t, 3, rst, off);
            case 5 -> mk(BBC, 0, s, t, 3, rst, off);
            case 6, 7 -> mk(BBCI, (r & 1) << 4 | t, s, 0, 3, 1 << s, off);
            case 8 -> mk(BANY, 0, s, t, 3, rst, off);
            case 9 -> mk(BNE, 0, s, t, 3, rst, off);
            case 10 -> mk(BGE, 0, s, t, 3, rst, off);
            case 11 -> mk(BGEU, 0, s, t, 3, rst, off);
            case 12 -> mk(BNALL, 0, s, t, 3, rst, off);
            case 13 -> mk(BBS, 0, s, t, 3, rst, off);
            default -> mk(BBSI, (r & 1) << 4 | t, s, 0, 3, 1 << s, off);
        };
    }

    private static long illegal(int length) { return mk(ILLEGAL, 0, 0, 0, length, 0, 0); }

    private static long mk(int op, int a, int b, int c, int len, int readMask, int imm) {
        return Op.pack(op, a, b, c, len, Lx106Timing.baseCost(op), readMask, imm);
    }

    static int signExtend(int value, int bits) {
        int shift = 32 - bits;
        return value << shift >> shift;
    }
}
