package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;

import java.util.BitSet;

/**
 * A register block the model does not implement (RTC, SAR, SLC, I2S, ...): reads 0, ignores
 * writes, and reports each distinct offset once — for reads and for writes separately — as
 * unmodelled, with the guest PC supplied by the {@link GuestLog} locator. The seen-sets keep the
 * access path free of allocation after the first report.
 */
public final class Esp8266Unmodelled implements MmioDevice {
    private final String name;
    private final long base;
    private final GuestLog log;
    private final BitSet readSeen = new BitSet();
    private final BitSet writeSeen = new BitSet();

    /** @param base absolute base address, only used to print absolute addresses */
    public Esp8266Unmodelled(String name, long base, GuestLog log) {
        this.name = name;
        this.base = base;
        this.log = log;
    }

    @Override public int read(int offset, int size) {
        if (!readSeen.get(offset)) {
            readSeen.set(offset);
            log.unimplemented(name, "r" + offset, String.format("read of %d byte(s) at 0x%08x (unmodelled, reads 0)", size, base + offset));
        }
        return 0;
    }

    @Override public void write(int offset, int size, int value) {
        if (!writeSeen.get(offset)) {
            writeSeen.set(offset);
            log.unimplemented(name, "w" + offset, String.format("write of 0x%x (%d byte(s)) at 0x%08x (unmodelled, ignored)", value, size, base + offset));
        }
    }
}
