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

    /**
     * Whether reading ({@code offset}, {@code size}) again right after reading it — no other
     * access to any device and no scheduled event in between — returns the same value as that
     * read and changes nothing. A polled status register whose bits change only at events or
     * through other registers qualifies; a counter that moves with time, or a register whose
     * read clears or pops something, does not. The core may then answer such re-reads without
     * calling the device (CortexM4: a firmware polling a flag). Default: no.
     */
    default boolean repeatableRead(int offset, int size) { return false; }
}
