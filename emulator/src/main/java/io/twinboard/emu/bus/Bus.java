package io.twinboard.emu.bus;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Address decoding for one machine: memory regions backed by host memory and device windows.
 * CPU backends read {@link #regions()} to map memory their own way; this class also offers a
 * generic (slower) access path for interpreters, the loader and the debugger.
 *
 * <p>Regions never overlap. Memory is allocated page aligned (4 KiB) and zeroed; it lives as long
 * as the bus.
 */
public final class Bus implements AutoCloseable {
    public static final long PAGE = 4096;
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final Arena arena = Arena.ofShared();
    private final List<Region> regions = new ArrayList<>();
    private Region[] sorted = new Region[0];

    /** Maps zeroed memory; {@code writable=false} makes it read-only to the guest (flash, ROM). */
    public Region.Memory mapMemory(String name, long base, long size, boolean writable) {
        checkPageAligned(name, base, size);
        MemorySegment seg = arena.allocate(size, PAGE);
        return add(new Region.Memory(name, base, size, seg, writable));
    }

    /** Maps {@code target}'s memory a second time at {@code base} (e.g. STM32 flash at 0). */
    public Region.Memory alias(String name, long base, Region.Memory target) {
        checkPageAligned(name, base, target.size());
        return add(new Region.Memory(name, base, target.size(), target.backing(), target.writable()));
    }

    public Region.Mmio mapDevice(String name, long base, long size, MmioDevice device) {
        if (size <= 0) throw new IllegalArgumentException(name + ": empty device window");
        return add(new Region.Mmio(name, base, size, device));
    }

    private static void checkPageAligned(String name, long base, long size) {
        if (base % PAGE != 0 || size % PAGE != 0 || size <= 0)
            throw new IllegalArgumentException(name + ": memory must be page aligned (base 0x" + Long.toHexString(base) + ", size 0x" + Long.toHexString(size) + ")");
    }

    private <R extends Region> R add(R r) {
        if (r.base() < 0 || r.end() > 0x1_0000_0000L) throw new IllegalArgumentException(r.name() + ": outside the 32-bit address space");
        for (Region o : regions) {
            if (r.base() < o.end() && o.base() < r.end())
                throw new IllegalArgumentException(r.name() + " overlaps " + o.name());
        }
        regions.add(r);
        sorted = regions.toArray(Region[]::new);
        java.util.Arrays.sort(sorted, Comparator.comparingLong(Region::base));
        return r;
    }

    /** All regions in address order. */
    public List<Region> regions() { return Collections.unmodifiableList(java.util.Arrays.asList(sorted)); }

    /** The region containing {@code address}, or null. */
    public Region find(long address) {
        Region[] s = sorted;
        int lo = 0, hi = s.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Region r = s[mid];
            if (address < r.base()) hi = mid - 1;
            else if (address >= r.end()) lo = mid + 1;
            else return r;
        }
        return null;
    }

    /** The memory region with that name, or an exception naming the known ones. */
    public Region.Memory memory(String name) {
        for (Region r : sorted) if (r instanceof Region.Memory m && m.name().equals(name)) return m;
        throw new IllegalArgumentException("no memory region '" + name + "'");
    }

    /**
     * Generic read of {@code size} bytes (1, 2, 4), as the guest would see it.
     * @throws BusFault when nothing is mapped there
     */
    public int read(long address, int size) {
        Region r = find(address);
        if (r == null || address + size > r.end()) throw new BusFault(address, size, false);
        long off = address - r.base();
        return switch (r) {
            case Region.Memory m -> switch (size) {
                case 1 -> Byte.toUnsignedInt(m.backing().get(ValueLayout.JAVA_BYTE, off));
                case 2 -> Short.toUnsignedInt(m.backing().get(SHORT_LE, off));
                case 4 -> m.backing().get(INT_LE, off);
                default -> throw new IllegalArgumentException("access size " + size);
            };
            case Region.Mmio d -> d.device().read((int) off, size);
        };
    }

    /**
     * Generic guest write; {@code host=true} bypasses read-only protection (loader, debugger).
     * @throws BusFault when nothing is mapped there or the guest writes read-only memory
     */
    public void write(long address, int size, int value, boolean host) {
        Region r = find(address);
        if (r == null || address + size > r.end()) throw new BusFault(address, size, true);
        long off = address - r.base();
        switch (r) {
            case Region.Memory m -> {
                if (!m.writable() && !host) throw new BusFault(address, size, true);
                switch (size) {
                    case 1 -> m.backing().set(ValueLayout.JAVA_BYTE, off, (byte) value);
                    case 2 -> m.backing().set(SHORT_LE, off, (short) value);
                    case 4 -> m.backing().set(INT_LE, off, value);
                    default -> throw new IllegalArgumentException("access size " + size);
                }
            }
            case Region.Mmio d -> d.device().write((int) off, size, value);
        }
    }

    /** Host-side bulk load into memory regions (ELF segments, provisioning blocks). */
    public void load(long address, byte[] data) {
        int done = 0;
        while (done < data.length) {
            long a = address + done;
            Region r = find(a);
            if (!(r instanceof Region.Memory m))
                throw new BusFault(a, 1, true);
            int n = (int) Math.min(data.length - done, m.end() - a);
            MemorySegment.copy(data, done, m.backing(), ValueLayout.JAVA_BYTE, a - m.base(), n);
            done += n;
        }
    }

    /** Host-side bulk read from memory regions. */
    public byte[] dump(long address, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long a = address + done;
            Region r = find(a);
            if (!(r instanceof Region.Memory m)) throw new BusFault(a, 1, false);
            int n = (int) Math.min(length - done, m.end() - a);
            MemorySegment.copy(m.backing(), ValueLayout.JAVA_BYTE, a - m.base(), out, done, n);
            done += n;
        }
        return out;
    }

    @Override public void close() { arena.close(); }
}
