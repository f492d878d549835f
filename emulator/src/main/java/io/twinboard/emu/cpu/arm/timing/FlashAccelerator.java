package io.twinboard.emu.cpu.arm.timing;

import java.util.Arrays;

/**
 * STM32F4 flash interface timing: wait states, prefetch buffer and the ART accelerator's
 * instruction and data caches (RM0090 rev 19 §3.4 "Read interface": §3.4.1 wait states,
 * §3.4.2 "Adaptive real-time memory accelerator"; §3.9.1 FLASH_ACR). Answers "how many stall cycles does this fetch
 * cost"; it holds no data, only tags.
 *
 * <p>Model (see docs/cycle-model.md for the reasoning):
 * <ul>
 *   <li>Flash is read in 128-bit (16-byte) lines; a line read costs LATENCY wait states
 *       (FLASH_ACR.LATENCY[3:0], in CPU cycles). LATENCY = 0: everything is free.</li>
 *   <li>The line currently being executed is held in the current-line buffer: re-entering it
 *       costs nothing.</li>
 *   <li>I-cache (ICEN): 64 lines, fully associative, LRU. A hit costs 0. Per RM0090 §3.4.2 (instruction cache) only
 *       a real miss ("not present in the currently used instruction line, in the prefetched
 *       instruction line or in the instruction cache") is copied into the cache.</li>
 *   <li>Prefetch (PRFTEN): while line L executes, L+16 is read; fetching L+16 next costs
 *       {@code max(0, LATENCY - cyclesSpentInL)}. Non-sequential fetches cost LATENCY.</li>
 *   <li>D-cache (DCEN): 8 lines, fully associative, LRU, for data reads from flash (literal
 *       pools, constants); a miss costs LATENCY and fills the line.</li>
 *   <li>ICRST/DCRST (bits 11/12) written as 1 invalidate the respective cache (RM0090 says they
 *       act only while the cache is disabled; we invalidate whenever they are written as 1 and
 *       log nothing — the guest cannot observe the difference through timing alone).</li>
 * </ul>
 * Addresses in the boot alias at 0x0000_0000 are treated as the flash at 0x0800_0000.
 * Not thread-safe; one instance per core.
 */
public final class FlashAccelerator {
    /** Bytes per flash line (128 bits). */
    public static final int LINE_BYTES = 16;
    /** I-cache lines (64 × 128 bits, RM0090 §3.4.2). */
    public static final int ICACHE_LINES = 64;
    /** D-cache lines (8 × 128 bits). */
    public static final int DCACHE_LINES = 8;

    /** FLASH_ACR fields (RM0090 §3.9.1). */
    public static final int ACR_LATENCY_MASK = 0xF;
    public static final int ACR_PRFTEN = 1 << 8;
    public static final int ACR_ICEN = 1 << 9;
    public static final int ACR_DCEN = 1 << 10;
    public static final int ACR_ICRST = 1 << 11;
    public static final int ACR_DCRST = 1 << 12;

    /** Main flash (2 MB on the F429) and its boot alias at 0. */
    public static final int FLASH_BASE = 0x0800_0000;
    public static final int FLASH_SIZE = 0x0020_0000;
    private static final int FLASH_LINES = FLASH_SIZE / LINE_BYTES;
    /** {@link #packLines}: line index above these bits, the cycles spent on the line below. */
    private static final int CYCLE_BITS = 14, CYCLE_MASK = (1 << CYCLE_BITS) - 1;

    private int latency;
    private boolean prefetch;
    private boolean icacheOn;
    private boolean dcacheOn;

    /*
     * I-cache: tags are flash line indexes ((physical address - FLASH_BASE) / 16). Replacement is
     * LRU kept as a doubly linked list over the 64 slots (O(1) per hit and per miss: this runs
     * for every block, and crypto code misses about once per two line fetches). Slots are only
     * ever emptied all together (ICRST), so the free slots are always [filled, 64).
     */
    private final int[] itags = new int[ICACHE_LINES];
    private final int[] newer = new int[ICACHE_LINES];
    private final int[] older = new int[ICACHE_LINES];
    private int mostRecent = -1, leastRecent = -1, filled;
    /** I-cache slot + 1 of each flash line (0: not cached), kept in step with {@link #itags}. */
    private final int[] islot = new int[FLASH_LINES];
    private final int[] dtags = new int[DCACHE_LINES];
    private final long[] duse = new long[DCACHE_LINES];
    private long tick;

