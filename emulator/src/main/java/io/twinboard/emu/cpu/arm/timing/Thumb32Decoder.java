package io.twinboard.emu.cpu.arm.timing;

import static io.twinboard.emu.cpu.arm.timing.ThumbInstruction.NONE;

/** 32-bit Thumb-2 encodings of ARMv7E-M (DDI 0403E §A5.3), for {@link ThumbDecoder}. */
final class Thumb32Decoder {
    private Thumb32Decoder() {}

    static ThumbInstruction decode(int a, int hw1, int hw2) {
        InstructionBuilder b = new InstructionBuilder(a, 4, hw1 << 16 | hw2);
        int op1 = (hw1 >> 11) & 3;
        int op2 = (hw1 >> 4) & 0x7F;
        boolean op = (hw2 & 0x8000) != 0;
        if (op1 == 1) {
            if ((op2 & 0x64) == 0x00) return loadStoreMultiple(b, hw1, hw2);
            if ((op2 & 0x64) == 0x04) return loadStoreDualExclusiveTable(b, a, hw1, hw2);
            if ((op2 & 0x60) == 0x20) return dataShiftedRegister(b, hw1, hw2);
            return FpDecoder.coprocessor(b, a, hw1, hw2);
        }
        if (op1 == 2) {
            if (op) return branchMisc(b, a, hw1, hw2);
            int rd = (hw2 >> 8) & 0xF;
            if ((hw1 & 0x0200) == 0) {                       // modified immediate §A5.3.1
                int opc = (hw1 >> 5) & 0xF;
                boolean s = (hw1 & 0x10) != 0;
                boolean compare = s && rd == 15 && (opc == 0b0000 || opc == 0b0100
                        || opc == 0b1000 || opc == 0b1101);  // TST TEQ CMN CMP
                return b.alu(TimingClass.DATA_PROCESSING, compare ? NONE : rd).build();
            }
            return b.alu(TimingClass.DATA_PROCESSING, rd).build(); // plain binary immediate §A5.3.3
        }
        // op1 == 3
        if ((op2 & 0x71) == 0x00) return loadStoreSingle(b, a, hw1, hw2, false);      // stores
        if ((op2 & 0x67) == 0x01 || (op2 & 0x67) == 0x03 || (op2 & 0x67) == 0x05) {
            return loadStoreSingle(b, a, hw1, hw2, true);                            // loads
        }
        if ((op2 & 0x67) == 0x07) return b.undefined().build();
        if ((op2 & 0x70) == 0x20) return b.alu(TimingClass.DATA_PROCESSING, (hw2 >> 8) & 0xF).build(); // §A5.3.12
        if ((op2 & 0x78) == 0x30) return b.alu(TimingClass.MULTIPLY, (hw2 >> 8) & 0xF).build(); // §A5.3.16
        if ((op2 & 0x78) == 0x38) return longMultiplyDivide(b, hw1, hw2);
        return FpDecoder.coprocessor(b, a, hw1, hw2);
    }

    /** LDM/STM/PUSH/POP (T2), §A5.3.5. */
    private static ThumbInstruction loadStoreMultiple(InstructionBuilder b, int hw1, int hw2) {
        int opc = (hw1 >> 7) & 3;
        if (opc == 0 || opc == 3) return b.undefined().build(); // SRS/RFE: not in ARMv7-M
        boolean load = (hw1 & 0x10) != 0;
        boolean wback = (hw1 & 0x20) != 0;
        int rn = hw1 & 0xF;
        return b.multiple(load, rn, hw2, opc == 2, wback).build();
    }

