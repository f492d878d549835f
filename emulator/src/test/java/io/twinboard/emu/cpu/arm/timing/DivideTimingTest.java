package io.twinboard.emu.cpu.arm.timing;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** SDIV/UDIV early termination: 2..12 cycles (TRM DDI 0439B table 3-1). */
class DivideTimingTest {

    @Test
    void extremes() {
        assertEquals(12, DivideTiming.divideCycles(0xFFFF_FFFF, 1, false), "32-bit quotient: slowest");
        assertEquals(12, DivideTiming.divideCycles(Integer.MIN_VALUE, 1, true));
        assertEquals(12, DivideTiming.divideCycles(Integer.MIN_VALUE, -1, true), "overflow case");
        assertEquals(2, DivideTiming.divideCycles(1, 0xFFFF_FFFF, false), "divisor larger: quotient 0");
        assertEquals(2, DivideTiming.divideCycles(0, 7, false));
        assertEquals(2, DivideTiming.divideCycles(12345, 0, false), "divide by zero");
        assertEquals(2, DivideTiming.divideCycles(-5, 0, true));
    }

    @Test
    void costGrowsWithQuotientSize() {
        assertEquals(3, DivideTiming.divideCycles(7, 7, false), "1 quotient bit");
        assertEquals(3, DivideTiming.divideCycles(7, 1, false), "3 quotient bits");
        assertEquals(4, DivideTiming.divideCycles(100, 10, false), "clz 28 - clz 25 + 1 = 4 bits");
        int prev = 0;
        for (int shift = 0; shift < 32; shift++) {
            int c = DivideTiming.divideCycles(1 << shift | 1, 1, false);
            assertTrue(c >= prev, "monotonic in dividend size");
            assertTrue(c >= DivideTiming.MIN_CYCLES && c <= DivideTiming.MAX_CYCLES);
            prev = c;
        }
    }

    @Test
    void signedUsesMagnitudes() {
        assertEquals(DivideTiming.divideCycles(1000, 10, false), DivideTiming.divideCycles(-1000, 10, true));
        assertEquals(DivideTiming.divideCycles(1000, 10, false), DivideTiming.divideCycles(1000, -10, true));
        assertEquals(2, DivideTiming.divideCycles(-1, -2, true), "|-2| > |-1|");
        assertNotEquals(DivideTiming.divideCycles(-1, 1, true), DivideTiming.divideCycles(-1, 1, false),
                "UDIV sees 0xFFFFFFFF, SDIV sees 1");
        assertEquals(BlockTiming.divideCycles(-1000, 3, true), DivideTiming.divideCycles(-1000, 3, true));
    }
}