    /** Line index being executed, or -1; cycles spent executing it so far. */
    private int currentLine = -1;
    private int cyclesOnCurrentLine;

    /** Statistics (for the run summary and tests). */
    private long instructionMisses;
    private long instructionHits;
    private long dataMisses;
    private long dataHits;

    /** Reset state: FLASH_ACR = 0 (0 wait states, prefetch and caches off). */
    public FlashAccelerator() {
        Arrays.fill(itags, -1);
        Arrays.fill(dtags, -1);
    }

    /** Applies a value written to FLASH_ACR. */
    public void configure(int acrValue) {
        latency = acrValue & ACR_LATENCY_MASK;
        prefetch = (acrValue & ACR_PRFTEN) != 0;
        icacheOn = (acrValue & ACR_ICEN) != 0;
        dcacheOn = (acrValue & ACR_DCEN) != 0;
        if ((acrValue & ACR_ICRST) != 0) resetInstructionCache();
        if ((acrValue & ACR_DCRST) != 0) resetDataCache();
        currentLine = -1;
    }

    public int latency() { return latency; }
    public boolean prefetchEnabled() { return prefetch; }
    public boolean instructionCacheEnabled() { return icacheOn; }
    public boolean dataCacheEnabled() { return dcacheOn; }

    /** Invalidates every I-cache line (FLASH_ACR.ICRST). */
    public void resetInstructionCache() {
        Arrays.fill(itags, -1);
        Arrays.fill(islot, 0);
        mostRecent = leastRecent = -1;
        filled = 0;
    }

    /** Invalidates every D-cache line (FLASH_ACR.DCRST). */
    public void resetDataCache() {
        Arrays.fill(dtags, -1);
    }

    /** Whether {@code address} is main flash or its alias at 0 (and so goes through the ART). */
    public static boolean isFlash(int address) {
        return Integer.compareUnsigned(address - FLASH_BASE, FLASH_SIZE) < 0
                || Integer.compareUnsigned(address, FLASH_SIZE) < 0;
    }

    /** Flash line index of a flash address (main flash or its alias at 0). */
    private static int lineIndex(int address) {
        int a = Integer.compareUnsigned(address, FLASH_SIZE) < 0 ? address : address - FLASH_BASE;
        return a >>> 4;
    }

    /**
     * The line fetches of a block, precomputed once per block for {@link #blockFetchStalls}:
     * per line touched, its index and the static cycles spent executing it; null when the block
     * is not in flash (no wait states).
     *
     * @param lineAddresses addresses of the 16-byte lines the block touches, in order
     * @param lineCycles    static cycles of the block's instructions on each line
     */
    static int[] packLines(int blockAddress, int[] lineAddresses, int[] lineCycles) {
        if (!isFlash(blockAddress)) return null;
        int[] packed = new int[lineAddresses.length];
        for (int k = 0; k < packed.length; k++) {
            if (!isFlash(lineAddresses[k])) return null;   // runs off the end of flash: not modelled
            packed[k] = lineIndex(lineAddresses[k]) << CYCLE_BITS | Math.min(lineCycles[k], CYCLE_MASK);
        }
        return packed;
    }

    /**
     * Stall cycles of all instruction-line fetches of one execution of {@code b}, and advances
     * the current-line and prefetch state. Allocation-free; O(lines of the block).
     */
    public int blockFetchStalls(BlockTiming b) {
        return blockFetchStalls(b.artLines);
    }

    /** As {@link #blockFetchStalls(BlockTiming)}, from the block's {@link BlockTiming#artLines()}. */
    public int blockFetchStalls(int[] lines) {
        if (latency == 0 || lines == null) {
            currentLine = -1;
            return 0;
        }
        int stalls = 0;
        for (int packed : lines) {
            int line = packed >>> CYCLE_BITS;
            int cycles = packed & CYCLE_MASK;
            if (line == currentLine) {
                cyclesOnCurrentLine += cycles;
                continue;
            }
            stalls += fetchLine(line, cyclesOnCurrentLine);
            currentLine = line;
            cyclesOnCurrentLine = cycles;
        }
        return stalls;
    }

