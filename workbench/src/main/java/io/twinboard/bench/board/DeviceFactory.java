package io.twinboard.bench.board;

import io.twinboard.emu.bus.MmioDevice;

/**
 * Makes one device model from its board-file entry. Returns the MMIO device to map at the entry's
 * base (or null for parts without registers, like an SPI slave), after registering the part,
 * clocks and signals it provides in the context.
 */
@FunctionalInterface
public interface DeviceFactory {
    MmioDevice create(BoardDescription.Device spec, BuildContext ctx);
}
