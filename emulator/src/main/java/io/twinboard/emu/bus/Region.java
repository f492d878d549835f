package io.twinboard.emu.bus;

import java.lang.foreign.MemorySegment;

/**
 * One mapping of the address space. Addresses are unsigned 32-bit values held in {@code long}.
 */
public sealed interface Region permits Region.Memory, Region.Mmio {
    String name();
    long base();
    long size();

    default long end() { return base() + size(); }
    default boolean contains(long address) { return address >= base() && address < end(); }

    /**
     * RAM, flash or ROM backed by host memory. {@code backing} is page aligned so a CPU backend can
     * map it directly (Unicorn {@code uc_mem_map_ptr}); an alias shares another region's backing.
     * {@code writable} is the guest's view: flash is written by the host (loader) only.
     */
    record Memory(String name, long base, long size, MemorySegment backing, boolean writable) implements Region {}

    /** A device window. */
    record Mmio(String name, long base, long size, MmioDevice device) implements Region {}
}