    /**
     * Stall cycles to fetch the instruction line containing {@code lineAddress}, given how many
     * cycles the CPU spent executing the previous line (for the prefetch model). Updates the
     * caches and the current-line state.
     */
    public int instructionFetchStalls(int lineAddress, int cyclesOnPreviousLine) {
        if (latency == 0 || !isFlash(lineAddress)) return 0;
        int line = lineIndex(lineAddress);
        if (line == currentLine) return 0;
        int s = fetchLine(line, cyclesOnPreviousLine);
        currentLine = line;
        cyclesOnCurrentLine = 0;
        return s;
    }

    /** As {@link #instructionFetchStalls(int, int)} with the previous line's cycles as tracked
     *  by {@link #blockFetchStalls}. */
    public int instructionFetchStalls(int lineAddress) {
        return instructionFetchStalls(lineAddress, cyclesOnCurrentLine);
    }

    private int fetchLine(int line, int cyclesOnPrevious) {
        if (icacheOn) {
            int slot = islot[line] - 1;
            if (slot >= 0) {
                touch(slot);
                instructionHits++;
                return 0;
            }
        }
        instructionMisses++;
        if (prefetch && currentLine != -1 && line == currentLine + 1) {
            return Math.max(0, latency - cyclesOnPrevious);
        }
        if (icacheOn) insertInstructionLine(line);
        return latency;
    }

    /**
     * Stall cycles of the vector fetch at exception entry (ICode-bus read of the vector word):
     * a line fetch that goes through the I-cache but does not move the current-line buffer.
     */
    public int vectorFetchStalls(int vectorAddress) {
        if (latency == 0 || !isFlash(vectorAddress)) return 0;
        int line = lineIndex(vectorAddress);
        if (icacheOn) {
            int slot = islot[line] - 1;
            if (slot >= 0) {
                touch(slot);
                return 0;
            }
            insertInstructionLine(line);
        }
        currentLine = -1; // the handler's first fetch is non-sequential
        return latency;
    }

    /** Stall cycles of a data read from {@code address} (D-bus: literal pools, constants). */
    public int dataReadStalls(int address) {
        if (latency == 0 || !isFlash(address)) return 0;
        int line = lineIndex(address);
        if (dcacheOn) {
            int slot = find(dtags, line);
            if (slot >= 0) {
                duse[slot] = ++tick;
                dataHits++;
                return 0;
            }
            insert(dtags, duse, line);
        }
        dataMisses++;
        return latency;
    }

    /** Sum of {@link #dataReadStalls(int)} over the block's literal-pool loads. */
    public int literalLoadStalls(BlockTiming b) {
        if (latency == 0) return 0;
        int s = 0;
        for (int k = 0, n = b.literalLoadCount(); k < n; k++) s += dataReadStalls(b.literalAddress(k));
        return s;
    }

    public long instructionHits() { return instructionHits; }
    public long instructionMisses() { return instructionMisses; }
    public long dataHits() { return dataHits; }
    public long dataMisses() { return dataMisses; }

    /** Makes {@code slot} the most recently used I-cache line. */
    private void touch(int slot) {
        if (slot == mostRecent) return;
        unlink(slot);
        linkMostRecent(slot);
    }

    /** Fills the next free slot, or replaces the least recently used line. */
    private void insertInstructionLine(int line) {
        int victim;
        if (filled < ICACHE_LINES) {
            victim = filled++;
        } else {
            victim = leastRecent;
            islot[itags[victim]] = 0;
            unlink(victim);
        }
        itags[victim] = line;
        islot[line] = victim + 1;
        linkMostRecent(victim);
    }

    private void unlink(int slot) {
        int n = newer[slot], o = older[slot];
        if (n >= 0) older[n] = o; else mostRecent = o;
        if (o >= 0) newer[o] = n; else leastRecent = n;
    }

    private void linkMostRecent(int slot) {
        older[slot] = mostRecent;
        newer[slot] = -1;
        if (mostRecent >= 0) newer[mostRecent] = slot; else leastRecent = slot;
        mostRecent = slot;
    }

    private static int find(int[] tags, int line) {
        for (int i = 0; i < tags.length; i++) if (tags[i] == line) return i;
        return -1;
    }

    /** D-cache LRU replacement (8 lines: a scan is cheapest). */
    private void insert(int[] tags, long[] use, int line) {
        int victim = 0;
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] == -1) { victim = i; break; }
            if (use[i] < use[victim]) victim = i;
        }
        tags[victim] = line;
        use[victim] = ++tick;
    }
}
