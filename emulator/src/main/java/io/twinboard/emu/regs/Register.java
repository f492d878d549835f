package io.twinboard.emu.regs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * One device register, declared once with its datasheet name, reset value and access rules
 * (DESIGN.md style rule 1). Created by {@link RegisterBank#reg}; configured fluently at device
 * construction, never on the access path.
 *
 * <p>Guest write semantics, applied in this order to the written value {@code w}:
 * <ol>
 *   <li>bits in {@link #w1c} mask: writing 1 clears the bit, writing 0 leaves it;</li>
 *   <li>bits in {@link #writable} mask: take the written value;</li>
 *   <li>all other bits keep their stored value (read-only or reserved).</li>
 * </ol>
 * Then the write hook runs with the old and new stored values. Reads return the read hook's
 * value when one is set, else the stored value.
 */
public final class Register {
    /** Called after a guest write has updated the stored value. */
    @FunctionalInterface
    public interface WriteHook { void written(int oldValue, int newValue, int rawWrite); }

    /** A named bit field, for documentation, diagnostics and {@link #field(String)} access. */
    public record Field(String name, int lsb, int width) {
        public int mask() { return (width == 32 ? -1 : ((1 << width) - 1)) << lsb; }
        public int get(int value) { return (value & mask()) >>> lsb; }
        public int with(int value, int fieldValue) { return (value & ~mask()) | ((fieldValue << lsb) & mask()); }
    }

    final RegisterBank bank;
    final int offset;
    final String name;
    int widthBytes = 4;
    int resetValue;
    int writable = -1;
    int w1c;
    int unmodelledMask;
    String unmodelledWhy;
    /** The first write touching unmodelled bits was reported; later ones cost one test. */
    private boolean unmodelledReported;
    boolean repeatableRead;
    IntSupplier readHook;
    WriteHook writeHook;
    int value;
    private final List<Field> fields = new ArrayList<>();

    Register(RegisterBank bank, int offset, String name) {
        this.bank = bank;
        this.offset = offset;
        this.name = name;
    }

    /** Register width in bits: 8, 16 or 32 (default 32). */
    public Register width(int bits) {
        if (bits != 8 && bits != 16 && bits != 32) throw new IllegalArgumentException(name + ": width " + bits);
        widthBytes = bits / 8;
        bank.place(this);
        return this;
    }

    public Register reset(int v) { resetValue = v; value = v; return this; }

    /** Only the bits in {@code mask} are written by the guest. */
    public Register writeMask(int mask) { writable = mask; return this; }

    /** Guest writes are ignored (hooks still run with the unchanged value). */
    public Register readOnly() { writable = 0; return this; }

    /** Re-reading this register with nothing in between returns the same value and has no
     *  effect (MmioDevice.repeatableRead): its value changes only at events or through other
     *  registers, and its read hook, if any, is idempotent once it has run. */
    public Register repeatableRead() { repeatableRead = true; return this; }

    /** Bits in {@code mask} are write-one-to-clear. */
    public Register w1c(int mask) { w1c = mask; writable &= ~mask; return this; }

    /** Declares a field (documentation and {@link #field}). */
    public Register field(String fieldName, int lsb, int bits) { fields.add(new Field(fieldName, lsb, bits)); return this; }

    /**
     * Declares bits the model does not implement; a guest write setting any of them is reported
     * once, with {@code why}, as unmodelled.
     */
    public Register unmodelled(int mask, String why) { unmodelledMask = mask; unmodelledWhy = why; return this; }

    /** The guest reads this supplier's value instead of the stored value. */
    public Register onRead(IntSupplier hook) { readHook = hook; return this; }

    public Register onWrite(WriteHook hook) { writeHook = hook; return this; }

    public String name() { return name; }
    public int offset() { return offset; }
    public int widthBytes() { return widthBytes; }
    public int resetValue() { return resetValue; }
    public List<Field> fields() { return Collections.unmodifiableList(fields); }

    /** Stored value (device side; bypasses hooks). */
    public int get() { return value; }

    /** Sets the stored value (device side; bypasses masks and hooks). */
    public void set(int v) { value = widthBytes == 4 ? v : v & ((1 << (8 * widthBytes)) - 1); }

    public boolean bit(int n) { return (value >>> n & 1) != 0; }

    public void setBit(int n, boolean on) { set(on ? value | (1 << n) : value & ~(1 << n)); }

    public Field field(String fieldName) {
        for (Field f : fields) if (f.name.equals(fieldName)) return f;
        throw new IllegalArgumentException(name + " has no field " + fieldName);
    }

    /** Value as the guest reads it. */
    int guestRead() { return readHook != null ? readHook.getAsInt() : value; }

    /** Applies a guest write of the full register width. */
    void guestWrite(int w) {
        if ((w & unmodelledMask) != 0 && !unmodelledReported) {
            unmodelledReported = true;
            bank.log().unimplemented(bank.name(), name + "/unmodelled", String.format("%s write 0x%x sets unmodelled bits 0x%x: %s", name, w, w & unmodelledMask, unmodelledWhy));
        }
        int old = value;
        int nv = (old & ~writable & ~w1c) | (w & writable) | (old & w1c & ~w);
        set(nv);
        if (writeHook != null) writeHook.written(old, value, w);
    }

    void resetNow() { value = resetValue; }

    @Override public String toString() { return bank.name() + "." + name + "@0x" + Integer.toHexString(offset); }
}