    /** LDREX/STREX, LDRD/STRD, TBB/TBH, §A5.3.6. */
    private static ThumbInstruction loadStoreDualExclusiveTable(InstructionBuilder b, int a, int hw1,
                                                                int hw2) {
        int o1 = (hw1 >> 7) & 3, o2 = (hw1 >> 4) & 3, o3 = (hw2 >> 4) & 0xF;
        int rn = hw1 & 0xF, rt = (hw2 >> 12) & 0xF, rd = hw2 & 0xF;
        if (o1 == 0 && o2 < 2) {                              // STREX / LDREX (word)
            boolean load = o2 == 1;
            b.single(load, 4, rt, rn, (hw2 & 0xFF) << 2, NONE, 0, true, false);
            b.flag(ThumbInstruction.F_EXCLUSIVE).cls(TimingClass.LOAD, 2);
            if (!load) b.writes((hw2 >> 8) & 0xF);             // STREX status register Rd
            return b.build();
        }
        if (o1 == 1 && o2 == 1 && o3 <= 1) {                  // TBB / TBH
            boolean half = o3 == 1;
            b.single(true, half ? 2 : 1, NONE, rn, 0, rd, half ? 1 : 0, true, false);
            b.flags &= ~ThumbInstruction.F_PC_RELATIVE;
            b.cls(TimingClass.TABLE_BRANCH, 3).writes(15)
                    .flag(ThumbInstruction.F_LOADED_TARGET);
            return b.build();
        }
        if (o1 == 1 && o2 < 2 && (o3 == 4 || o3 == 5)) {      // STREXB/H, LDREXB/H
            boolean load = o2 == 1;
            b.single(load, o3 == 4 ? 1 : 2, rt, rn, 0, NONE, 0, true, false);
            b.flag(ThumbInstruction.F_EXCLUSIVE).cls(TimingClass.LOAD, 2);
            if (!load) b.writes(rd);
            return b.build();
        }
        if ((o1 & 2) != 0 || (o2 & 2) != 0) {                  // LDRD / STRD (immediate, literal)
            boolean load = (o2 & 1) != 0;
            boolean pre = (hw1 & 0x0100) != 0, up = (hw1 & 0x0080) != 0, wback = (hw1 & 0x0020) != 0;
            int imm = (hw2 & 0xFF) << 2;
            int rt2 = (hw2 >> 8) & 0xF;
            b.single(load, 4, rt, rn, up ? imm : -imm, NONE, 0, pre, wback);
            b.count = 2;
            b.list = (1 << rt) | (1 << rt2);
            if (load) b.writes(rt2);
            b.cls(load ? TimingClass.LOAD_DOUBLE : TimingClass.STORE_DOUBLE, 3);
            return b.build();
        }
        return b.undefined().build();
    }

    /** Data processing (shifted register), §A5.3.11. */
    private static ThumbInstruction dataShiftedRegister(InstructionBuilder b, int hw1, int hw2) {
        int opc = (hw1 >> 5) & 0xF;
        boolean s = (hw1 & 0x10) != 0;
        int rd = (hw2 >> 8) & 0xF;
        boolean compare = s && rd == 15 && (opc == 0b0000 || opc == 0b0100 || opc == 0b1000
                || opc == 0b1101);
        return b.alu(TimingClass.DATA_PROCESSING, compare ? NONE : rd).build();
    }

    /** Branches and miscellaneous control, §A5.3.4. */
    private static ThumbInstruction branchMisc(InstructionBuilder b, int a, int hw1, int hw2) {
        int o1 = (hw2 >> 12) & 7;
        int opc = (hw1 >> 4) & 0x7F;
        int s = (hw1 >> 10) & 1;
        if (o1 == 2 && opc == 0x7F) {                          // UDF.W (permanently undefined)
            return b.cls(TimingClass.EXCEPTION_GENERATING, 1).flag(ThumbInstruction.F_UNDEFINED).build();
        }
        if ((o1 & 5) == 0) {                                  // op1 = 0x0
            if ((opc & 0x38) != 0x38) {                        // B<cond> T3
                int imm = s << 20 | ((hw2 >> 11) & 1) << 19 | ((hw2 >> 13) & 1) << 18
                        | (hw1 & 0x3F) << 12 | (hw2 & 0x7FF) << 1;
                imm = imm << 11 >> 11;
                return b.branch(TimingClass.BRANCH_CONDITIONAL, a + 4 + imm, true).build();
            }
            if ((opc & 0x7E) == 0x38) return b.cls(TimingClass.SYSTEM, 2).build();      // MSR
            if (opc == 0x3A) return b.cls(TimingClass.HINT, 1).build();                  // hints
            if (opc == 0x3B) {                                                          // misc control
                int mo = (hw2 >> 4) & 0xF;
                if (mo == 6) return b.cls(TimingClass.BARRIER, CortexM4Timing.ISB_CYCLES).build(); // ISB
                if (mo == 4 || mo == 5) return b.cls(TimingClass.BARRIER, 1).build();    // DSB, DMB
                if (mo == 2) return b.cls(TimingClass.HINT, 1).build();                  // CLREX
                return b.undefined().build();
            }
            if ((opc & 0x7E) == 0x3E) {                                                 // MRS
                return b.cls(TimingClass.SYSTEM, 1).writes((hw2 >> 8) & 0xF).build();
            }
            return b.undefined().build();
        }
        // B (T4) and BL: imm32 = S:I1:I2:imm10:imm11:'0', I = NOT(J xor S)
        int j1 = (hw2 >> 13) & 1, j2 = (hw2 >> 11) & 1;
        int i1 = ~(j1 ^ s) & 1, i2 = ~(j2 ^ s) & 1;
        int imm = s << 24 | i1 << 23 | i2 << 22 | (hw1 & 0x3FF) << 12 | (hw2 & 0x7FF) << 1;
        imm = imm << 7 >> 7;
        if ((o1 & 4) != 0) {                                  // BL (o1 = 1x1); 1x0 is BLX imm: undefined on M
            if ((o1 & 1) == 0) return b.undefined().build();
            return b.branch(TimingClass.BRANCH, a + 4 + imm, false)
                    .flag(ThumbInstruction.F_CALL).writes(14).build();
        }
        return b.branch(TimingClass.BRANCH, a + 4 + imm, false).build();
    }

