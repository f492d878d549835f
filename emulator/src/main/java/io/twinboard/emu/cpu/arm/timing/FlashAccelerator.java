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

    private int latency;
    private boolean prefetch;
    private boolean icacheOn;
    private boolean dcacheOn;

    private final int[] itags = new int[ICACHE_LINES];
    private final long[] iuse = new long[ICACHE_LINES];
    /**
     * I-cache slot + 1 of each flash line (0: not cached), so a lookup is one array read instead
     * of a scan of 64 tags — this ran for every block in crypto code, whose footprint overflows the
     * 1 KB cache. Indexed by (line - FLASH_BASE) / 16; kept in step with {@link #itags}.
     */
    private final int[] islot = new int[FLASH_SIZE / LINE_BYTES];
    private final int[] dtags = new int[DCACHE_LINES];
    private final long[] duse = new long[DCACHE_LINES];
    private long tick;
    /** Bumped whenever the I-cache's contents or the configuration change. */
    private int epoch;

    /** Line being executed (physical flash address) or -1; cycles spent executing it so far. */
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
        epoch++;
    }

    public int latency() { return latency; }
    public boolean prefetchEnabled() { return prefetch; }
    public boolean instructionCacheEnabled() { return icacheOn; }
    public boolean dataCacheEnabled() { return dcacheOn; }

    /** Invalidates every I-cache line (FLASH_ACR.ICRST). */
    public void resetInstructionCache() {
        Arrays.fill(itags, -1);
        Arrays.fill(islot, 0);
        epoch++;
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

    private static int physicalLine(int address) {
        int a = Integer.compareUnsigned(address, FLASH_SIZE) < 0 ? address + FLASH_BASE : address;
        return a & ~(LINE_BYTES - 1);
    }

    /**
     * Stall cycles of all instruction-line fetches of one execution of {@code b}, and advances
     * the prefetch state. Cheap when nothing changed since the block last ran with all lines
     * in the I-cache (one epoch compare plus an LRU touch per line).
     */
    public int blockFetchStalls(BlockTiming b) {
        int lines = b.flashLineCount();
        if (latency == 0 || !isFlash(b.address())) {
            currentLine = -1;
            return 0;
        }
        if (icacheOn && b.artOwner == this && b.artEpoch == epoch) {
            int[] slots = b.artSlots;
            // Same bookkeeping as the full path: the current line is not re-fetched (no LRU touch).
            int first = physicalLine(b.flashLine(0)) == currentLine ? 1 : 0;
            for (int k = first; k < lines; k++) iuse[slots[k]] = ++tick;
            instructionHits += lines - first;
            int last = physicalLine(b.flashLine(lines - 1));
            cyclesOnCurrentLine = last == currentLine && lines == 1
                    ? cyclesOnCurrentLine + b.lineCycles(0) : b.lineCycles(lines - 1);
            currentLine = last;
            return 0;
        }
        int stalls = 0;
        boolean allHit = icacheOn;
        for (int k = 0; k < lines; k++) {
            int line = physicalLine(b.flashLine(k));
            if (line == currentLine) {
                cyclesOnCurrentLine += b.lineCycles(k);
                continue;
            }
            int before = epoch;
            stalls += fetchLine(line, cyclesOnCurrentLine);
            if (epoch != before || !icacheOn) allHit = false;
            currentLine = line;
            cyclesOnCurrentLine = b.lineCycles(k);
        }
        if (allHit) rememberHits(b);
        return stalls;
    }

    private void rememberHits(BlockTiming b) {
        int lines = b.flashLineCount();
        int[] slots = b.artSlots != null && b.artSlots.length == lines ? b.artSlots : new int[lines];
        for (int k = 0; k < lines; k++) {
            int slot = findInstructionLine(physicalLine(b.flashLine(k)));
            if (slot < 0) return;
            slots[k] = slot;
        }
        b.artSlots = slots;
        b.artOwner = this;
        b.artEpoch = epoch;
    }

    /**
     * Stall cycles to fetch the instruction line containing {@code lineAddress}, given how many
     * cycles the CPU spent executing the previous line (for the prefetch model). Updates the
     * caches and the current-line state.
     */
    public int instructionFetchStalls(int lineAddress, int cyclesOnPreviousLine) {
        if (latency == 0 || !isFlash(lineAddress)) return 0;
        int line = physicalLine(lineAddress);
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
            int slot = findInstructionLine(line);
            if (slot >= 0) {
                iuse[slot] = ++tick;
                instructionHits++;
                return 0;
            }
        }
        instructionMisses++;
        if (prefetch && currentLine != -1 && line == currentLine + LINE_BYTES) {
            return Math.max(0, latency - cyclesOnPrevious);
        }
        if (icacheOn) {
            insertInstructionLine(line);
            epoch++;
        }
        return latency;
    }

    /**
     * Stall cycles of the vector fetch at exception entry (ICode-bus read of the vector word):
     * a line fetch that goes through the I-cache but does not move the current-line buffer.
     */
    public int vectorFetchStalls(int vectorAddress) {
        if (latency == 0 || !isFlash(vectorAddress)) return 0;
        int line = physicalLine(vectorAddress);
        if (icacheOn) {
            int slot = findInstructionLine(line);
            if (slot >= 0) {
                iuse[slot] = ++tick;
                return 0;
            }
            insertInstructionLine(line);
            epoch++;
        }
        currentLine = -1; // the handler's first fetch is non-sequential
        return latency;
    }

    /** Stall cycles of a data read from {@code address} (D-bus: literal pools, constants). */
    public int dataReadStalls(int address) {
        if (latency == 0 || !isFlash(address)) return 0;
        int line = physicalLine(address);
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

    private int findInstructionLine(int line) {
        int i = (line - FLASH_BASE) >>> 4;
        if (i < islot.length) return islot[i] - 1;
        return find(itags, line);
    }

    private void insertInstructionLine(int line) {
        int victim = insert(itags, iuse, line, true);
        int i = (line - FLASH_BASE) >>> 4;
        if (i < islot.length) islot[i] = victim + 1;
    }

    private static int find(int[] tags, int line) {
        for (int i = 0; i < tags.length; i++) if (tags[i] == line) return i;
        return -1;
    }

    private void insert(int[] tags, long[] use, int line) { insert(tags, use, line, false); }

    /** LRU replacement; returns the slot. {@code instruction}: keep {@link #islot} in step. */
    private int insert(int[] tags, long[] use, int line, boolean instruction) {
        int victim = 0;
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] == -1) { victim = i; break; }
            if (use[i] < use[victim]) victim = i;
        }
        if (instruction && tags[victim] != -1) {
            int old = (tags[victim] - FLASH_BASE) >>> 4;
            if (old < islot.length) islot[old] = 0;
        }
        tags[victim] = line;
        use[victim] = ++tick;
        return victim;
    }
}
