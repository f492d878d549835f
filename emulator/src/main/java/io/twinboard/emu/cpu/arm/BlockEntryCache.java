package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.arm.timing.BlockTiming;

/**
 * {@link BlockEntry}s by (start address, size), open addressing, and by id (the index the native
 * hook records in its trace; ids are dense from 0). Lookups allocate nothing.
 */
final class BlockEntryCache {
    private BlockEntry[] table = new BlockEntry[8192];
    private int count;
    private BlockEntry[] byId = new BlockEntry[4096];
    private int ids;

    /** A new entry for a block not yet in the cache, with the next id. */
    BlockEntry create(BlockTiming timing, int address, int size) {
        BlockEntry e = new BlockEntry(timing, address, size, ids);
        put(e);
        if (ids == byId.length) byId = java.util.Arrays.copyOf(byId, ids * 2);
        byId[ids++] = e;
        return e;
    }

    /** Entries by id, {@link #ids()} of them; the array is replaced as the cache grows. */
    BlockEntry[] byId() { return byId; }

    int ids() { return ids; }

    BlockEntry get(int address, int size) {
        BlockEntry[] t = table;
        int mask = t.length - 1;
        for (int i = hash(address, size) & mask; ; i = (i + 1) & mask) {
            BlockEntry e = t[i];
            if (e == null) return null;
            if (e.address == address && e.size == size) return e;
        }
    }

    void put(BlockEntry e) {
        if (2 * (count + 1) > table.length) grow();
        insert(table, e);
    }

    private void insert(BlockEntry[] t, BlockEntry e) {
        int mask = t.length - 1;
        for (int i = hash(e.address, e.size) & mask; ; i = (i + 1) & mask) {
            if (t[i] == null) { t[i] = e; count++; return; }
            if (t[i].address == e.address && t[i].size == e.size) { t[i] = e; return; }
        }
    }

    private void grow() {
        BlockEntry[] old = table;
        table = new BlockEntry[old.length * 2];
        count = 0;
        for (BlockEntry e : old) if (e != null) insert(table, e);
    }

    private static int hash(int address, int size) {
        int h = address * 0x9E3779B1 + size;
        return h ^ (h >>> 15);
    }
}
