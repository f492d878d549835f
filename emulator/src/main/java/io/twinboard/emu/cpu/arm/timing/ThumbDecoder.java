package io.twinboard.emu.cpu.arm.timing;

import static io.twinboard.emu.cpu.arm.timing.ThumbInstruction.NONE;

/**
 * Stateless Thumb/Thumb-2 (ARMv7E-M) decoder for timing: classifies each instruction into a
 * {@link TimingClass} with its Cortex-M4 base cycles (TRM DDI 0439B table 3-1) and extracts what
 * the cycle model and access attribution need. Encodings follow the ARMv7-M ARM (DDI 0403E)
 * §A5 ("Thumb instruction set encoding"); section numbers are cited per group.
 *
 * <p>IT-block membership is not known to a stateless decoder; {@link BlockTiming#decode} marks
 * the instructions an IT covers as conditional.
 */
public final class ThumbDecoder {
    private ThumbDecoder() {}

    /** Whether a halfword is the first half of a 32-bit encoding (DDI 0403E §A5.1). */
    public static boolean is32Bit(int hw1) {
        return (hw1 & 0xF800) >= 0xE800;
    }

    /**
     * Decodes one instruction.
     *
     * @param address address of hw1 (bytes)
     * @param hw1     first halfword
     * @param hw2     second halfword (ignored for 16-bit encodings)
     */
    public static ThumbInstruction decode(int address, int hw1, int hw2) {
        hw1 &= 0xFFFF;
        hw2 &= 0xFFFF;
        if (is32Bit(hw1)) return Thumb32Decoder.decode(address, hw1, hw2);
        return decode16(address, hw1);
    }

    /** 16-bit encodings, DDI 0403E §A5.2. */
    static ThumbInstruction decode16(int a, int hw) {
        InstructionBuilder b = new InstructionBuilder(a, 2, hw);
        int op = hw >>> 10; // bits 15:10
        if ((op & 0x30) == 0x00) {                     // 00xxxx shift, add, sub, mov, compare
            int opc = (hw >> 11) & 0x1F;
            if (opc == 0b00101) return b.cls(TimingClass.DATA_PROCESSING, 1).flag(ThumbInstruction.F_ALU_RESULT).build(); // CMP imm
            int rd = opc >= 0b00100 ? (hw >> 8) & 7 : hw & 7;
            return b.alu(TimingClass.DATA_PROCESSING, rd).build();
        }
        if (op == 0x10) {                              // 010000 data processing §A5.2.2
            int opc = (hw >> 6) & 0xF;
            int rdn = hw & 7;
            if (opc == 0b1101) return b.alu(TimingClass.MULTIPLY, rdn).build();          // MUL
            boolean compare = opc == 0b1000 || opc == 0b1010 || opc == 0b1011;          // TST CMP CMN
            return b.alu(TimingClass.DATA_PROCESSING, compare ? NONE : rdn).build();
        }
        if (op == 0x11) {                              // 010001 special data, BX/BLX §A5.2.3
            int opc = (hw >> 8) & 3;
            int rd = ((hw >> 4) & 8) | (hw & 7);
            int rm = (hw >> 3) & 0xF;
            return switch (opc) {
                case 0 -> b.alu(TimingClass.DATA_PROCESSING, rd).build();               // ADD (hi)
                case 1 -> b.alu(TimingClass.DATA_PROCESSING, NONE).build();             // CMP (hi)
                case 2 -> b.alu(TimingClass.DATA_PROCESSING, rd).build();               // MOV (hi)
                default -> {
                    b.cls(TimingClass.BRANCH, 1).writes(15);
                    if ((hw & 0x80) != 0) b.flag(ThumbInstruction.F_CALL).writes(14);   // BLX Rm
                    b.branchTarget = 0;
                    yield b.build();
                }
            };
        }
        if ((op & 0x3E) == 0x12) {                     // 01001x LDR literal
            int rt = (hw >> 8) & 7;
            return b.single(true, 4, rt, 15, (hw & 0xFF) << 2, NONE, 0, true, false).build();
        }
        if ((op & 0x3C) == 0x14) {                     // 0101xx load/store register §A5.2.4
            int opb = (hw >> 9) & 7;
            int rm = (hw >> 6) & 7, rn = (hw >> 3) & 7, rt = hw & 7;
            boolean load = opb >= 3;
            int size = switch (opb) {
                case 0, 4 -> 4;       // STR, LDR
                case 1, 5, 7 -> 2;    // STRH, LDRH, LDRSH
                default -> 1;         // STRB, LDRSB, LDRB
            };
            if (opb == 3 || opb == 7) b.flag(ThumbInstruction.F_SIGNED);
            return b.single(load, size, rt, rn, 0, rm, 0, true, false).build();
        }
        if ((op & 0x38) == 0x18 || (op & 0x3C) == 0x20) { // 011xxx / 1000xx immediate offset
            int opa = hw >> 11;
            boolean load = (hw & 0x0800) != 0;
            int imm5 = (hw >> 6) & 0x1F, rn = (hw >> 3) & 7, rt = hw & 7;
            int size = opa <= 0b01101 ? 4 : opa <= 0b01111 ? 1 : 2;
            return b.single(load, size, rt, rn, imm5 * size, NONE, 0, true, false).build();
        }
        if ((op & 0x3C) == 0x24) {                     // 1001xx SP-relative
            boolean load = (hw & 0x0800) != 0;
            int rt = (hw >> 8) & 7;
            return b.single(load, 4, rt, 13, (hw & 0xFF) << 2, NONE, 0, true, false).build();
        }
        if ((op & 0x3C) == 0x28) {                     // 1010xx ADR, ADD SP (immediate)
            return b.alu(TimingClass.DATA_PROCESSING, (hw >> 8) & 7).build();
        }
        if ((op & 0x3C) == 0x2C) return misc16(b, a, hw); // 1011xx miscellaneous §A5.2.5
        if ((op & 0x3C) == 0x30) {                     // 1100xx STM / LDM
            boolean load = (hw & 0x0800) != 0;
            int rn = (hw >> 8) & 7;
            int list = hw & 0xFF;
            boolean wback = !load || (list & (1 << rn)) == 0;
            return b.multiple(load, rn, list, false, wback).build();
        }
        if ((op & 0x3C) == 0x34) {                     // 1101xx conditional branch, UDF, SVC
            int cond = (hw >> 8) & 0xF;
            if (cond == 0xE) return b.cls(TimingClass.EXCEPTION_GENERATING, 1).flag(ThumbInstruction.F_UNDEFINED).build(); // UDF
            if (cond == 0xF) return b.cls(TimingClass.EXCEPTION_GENERATING, 1).build();            // SVC
            int imm = (byte) (hw & 0xFF) << 1;
            return b.branch(TimingClass.BRANCH_CONDITIONAL, a + 4 + imm, true).build();
        }
        // 11100x: B (unconditional)
        int imm11 = (hw & 0x7FF) << 21 >> 20;
        return b.branch(TimingClass.BRANCH, a + 4 + imm11, false).build();
    }

