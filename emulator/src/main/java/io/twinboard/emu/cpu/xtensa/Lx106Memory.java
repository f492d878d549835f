package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.Region;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The core's view of the {@link Bus}: a table of 4 KiB pages built once from the bus regions so
 * that RAM/flash accesses go straight to the region's {@link MemorySegment} without a search,
 * plus the per-page decoded-instruction cache and memory wait states.
 *
 * <p>Invariant: a page whose instructions are cached is not fast-writable; stores to it take
 * the slow path, which drops the decoded instructions overlapping the stored bytes
 * (self-modifying code, code copied to IRAM) before writing. Dropping any of a page's decoded
 * instructions also bumps its {@link Page#codeVersion}, which retires every
 * {@link Lx106Block} built from that page (they are checked on entry, rebuilt on demand).
 */
final class Lx106Memory {
    static final int PAGE_BITS = 12, PAGE_SIZE = 1 << PAGE_BITS, PAGE_MASK = PAGE_SIZE - 1;
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /**
     * All of the host's address space, for the interpreter's RAM/flash fast paths: accessed at
     * {@link Page#base} + offset it needs no per-access segment, bounds or liveness check (those
     * cost more than the access when the segment is not a JIT constant). Offsets stay inside a
     * page because fast paths take only naturally aligned accesses, and the bus's memory is
     * alive while the core runs ({@link #checkAlive} at the start of each run).
     */
    static final MemorySegment RAW = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    /** One 4 KiB page of the address space that holds memory (RAM, flash, ROM). */
    static final class Page {
        final MemorySegment seg;
        /** Host address of {@link #seg} (native memory: the bus allocates it off-heap). */
        final long base;
        final boolean writable;
        /** The bus region this page belongs to (for messages). */
        final Region.Memory region;
        /** Only aligned 32-bit loads are allowed (instruction-bus memory such as ESP8266 IRAM/flash). */
        boolean wordOnly;
        /** Extra cycles per instruction fetched, per load, per store (set by the board). */
        int fetchWait, loadWait, storeWait;
        /** Decoded instructions by offset in the page, 0 = not decoded; null when none cached. */
        long[] decoded;
        /** Blocks by the offset of their first instruction; null when none built. */
        Lx106Block[] blocks;
        /** Bumped whenever decoded instructions of this page are dropped; a block is valid while equal. */
        int codeVersion;

        Page(MemorySegment seg, boolean writable, Region.Memory region) {
            if (!seg.isNative()) throw new IllegalArgumentException(region.name() + ": the LX106 core needs native (off-heap) memory");
            if ((seg.address() & PAGE_MASK) != 0) throw new IllegalArgumentException(region.name() + ": the LX106 core needs page-aligned memory");
            this.seg = seg;
            this.base = seg.address();
            this.writable = writable;
            this.region = region;
        }

        /**
         * This page's {@link #access} entry: 8/16-bit loads need memory that is not word-only,
         * stores writable memory without cached code; wait states are added by the slow path.
         */
        long accessEntry() {
            long e = base;
            if (loadWait != 0) e |= SLOW_LOAD | SLOW_SUBWORD_LOAD;
            if (wordOnly) e |= SLOW_SUBWORD_LOAD;
            if (!writable || wordOnly || decoded != null || storeWait != 0) e |= SLOW_STORE;
            return e;
        }
    }

    /** {@link #access} bits: the interpreter's fast path must not make this access here. */
    static final long SLOW_LOAD = 1, SLOW_SUBWORD_LOAD = 2, SLOW_STORE = 4, ALL_SLOW = 7;

    final Bus bus;
    /** Largest load or store wait state of any page (cycles): bounds a block's dynamic cost. */
    int maxAccessWait;
    /** Indexed by {@code address >>> 12}; null for device windows and unmapped space. */
    final Page[] pages = new Page[1 << (32 - PAGE_BITS)];
    /**
     * The interpreter's fast paths, by {@code address >>> 12}: the host address of the page's
     * memory (page aligned: the bus allocates it so) with {@link #SLOW_LOAD},
     * {@link #SLOW_SUBWORD_LOAD} and {@link #SLOW_STORE} set for the accesses that must take
     * the slow path (no memory, word-only memory, cached code, wait states: the slow path
     * adds them); {@link #ALL_SLOW} where no memory is. One load finds the host address.
     * Kept in step with the pages' flags by {@link #refresh}.
     */
    final long[] access = new long[1 << (32 - PAGE_BITS)];
    /**
     * Bumped with any page's {@link Page#codeVersion}: while it is unchanged no block became
     * stale, so the run loop follows the links between blocks without checking each one.
     */
    int codeEpoch;
    /** The first page of each memory region. */
    private final java.util.List<Page> livePages = new java.util.ArrayList<>();

    Lx106Memory(Bus bus) {
        this.bus = bus;
        java.util.Arrays.fill(access, ALL_SLOW);
        for (Region r : bus.regions()) {
            if (!(r instanceof Region.Memory m)) continue;
            for (long a = m.base(); a < m.end(); a += PAGE_SIZE) {
                MemorySegment slice = m.backing().asSlice(a - m.base(), PAGE_SIZE);
                Page p = new Page(slice, m.writable(), m);
                pages[(int) (a >>> PAGE_BITS)] = p;
                access[(int) (a >>> PAGE_BITS)] = p.accessEntry();
            }
            livePages.add(pages[(int) (m.base() >>> PAGE_BITS)]);
        }
    }

    Page page(int address) { return pages[address >>> PAGE_BITS]; }

    /** Recomputes the {@link #access} entry of page {@code p}, at {@code address}, after a change. */
    private void refresh(Page p, int address) {
        access[address >>> PAGE_BITS] = p.accessEntry();
    }

    /** Throws if the bus's memory was released: {@link #RAW} accesses must not outlive it. */
    void checkAlive() {
        for (Page p : livePages) {
            if (!p.seg.scope().isAlive()) throw new IllegalStateException("the bus of this core was closed (" + p.region.name() + ")");
        }
    }

    /** Memory attributes over {@code [base, base+size)}; both must be page aligned. */
    void setAttributes(long base, long size, boolean wordOnly, int fetchWait, int loadWait, int storeWait) {
        if ((base & PAGE_MASK) != 0 || (size & PAGE_MASK) != 0)
            throw new IllegalArgumentException(String.format("attributes need 4 KiB alignment: 0x%x+0x%x", base, size));
        for (long a = base; a < base + size; a += PAGE_SIZE) {
            Page p = pages[(int) (a >>> PAGE_BITS)];
            if (p == null) continue;
            p.wordOnly = wordOnly;
            p.fetchWait = fetchWait;
            p.loadWait = loadWait;
            p.storeWait = storeWait;
            refresh(p, (int) a);
        }
        // Blocks carry cost bounds computed with the old wait states: rebuild all of them.
        maxAccessWait = Math.max(maxAccessWait, Math.max(loadWait, storeWait));
        invalidateAll();
    }

    /**
     * The instruction at {@code pc}, decoded (cost = base cost + the page's fetch wait states)
     * and cached in its page when {@code cache}; 0 when one of its bytes is not in memory.
     * Has no other effect: the caller raises fetch errors.
     */
    long decode(int pc, boolean cache) {
        Page page = page(pc);
        if (page == null) return 0;
        long[] dec = page.decoded;
        long w;
        if (dec != null && (w = dec[pc & PAGE_MASK]) != 0) return w;
        int bits = byteAt(page, pc);
        int len = Lx106Decoder.length(bits);
        for (int i = 1; i < len; i++) {
            Page p = page(pc + i);
            if (p == null) return 0;
            bits |= byteAt(p, pc + i) << (8 * i);
        }
        w = Lx106Decoder.decode(bits);
        w = Op.withCost(w, Op.cost(w) + page.fetchWait);
        if (cache) {
            if (page.decoded == null) {
                page.decoded = new long[PAGE_SIZE];
                refresh(page, pc);
            }
            page.decoded[pc & PAGE_MASK] = w;
        }
        return w;
    }

    private static int byteAt(Page p, int address) {
        return p.seg.get(ValueLayout.JAVA_BYTE, address & PAGE_MASK) & 0xFF;
    }

    /** Drops the decoded instruction at {@code address} (a breakpoint was set there). */
    void invalidateAt(int address) {
        Page p = page(address);
        if (p != null && p.decoded != null && p.decoded[address & PAGE_MASK] != 0) {
            p.decoded[address & PAGE_MASK] = 0;
            p.codeVersion++;
            codeEpoch++;
        }
    }

    /**
     * Drops the cached instructions that overlap a store of {@code size} bytes at {@code address}:
     * those starting in {@code [address-2, address+size)} (an instruction is at most 3 bytes).
     * Only these entries go, so data that shares a page with code keeps the code cached.
     */
    void invalidateRange(int address, int size) {
        for (int a = address - 2; a != address + size; a++) invalidateAt(a);
    }

    /** Drops every cached instruction (after the host wrote code through the bus, or reset). */
    void invalidateAll() {
        for (int i = 0; i < pages.length; i++) {
            Page p = pages[i];
            if (p != null && (p.decoded != null || p.blocks != null)) {
                p.decoded = null;
                p.blocks = null;
                p.codeVersion++;
                refresh(p, i << PAGE_BITS);
            }
        }
        codeEpoch++;
    }
}
