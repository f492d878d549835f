package io.twinboard.emu.bus;

/**
 * A memory-mapped device as the bus sees it: reads and writes by offset inside its window.
 * Implementations must not throw for guest mistakes (log them through {@code GuestLog}).
 *
 * <p>{@code size} is the access width in bytes (1, 2 or 4); values are little-endian, zero
 * extended to {@code int}.
 */
public interface MmioDevice {
    int read(int offset, int size);

    void write(int offset, int size, int value);
}