    private static ThumbInstruction misc16(InstructionBuilder b, int a, int hw) {
        if ((hw & 0xFF00) == 0xB000) return b.alu(TimingClass.DATA_PROCESSING, 13).build(); // ADD/SUB SP
        if ((hw & 0xF500) == 0xB100) {                                   // CBZ / CBNZ
            int imm = ((hw >> 3) & 0x1F) << 1 | ((hw >> 9) & 1) << 6;
            return b.branch(TimingClass.COMPARE_BRANCH, a + 4 + imm, true).build();
        }
        if ((hw & 0xFF00) == 0xB200) return b.alu(TimingClass.DATA_PROCESSING, hw & 7).build(); // SXTH..UXTB
        if ((hw & 0xFE00) == 0xB400) {                                   // PUSH
            int list = (hw & 0xFF) | ((hw & 0x100) << 6);                // M -> LR
            return b.multiple(false, 13, list, true, true).build();
        }
        if ((hw & 0xFFE8) == 0xB660) return b.cls(TimingClass.SYSTEM, 2).build(); // CPSIE/CPSID
        if ((hw & 0xFF00) == 0xBA00) {                                   // REV, REV16, REVSH
            if (((hw >> 6) & 3) == 2) return b.undefined().build();
            return b.alu(TimingClass.DATA_PROCESSING, hw & 7).build();
        }
        if ((hw & 0xFE00) == 0xBC00) {                                   // POP
            int list = (hw & 0xFF) | ((hw & 0x100) << 7);               // P -> PC
            return b.multiple(true, 13, list, false, true).build();
        }
        if ((hw & 0xFF00) == 0xBE00) return b.cls(TimingClass.EXCEPTION_GENERATING, 1).build(); // BKPT
        if ((hw & 0xFF00) == 0xBF00) {
            if ((hw & 0xF) != 0) return b.cls(TimingClass.IT, 1).build();  // IT
            return b.cls(TimingClass.HINT, 1).build();                    // NOP YIELD WFE WFI SEV
        }
        return b.undefined().build();
    }
}
