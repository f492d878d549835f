package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;

import java.util.BitSet;

/**
 * Stands in for a peripheral this package does not model (timers, DMA, I2C, ADC, ...; the
 * blocks of {@link Stm32f429Map#unmodelledBlocks()}): every register reads 0 and ignores
 * writes, and the first access to each register address is reported through
 * {@link GuestLog#unimplemented} (the log adds PC and symbol), naming the peripheral from the
 * RM0090 §2.3 memory map. Later accesses to the same word cost no allocation.
 */
public final class UnmodelledPeripheral implements MmioDevice {
    private final long windowBase;
    private final GuestLog log;
    /** Words (offset / 4) already reported. */
    private final BitSet reported = new BitSet();

    /** @param windowBase the absolute address at which the board maps this window */
    public UnmodelledPeripheral(long windowBase, GuestLog log) {
        this.windowBase = windowBase;
        this.log = log;
    }

    @Override public int read(int offset, int size) {
        if (!reported.get(offset >>> 2)) report(offset, size, "read (reads 0)");
        return 0;
    }

    @Override public void write(int offset, int size, int value) {
        if (!reported.get(offset >>> 2)) report(offset, size, String.format("write of 0x%x (ignored)", value));
    }

    private void report(int offset, int size, String what) {
        reported.set(offset >>> 2);
        long address = windowBase + (offset & ~3);
        Stm32f429Map.Block block = Stm32f429Map.blockAt(address);
        String name = block == null ? "reserved" : block.name();
        String where = block == null ? "" : String.format(" (offset 0x%03x)", address - block.base());
        log.unimplemented(name, String.format("0x%08x", address),
                String.format("unmodelled register 0x%08x%s: %d-byte %s", address, where, size, what));
    }
}
