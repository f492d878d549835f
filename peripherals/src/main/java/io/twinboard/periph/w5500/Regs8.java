package io.twinboard.periph.w5500;

import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;

/** Declares W5500 registers, which are bytes: a multi-byte register is its bytes, MSB first, named as in the datasheet (GAR0..GAR3). */
final class Regs8 {
    private Regs8() {}

    /** One 8-bit register (the banks are declared 8 bits wide). */
    static Register one(RegisterBank bank, int offset, String name, int reset) {
        return bank.reg(offset, name).width(8).reset(reset);
    }

    /** {@code count} consecutive bytes {@code name0..}, reset to the big-endian bytes of {@code reset}. */
    static Register[] many(RegisterBank bank, int offset, String name, int count, long reset) {
        Register[] r = new Register[count];
        for (int i = 0; i < count; i++)
            r[i] = one(bank, offset + i, name + i, (int) (reset >>> (8 * (count - 1 - i))) & 0xFF);
        return r;
    }

    /** Stored big-endian value of a 2-byte register. */
    static int u16(Register[] r) { return r[0].get() << 8 | r[1].get(); }

    static void setU16(Register[] r, int v) { r[0].set(v >>> 8 & 0xFF); r[1].set(v & 0xFF); }

    /** Makes a 2-byte register read-only, reading {@code value}'s high and low byte. */
    static void readOnly16(Register[] r, java.util.function.IntSupplier value) {
        r[0].readOnly().onRead(() -> value.getAsInt() >>> 8 & 0xFF);
        r[1].readOnly().onRead(() -> value.getAsInt() & 0xFF);
    }
}
