package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;

import java.util.Arrays;

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
    /**
     * Word offsets (offset / 4) already reported, sorted; a binary search per access, an insert
     * (copy) only on a first report. Sparse on purpose: a window can span 512 MB.
     */
    private int[] reported = new int[0];

    /** @param windowBase the absolute address at which the board maps this window */
    public UnmodelledPeripheral(long windowBase, GuestLog log) {
        this.windowBase = windowBase;
        this.log = log;
    }

    @Override public int read(int offset, int size) {
        if (Arrays.binarySearch(reported, offset >>> 2) < 0) report(offset, size, "read (reads 0)");
        return 0;
    }

    @Override public void write(int offset, int size, int value) {
        if (Arrays.binarySearch(reported, offset >>> 2) < 0) report(offset, size, String.format("write of 0x%x (ignored)", value));
    }

    private void report(int offset, int size, String what) {
        int word = offset >>> 2;
        int at = -Arrays.binarySearch(reported, word) - 1;
        int[] grown = new int[reported.length + 1];
        System.arraycopy(reported, 0, grown, 0, at);
        grown[at] = word;
        System.arraycopy(reported, at, grown, at + 1, reported.length - at);
        reported = grown;
        long address = windowBase + (offset & ~3);
        Stm32f429Map.Block block = Stm32f429Map.blockAt(address);
        String name = block == null ? "reserved" : block.name();
        String where = block == null ? "" : String.format(" (offset 0x%03x)", address - block.base());
        log.unimplemented(name, String.format("0x%08x", address),
                String.format("unmodelled register 0x%08x%s: %d-byte %s", address, where, size, what));
    }
}