    /** Load/store single data item, §A5.3.7-§A5.3.10 (stores have no literal form). */
    private static ThumbInstruction loadStoreSingle(InstructionBuilder b, int a, int hw1, int hw2,
                                                    boolean load) {
        int sizeBits = (hw1 >> 5) & 3;
        if (sizeBits == 3) return b.undefined().build();
        int size = 1 << sizeBits;
        boolean signed = (hw1 & 0x0100) != 0;
        if (!load && signed) return b.undefined().build();
        int rn = hw1 & 0xF, rt = (hw2 >> 12) & 0xF;
        if (signed) b.flag(ThumbInstruction.F_SIGNED);
        boolean hint = load && rt == 15 && size < 4;           // PLD / PLI (byte/halfword forms)
        int target = hint ? NONE : rt;
        if (rn == 15) {                                        // literal
            if (!load) return b.undefined().build();
            int imm = hw2 & 0xFFF;
            b.single(true, size, target, 15, (hw1 & 0x80) != 0 ? imm : -imm, NONE, 0, true, false);
        } else if ((hw1 & 0x80) != 0) {                        // imm12, positive
            b.single(load, size, target, rn, hw2 & 0xFFF, NONE, 0, true, false);
        } else if ((hw2 & 0x0800) != 0) {                      // imm8: P U W
            boolean pre = (hw2 & 0x400) != 0, up = (hw2 & 0x200) != 0, w = (hw2 & 0x100) != 0;
            int imm = hw2 & 0xFF;
            if (pre && up && !w) b.flag(ThumbInstruction.F_UNPRIVILEGED);   // LDRT/STRT family
            if (!pre && !w) return b.undefined().build();
            b.single(load, size, target, rn, up ? imm : -imm, NONE, 0, pre, w);
        } else if ((hw2 & 0x0FC0) == 0) {                      // register, LSL #imm2
            b.single(load, size, target, rn, 0, hw2 & 0xF, (hw2 >> 4) & 3, true, false);
        } else {
            return b.undefined().build();
        }
        if (hint) {
            // Preload hints cost one cycle and do not access memory (M4 treats them as NOPs).
            b.cls(TimingClass.HINT, 1);
            b.flags &= ~(ThumbInstruction.F_LOAD | ThumbInstruction.F_PC_RELATIVE);
            b.memSize = 0;
            b.count = 0;
        }
        return b.build();
    }

    /** Long multiply, long multiply-accumulate and divide, §A5.3.17. */
    private static ThumbInstruction longMultiplyDivide(InstructionBuilder b, int hw1, int hw2) {
        int opc = (hw1 >> 4) & 7;
        int rn = hw1 & 0xF, rdLo = (hw2 >> 12) & 0xF, rdHi = (hw2 >> 8) & 0xF, rm = hw2 & 0xF;
        if (opc == 0b001 || opc == 0b011) {                    // SDIV / UDIV
            b.alu(TimingClass.DIVIDE, rdHi).cls(TimingClass.DIVIDE, DivideTiming.MIN_CYCLES);
            b.dividend = rn;
            b.divisor = rm;
            if (opc == 0b001) b.flag(ThumbInstruction.F_SIGNED);
            return b.build();
        }
        b.alu(TimingClass.MULTIPLY, rdLo).writes(rdHi);         // SMULL UMULL SMLAL* UMLAL UMAAL SMLSLD...
        return b.build();
    }
}
