package io.twinboard.periph.spi;

/**
 * A device on an SPI bus, as its controller drives it (DESIGN.md style rule 2: tiny interface,
 * the controller owns its children; the device knows nothing of the MCU). Timing belongs to the
 * controller: it calls {@link #exchange} when a byte's last bit has been clocked.
 */
public interface SpiDevice {
    /** Returned by {@link #exchange} when the device does not drive MISO (not selected). */
    int NOT_DRIVEN = -1;

    /**
     * Full-duplex transfer of one byte (mode 0/3, MSB first): takes MOSI, returns MISO (0..255),
     * or {@link #NOT_DRIVEN} while deselected — the controller then reads the idle level 0xFF.
     */
    int exchange(int mosi);

    /** Chip select changed; {@code selected} is true while the (active-low) select line is low. */
    void chipSelect(boolean selected);
}
