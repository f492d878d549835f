package io.twinboard.emu.regs;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A device's register map, declared once (DESIGN.md style rule 1: no {@code switch (offset)}).
 * Dispatch is one array lookup by byte offset. Narrow or misaligned guest accesses read or merge
 * the covered bytes of the register, little-endian; an access to an undeclared offset reads 0,
 * is ignored, and is reported once as a guest error.
 */
public final class RegisterBank implements MmioDevice {
    private final String name;
    private final GuestLog log;
    private final Register[] byByte;
    private final List<Register> registers = new ArrayList<>();

    private final int defaultWidthBytes;

    /** A bank of 32-bit registers; @param windowBytes size of the register window in bytes */
    public RegisterBank(String name, int windowBytes, GuestLog log) {
        this(name, windowBytes, 32, log);
    }

    /** A bank whose registers are {@code defaultWidthBits} wide unless declared otherwise. */
    public RegisterBank(String name, int windowBytes, int defaultWidthBits, GuestLog log) {
        if (defaultWidthBits != 8 && defaultWidthBits != 16 && defaultWidthBits != 32)
            throw new IllegalArgumentException(name + ": register width " + defaultWidthBits);
        this.name = name;
        this.log = log;
        this.byByte = new Register[windowBytes];
        this.defaultWidthBytes = defaultWidthBits / 8;
    }

    public String name() { return name; }
    GuestLog log() { return log; }

    /** Declares a register of the bank's default width at {@code offset}; refine it with the returned builder. */
    public Register reg(int offset, String regName) {
        Register r = new Register(this, offset, regName);
        r.widthBytes = defaultWidthBytes;
        registers.add(r);
        place(r);
        return r;
    }

    /** Declares {@code count} registers {@code stride} bytes apart named {@code prefix + i}. */
    public Register[] array(int offset, int stride, int count, String prefix) {
        Register[] rs = new Register[count];
        for (int i = 0; i < count; i++) rs[i] = reg(offset + i * stride, prefix + i);
        return rs;
    }

    void place(Register r) {
        for (int i = 0; i < byByte.length; i++) if (byByte[i] == r) byByte[i] = null;
        for (int i = 0; i < r.widthBytes; i++) {
            int at = r.offset + i;
            if (at >= byByte.length) throw new IllegalArgumentException(name + "." + r.name + " outside the " + byByte.length + "-byte window");
            if (byByte[at] != null && byByte[at] != r) throw new IllegalArgumentException(name + "." + r.name + " overlaps " + byByte[at].name);
            byByte[at] = r;
        }
    }

    public List<Register> registers() { return Collections.unmodifiableList(registers); }

    /** The register named {@code regName}. */
    public Register get(String regName) {
        for (Register r : registers) if (r.name.equals(regName)) return r;
        throw new IllegalArgumentException(name + " has no register " + regName);
    }

    /** Puts every register back to its reset value. */
    public void reset() { for (Register r : registers) r.resetNow(); }

    @Override public int read(int offset, int size) {
        Register r = offset >= 0 && offset < byByte.length ? byByte[offset] : null;
        if (r == null) {
            log.guestError(name, "read@" + offset, String.format("read of %d byte(s) at undeclared offset 0x%03x (reads 0)", size, offset));
            return 0;
        }
        int shift = 8 * (offset - r.offset);
        if (shift == 0 && size == r.widthBytes) return r.guestRead();
        if (offset - r.offset + size > r.widthBytes) {
            // Access spans registers: assemble byte by byte from each register's guest view.
            int v = 0;
            for (int i = 0; i < size; i++) v |= (read(offset + i, 1) & 0xFF) << (8 * i);
            return v;
        }
        int v = r.guestRead() >>> shift;
        return size == 4 ? v : v & ((1 << (8 * size)) - 1);
    }

    @Override public boolean repeatableRead(int offset, int size) {
        Register r = offset >= 0 && offset < byByte.length ? byByte[offset] : null;
        return r != null && r.repeatableRead && r.offset == offset && r.widthBytes == size;
    }

    @Override public void write(int offset, int size, int value) {
        Register r = offset >= 0 && offset < byByte.length ? byByte[offset] : null;
        if (r == null) {
            log.guestError(name, "write@" + offset, String.format("write of 0x%x (%d byte(s)) to undeclared offset 0x%03x (ignored)", value, size, offset));
            return;
        }
        int shift = 8 * (offset - r.offset);
        if (shift == 0 && size == r.widthBytes) { r.guestWrite(value); return; }
        if (offset - r.offset + size > r.widthBytes) {
            for (int i = 0; i < size; i++) write(offset + i, 1, value >>> (8 * i));
            return;
        }
        int mask = (size == 4 ? -1 : ((1 << (8 * size)) - 1)) << shift;
        // Bytes not written keep their value, except write-one-to-clear bits, which see a 0.
        r.guestWrite((r.get() & ~mask & ~r.w1c) | ((value << shift) & mask));
    }
}
