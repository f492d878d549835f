package io.twinboard.emu.cpu.arm.timing;

import static io.twinboard.emu.cpu.arm.timing.FlashAccelerator.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** STM32F4 ART accelerator and prefetch model (RM0090 §3.4, FLASH_ACR §3.9.1). */
class FlashAcceleratorTest {
    private static final int NOP = 0xbf00; // nop (16-bit, 1 cycle)
    private static final int WS5 = 5;

    /** A block of {@code n} NOPs at {@code address}: n cycles, n*2 bytes. */
    private static BlockTiming nops(int address, int n) {
        int[] hws = new int[n];
        java.util.Arrays.fill(hws, NOP);
        return Asm.block(address, hws);
    }

    private static FlashAccelerator art(int acr) {
        FlashAccelerator a = new FlashAccelerator();
        a.configure(acr);
        return a;
    }

    @Test
    void zeroWaitStatesCostNothing() {
        FlashAccelerator a = new FlashAccelerator();
        assertEquals(0, a.latency());
        assertEquals(0, a.blockFetchStalls(nops(0x0800_0000, 20)));
        assertEquals(0, a.dataReadStalls(0x0800_1000));
        a.configure(ACR_PRFTEN | ACR_ICEN | ACR_DCEN);
        assertEquals(0, a.blockFetchStalls(nops(0x0800_2000, 20)));
    }

    @Test
    void withoutCachesOrPrefetchEveryNewLineWaits() {
        FlashAccelerator a = art(WS5);
        BlockTiming x = nops(0x0800_1000, 2), y = nops(0x0800_2000, 2);
        assertEquals(5, a.blockFetchStalls(x));
        assertEquals(0, a.blockFetchStalls(x), "same line: current-line buffer");
        assertEquals(5, a.blockFetchStalls(y));
        assertEquals(5, a.blockFetchStalls(x));
        assertEquals(10, a.blockFetchStalls(nops(0x0800_300C, 4)), "two lines, no prefetch");
    }

    @Test
    void instructionCacheHitsAfterTheFirstMiss() {
        FlashAccelerator a = art(WS5 | ACR_ICEN);
        BlockTiming x = nops(0x0800_1000, 2), y = nops(0x0800_2000, 2);
        assertEquals(5, a.blockFetchStalls(x));
        assertEquals(5, a.blockFetchStalls(y));
        assertEquals(0, a.blockFetchStalls(x));
        assertEquals(0, a.blockFetchStalls(y));
        assertEquals(0, a.blockFetchStalls(x));
        assertEquals(2, a.instructionMisses());
    }

    @Test
    void prefetchHidesSequentialLinesWhenTheCurrentLineRunsLongEnough() {
        FlashAccelerator a = art(WS5 | ACR_PRFTEN);
        // 8 NOPs fill line 0x1000 (8 cycles >= 5): the next line is ready.
        assertEquals(5, a.blockFetchStalls(nops(0x0800_1000, 9)));
        // 2 NOPs at the end of line 0x200C..0x200F (2 cycles): 3 cycles of the 5 remain.
        assertEquals(5 + 3, a.blockFetchStalls(nops(0x0800_200C, 3)));
        FlashAccelerator off = art(WS5);
        assertEquals(5 + 5, off.blockFetchStalls(nops(0x0800_200C, 3)));
    }

    @Test
    void prefetchContinuesAcrossBlocks() {
        FlashAccelerator a = art(WS5 | ACR_PRFTEN);
        assertEquals(5, a.blockFetchStalls(nops(0x0800_100C, 1)));   // 1 cycle in line 0x1000
        assertEquals(0, a.blockFetchStalls(nops(0x0800_100E, 1)));   // same line: 2 cycles so far
        assertEquals(3, a.blockFetchStalls(nops(0x0800_1010, 1)), "sequential: 5 - 2");
    }

    @Test
    void prefetchedLinesAreNotCopiedIntoTheInstructionCache() {
        // RM0090 §3.4.2: only a miss in current line, prefetch buffer and cache fills the cache.
        FlashAccelerator a = art(WS5 | ACR_PRFTEN | ACR_ICEN);
        BlockTiming straddle = nops(0x0800_100C, 3);  // 2 cycles in 0x1000, 1 in 0x1010
        assertEquals(5 + 3, a.blockFetchStalls(straddle));
        assertEquals(5, a.blockFetchStalls(nops(0x0800_4000, 1)));
        assertEquals(0 + 3, a.blockFetchStalls(straddle), "0x1000 cached, 0x1010 prefetched again");
    }

    @Test
    void instructionCacheIsLeastRecentlyUsed() {
        FlashAccelerator a = art(WS5 | ACR_ICEN);
        List<BlockTiming> lines = new ArrayList<>();
        for (int i = 0; i <= ICACHE_LINES; i++) lines.add(nops(0x0800_8000 + 32 * i, 1));
        for (int i = 0; i < ICACHE_LINES; i++) assertEquals(5, a.blockFetchStalls(lines.get(i)));
        assertEquals(0, a.blockFetchStalls(lines.get(0)), "touch line 0");
        assertEquals(5, a.blockFetchStalls(lines.get(ICACHE_LINES)), "65th line evicts line 1");
        assertEquals(0, a.blockFetchStalls(lines.get(0)));
        assertEquals(5, a.blockFetchStalls(lines.get(1)));
        assertEquals(0, a.blockFetchStalls(lines.get(ICACHE_LINES)));
    }

