package io.twinboard.emu.cpu.arm.timing;

/**
 * Coprocessor space (DDI 0403E §A5.3.18): on the Cortex-M4F only CP10/CP11 (the FPv4-SP unit)
 * exist. The firmware is soft-float, so these are classified generically from the Cortex-M4
 * TRM's FPU table (DDI 0439B §7.2.3): data processing 1, VMLA/VMLS/VNMLA/VNMLS/VFMA/VFMS/VFNMA/
 * VFNMS 3, VDIV/VSQRT 14, VLDR 2, VLDM/VSTM/VPUSH/VPOP 1+N, transfers 1.
 */
final class FpDecoder {
    private FpDecoder() {}

    static ThumbInstruction coprocessor(InstructionBuilder b, int a, int hw1, int hw2) {
        int coproc = (hw2 >> 8) & 0xF;
        if ((coproc & 0xE) != 0xA) return b.undefined().build();     // only CP10/11
        if ((hw1 & 0xEE00) == 0xEC00 && (hw1 & 0x01A0) != 0) return loadStore(b, a, hw1, hw2);
        if ((hw1 & 0xEFE0) == 0xEC40) {                               // VMOV two core registers
            b.cls(TimingClass.FP_DATA, 2);
            if ((hw1 & 0x10) != 0) b.writes((hw2 >> 12) & 0xF).writes(hw1 & 0xF);
            return b.build();
        }
        if ((hw1 & 0xEF00) == 0xEE00) {
            if ((hw2 & 0x10) != 0) {                                  // VMOV core<->S, VMRS/VMSR
                b.cls(TimingClass.FP_DATA, 1);
                int rt = (hw2 >> 12) & 0xF;
                if ((hw1 & 0x10) != 0 && rt != 15) b.writes(rt);      // VMRS APSR_nzcv: flags only
                return b.build();
            }
            int g = ((hw1 >> 5) & 4) | ((hw1 >> 4) & 3);             // opc1 bits 23,21,20
            int cycles = switch (g) {
                case 0, 1, 5, 6 -> 3;                                   // multiply-accumulate family
                case 4 -> 14;                                           // VDIV
                case 7 -> (hw1 & 0xF) == 1 && ((hw2 >> 6) & 3) == 3 ? 14 : 1; // VSQRT
                default -> 1;
            };
            return b.cls(TimingClass.FP_DATA, cycles).build();
        }
        return b.undefined().build();
    }

    /** VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP. */
    private static ThumbInstruction loadStore(InstructionBuilder b, int a, int hw1, int hw2) {
        boolean pre = (hw1 & 0x0100) != 0, up = (hw1 & 0x0080) != 0, wback = (hw1 & 0x0020) != 0;
        boolean load = (hw1 & 0x0010) != 0;
        boolean dbl = (hw2 & 0x0100) != 0;
        int rn = hw1 & 0xF;
        int imm8 = hw2 & 0xFF;
        if (pre && !wback) {                                          // VLDR / VSTR
            b.single(load, 4, ThumbInstruction.NONE, rn, up ? imm8 << 2 : -(imm8 << 2),
                    ThumbInstruction.NONE, 0, true, false);
            b.count = dbl ? 2 : 1;
            b.cls(TimingClass.FP_LOAD_STORE, 2);
            return b.build();
        }
        int words = imm8;                                             // VLDM/VSTM/VPUSH/VPOP
        b.single(load, 4, ThumbInstruction.NONE, rn, 0, ThumbInstruction.NONE, 0, true, wback);
        b.flags &= ~ThumbInstruction.F_PC_RELATIVE;
        b.count = words;
        if (pre && !up) b.flag(ThumbInstruction.F_DECREMENT_BEFORE);
        b.cls(TimingClass.FP_LOAD_STORE, 1 + words);
        return b.build();
    }
}
