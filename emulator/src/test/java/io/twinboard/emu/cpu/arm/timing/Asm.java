package io.twinboard.emu.cpu.arm.timing;

import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: halfword sequences produced at development time by
 * {@code arm-none-eabi-as -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16} and linked at the address
 * given next to each sequence; the assembly text sits in comments next to the data.
 */
final class Asm {
    private Asm() {}

    /** Decodes every instruction of a halfword sequence placed at {@code address}. */
    static List<ThumbInstruction> decodeAll(int address, int... hws) {
        List<ThumbInstruction> out = new ArrayList<>();
        int i = 0;
        int a = address;
        while (i < hws.length) {
            int hw1 = hws[i];
            int hw2 = ThumbDecoder.is32Bit(hw1) ? hws[i + 1] : 0;
            ThumbInstruction ins = ThumbDecoder.decode(a, hw1, hw2);
            out.add(ins);
            i += ins.length() / 2;
            a += ins.length();
        }
        return out;
    }

    /** A block of the given halfwords at {@code address}, decoded as the core would. */
    static BlockTiming block(int address, int... hws) {
        return BlockTiming.decode(address, hws.length * 2, addr -> {
            int k = (addr - address) >> 1;
            return k >= 0 && k < hws.length ? hws[k] : 0;
        });
    }

    /** Register file for address tests: r[n] = values[n]. */
    static int[] regs(int... values) {
        int[] r = new int[16];
        System.arraycopy(values, 0, r, 0, values.length);
        return r;
    }
}
