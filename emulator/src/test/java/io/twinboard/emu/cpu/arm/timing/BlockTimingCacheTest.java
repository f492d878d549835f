package io.twinboard.emu.cpu.arm.timing;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlockTimingCacheTest {
    private static final int[] LOOP = {
        0x3801,            // 8000400 subs r0, #1
        0xd1fd,            // 8000402 bne.n 8000400
    };

    private static int halfword(int address) {
        int k = (address - 0x0800_0400) >> 1;
        return k >= 0 && k < LOOP.length ? LOOP[k] : 0xbf00;
    }

    @Test
    void decodesOnceAndKeysOnAddressAndSize() {
        BlockTimingCache cache = new BlockTimingCache(4);
        AtomicInteger reads = new AtomicInteger();
        BlockTiming a = cache.getOrDecode(0x0800_0400, 4, addr -> { reads.incrementAndGet(); return halfword(addr); });
        int afterFirst = reads.get();
        assertSame(a, cache.getOrDecode(0x0800_0400, 4, addr -> { reads.incrementAndGet(); return halfword(addr); }));
        assertEquals(afterFirst, reads.get(), "second lookup does not decode");
        BlockTiming shorter = cache.getOrDecode(0x0800_0400, 2, BlockTimingCacheTest::halfword);
        assertNotSame(a, shorter, "a TB with another size is another block");
        assertEquals(1, shorter.instructionCount());
        assertEquals(2, cache.size());
    }

    @Test
    void growsAndInvalidatesOverlappingBlocks() {
        BlockTimingCache cache = new BlockTimingCache(2);
        for (int i = 0; i < 1000; i++) cache.getOrDecode(0x2000_0000 + 8 * i, 8, addr -> 0xbf00);
        assertEquals(1000, cache.size());
        for (int i = 0; i < 1000; i++) assertNotNull(cache.get(0x2000_0000 + 8 * i, 8));
        cache.invalidate(0x2000_0010, 0x2000_0014);  // overlaps exactly block 2
        assertEquals(999, cache.size());
        assertNull(cache.get(0x2000_0010, 8));
        assertNotNull(cache.get(0x2000_0008, 8));
        assertNotNull(cache.get(0x2000_0018, 8));
        cache.clear();
        assertEquals(0, cache.size());
        assertNull(cache.get(0x2000_0008, 8));
    }
}