    @Test
    void icrstInvalidatesTheInstructionCache() {
        FlashAccelerator a = art(WS5 | ACR_ICEN);
        BlockTiming x = nops(0x0800_1000, 2), y = nops(0x0800_2000, 2);
        a.blockFetchStalls(x);
        a.blockFetchStalls(y);
        assertEquals(0, a.blockFetchStalls(x));
        a.configure(WS5 | ACR_ICRST);
        a.configure(WS5 | ACR_ICEN);
        assertEquals(5, a.blockFetchStalls(y), "cache was invalidated");
    }

    @Test
    void dataCacheHoldsEightLines() {
        FlashAccelerator a = art(WS5 | ACR_DCEN);
        assertEquals(5, a.dataReadStalls(0x0800_5000));
        assertEquals(0, a.dataReadStalls(0x0800_500C), "same 16-byte line");
        for (int i = 1; i < DCACHE_LINES; i++) assertEquals(5, a.dataReadStalls(0x0800_5000 + 16 * i));
        assertEquals(0, a.dataReadStalls(0x0800_5000));
        assertEquals(5, a.dataReadStalls(0x0800_6000), "9th line evicts the LRU one (0x5010)");
        assertEquals(5, a.dataReadStalls(0x0800_5010));
        assertEquals(0, a.dataReadStalls(0x0800_6000));
        assertEquals(0, a.dataReadStalls(0x2000_0000), "SRAM has no wait states here");
        FlashAccelerator noDcache = art(WS5);
        assertEquals(5, noDcache.dataReadStalls(0x0800_5000));
        assertEquals(5, noDcache.dataReadStalls(0x0800_5000));
        a.configure(WS5 | ACR_DCRST);
        a.configure(WS5 | ACR_DCEN);
        assertEquals(5, a.dataReadStalls(0x0800_6000), "DCRST invalidated");
    }

    @Test
    void literalLoadsGoThroughTheDataCache() {
        FlashAccelerator a = art(WS5 | ACR_DCEN | ACR_ICEN);
        BlockTiming b = Asm.block(0x0800_0400,
            0x4d01,            // 8000400 ldr r5, [pc, #4]   -> literal at 0x8000408
            0x4770);           // 8000402 bx lr
        assertEquals(0x0800_0408, b.literalAddress(0));
        assertEquals(5, a.literalLoadStalls(b));
        assertEquals(0, a.literalLoadStalls(b));
    }

    @Test
    void bootAliasAndNonFlashCode() {
        FlashAccelerator a = art(WS5 | ACR_ICEN);
        assertEquals(5, a.blockFetchStalls(nops(0x0000_1000, 2)));
        assertEquals(5, a.blockFetchStalls(nops(0x0800_2000, 2)));
        assertEquals(0, a.blockFetchStalls(nops(0x0800_1000, 2)), "0x0000_1000 aliases 0x0800_1000");
        assertEquals(0, a.blockFetchStalls(nops(0x2000_0000, 40)), "code in SRAM");
        assertTrue(FlashAccelerator.isFlash(0x081F_FFFF));
        assertFalse(FlashAccelerator.isFlash(0x0820_0000));
        assertFalse(FlashAccelerator.isFlash(0x1000_0000), "CCM");
    }

    @Test
    void vectorFetchAtExceptionEntry() {
        FlashAccelerator a = art(WS5 | ACR_ICEN);
        assertEquals(12 + 5, CortexM4Timing.exceptionEntryCycles(a, 0x0800_003C));
        assertEquals(12, CortexM4Timing.exceptionEntryCycles(a, 0x0800_003C), "vector line cached");
        assertEquals(12, CortexM4Timing.exceptionEntryCycles(a, 0x2000_003C), "VTOR in SRAM");
        assertEquals(12, CortexM4Timing.exceptionEntryCycles(null, 0x0800_003C));
        assertEquals(10, CortexM4Timing.exceptionReturnCycles());
    }

    /**
     * The I-cache's linked-list LRU against a plain reference (timestamps, scan for the oldest),
     * on a pseudo-random trace over 60 and then 90 lines (the second half overflows the 64-line
     * cache): every fetch must cost the same in both.
     */
    @Test
    void lruListAgreesWithATimestampReference() {
        FlashAccelerator a = art(WS5 | ACR_ICEN);   // no prefetch: every miss is a cache fill
        ReferenceLru ref = new ReferenceLru(ICACHE_LINES);
        long seed = 12345;
        int misses = 0;
        for (int step = 0; step < 20000; step++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int line = (int) ((seed >>> 33) % (step < 10000 ? 60 : 90));
            int expected = ref.access(line) ? 0 : WS5;
            a.blockFetchStalls(nops(0x0800_4000, 1));            // a line outside the trace's range...
            ref.access(0x400);                                    // ...in both models
            assertEquals(expected, a.blockFetchStalls(nops(0x0800_0000 + 16 * line, 1)), "step " + step);
            if (expected != 0) misses++;
        }
        assertTrue(misses > 1000, "the trace must overflow the cache: " + misses);
    }

    /** Fully associative LRU cache of line numbers, the simplest way: timestamps and a scan. */
    private static final class ReferenceLru {
        private final int[] tags;
        private final long[] used;
        private long now;

        ReferenceLru(int lines) {
            tags = new int[lines];
            used = new long[lines];
            java.util.Arrays.fill(tags, -1);
        }

        /** True on a hit; a miss fills the least recently used line. */
        boolean access(int line) {
            now++;
            int victim = 0;
            for (int i = 0; i < tags.length; i++) {
                if (tags[i] == line) { used[i] = now; return true; }
                if (used[i] < used[victim]) victim = i;
            }
            tags[victim] = line;
            used[victim] = now;
            return false;
        }
    }
}
