package io.twinboard.emu.bus;

/**
 * An access to an address where nothing is mapped (or a guest write to read-only memory). CPU
 * backends turn it into the architecture's bus error; host callers get a clear message.
 */
public final class BusFault extends RuntimeException {
    private final long address;
    private final int size;
    private final boolean write;

    public BusFault(long address, int size, boolean write) {
        super(String.format("%s of %d byte(s) at 0x%08x: nothing mapped there (or read-only)", write ? "write" : "read", size, address));
        this.address = address;
        this.size = size;
        this.write = write;
    }

    public long address() { return address; }
    public int size() { return size; }
    public boolean isWrite() { return write; }
}
