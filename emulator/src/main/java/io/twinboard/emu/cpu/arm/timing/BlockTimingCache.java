package io.twinboard.emu.cpu.arm.timing;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Decoded blocks keyed by (start address, size) — the identity of a translated block as the
 * Unicorn block hook reports it. Open addressing over int arrays: a hit allocates nothing.
 * Not thread-safe; one per core.
 */
public final class BlockTimingCache {
    private int[] addresses;
    private int[] sizes;
    private BlockTiming[] blocks;
    private int count;

    public BlockTimingCache() {
        this(4096);
    }

    /** @param initialCapacity expected number of distinct blocks (rounded up to a power of two) */
    public BlockTimingCache(int initialCapacity) {
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity * 2 - 1)) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        addresses = new int[cap];
        sizes = new int[cap];
        blocks = new BlockTiming[cap];
        count = 0;
    }

    private static int hash(int address, int size) {
        int h = address * 0x9E3779B1 + size;
        return h ^ (h >>> 15);
    }

    /** The block decoded for this TB, or null. */
    public BlockTiming get(int address, int size) {
        int mask = blocks.length - 1;
        for (int i = hash(address, size) & mask; ; i = (i + 1) & mask) {
            BlockTiming b = blocks[i];
            if (b == null) return null;
            if (addresses[i] == address && sizes[i] == size) return b;
        }
    }

    /** The cached block, decoding (and caching) it on a miss through {@code halfwordAt}. */
    public BlockTiming getOrDecode(int address, int size, IntUnaryOperator halfwordAt) {
        BlockTiming b = get(address, size);
        if (b != null) return b;
        b = BlockTiming.decode(address, size, halfwordAt);
        put(address, size, b);
        return b;
    }

    /** Adds or replaces the block for (address, size). */
    public void put(int address, int size, BlockTiming block) {
        if ((count + 1) * 2 > blocks.length) grow();
        int mask = blocks.length - 1;
        for (int i = hash(address, size) & mask; ; i = (i + 1) & mask) {
            if (blocks[i] == null) {
                addresses[i] = address;
                sizes[i] = size;
                blocks[i] = block;
                count++;
                return;
            }
            if (addresses[i] == address && sizes[i] == size) {
                blocks[i] = block;
                return;
            }
        }
    }

    /** Drops every block overlapping {@code [start, endExclusive)} (guest wrote code there). */
    public void invalidate(int start, int endExclusive) {
        int[] a = addresses, s = sizes;
        BlockTiming[] b = blocks;
        boolean any = false;
        for (int i = 0; i < b.length && !any; i++) {
            any = b[i] != null && overlaps(a[i], s[i], start, endExclusive);
        }
        if (!any) return;
        allocate(b.length);
        for (int i = 0; i < b.length; i++) {
            if (b[i] != null && !overlaps(a[i], s[i], start, endExclusive)) put(a[i], s[i], b[i]);
        }
    }

    private static boolean overlaps(int addr, int size, int start, int end) {
        return Integer.compareUnsigned(addr, end) < 0 && Integer.compareUnsigned(addr + Math.max(size, 1), start) > 0;
    }

    /** Forgets everything. */
    public void clear() {
        Arrays.fill(blocks, null);
        count = 0;
    }

    public int size() { return count; }

    private void grow() {
        int[] a = addresses, s = sizes;
        BlockTiming[] b = blocks;
        allocate(b.length * 2);
        for (int i = 0; i < b.length; i++) if (b[i] != null) put(a[i], s[i], b[i]);
    }
}
