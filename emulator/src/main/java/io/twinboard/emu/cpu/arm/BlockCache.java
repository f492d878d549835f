package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.arm.timing.BlockTiming;

/**
 * Decoded blocks by start address: open addressing, no allocation on lookups. A block whose
 * size changed (Unicorn split or re-translated it) is decoded again and replaces the old entry.
 */
final class BlockCache {
    private BlockTiming[] table = new BlockTiming[4096];
    private int size;

    /** The cached block at {@code address} with exactly {@code bytes} bytes, or null. */
    BlockTiming get(int address, int bytes) {
        BlockTiming[] t = table;
        int mask = t.length - 1;
        for (int i = hash(address) & mask; ; i = (i + 1) & mask) {
            BlockTiming b = t[i];
            if (b == null) return null;
            if (b.address() == (address & ~1)) return b.size() == bytes ? b : null;
        }
    }

    BlockTiming put(BlockTiming block) {
        if (2 * (size + 1) > table.length) grow();
        insert(table, block);
        return block;
    }

    void clear() {
        table = new BlockTiming[4096];
        size = 0;
    }

    private void insert(BlockTiming[] t, BlockTiming block) {
        int mask = t.length - 1;
        for (int i = hash(block.address()) & mask; ; i = (i + 1) & mask) {
            if (t[i] == null) { t[i] = block; size++; return; }
            if (t[i].address() == block.address()) { t[i] = block; return; }
        }
    }

    private void grow() {
        BlockTiming[] old = table;
        table = new BlockTiming[old.length * 2];
        size = 0;
        for (BlockTiming b : old) if (b != null) insert(table, b);
    }

    private static int hash(int address) {
        int h = address * 0x9E3779B1;
        return h ^ (h >>> 16);
    }
}
