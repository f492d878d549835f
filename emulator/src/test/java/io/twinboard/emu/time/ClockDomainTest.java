package io.twinboard.emu.time;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ClockDomainTest {
    @Test
    void convertsWithoutDrift() {
        ClockDomain c = new ClockDomain("core", 168_000_000);
        // One second of 168 MHz is exactly 168e6 cycles, whatever the rounding of one period.
        assertEquals(168_000_000L, c.cycleAt(VirtualTime.ofSeconds(1)));
        assertEquals(VirtualTime.ofSeconds(1), c.timeOf(168_000_000L));
        assertEquals(5952, c.timeOf(1)); // 5952.38 ps, floored
        // An hour of guest time does not overflow.
        assertEquals(168_000_000L * 3600, c.cycleAt(VirtualTime.ofSeconds(3600)));
    }

    @Test
    void cycleAtAndTimeOfAreConsistent() {
        ClockDomain c = new ClockDomain("spi", 42_000_000);
        for (long t = 0; t < 2_000_000; t += 7_777) {
            long cyc = c.cycleAt(t);
            assertTrue(c.timeOf(cyc) <= t, "start of cycle after t");
            assertTrue(c.timeOf(cyc + 1) > t, "next cycle not after t");
            long first = c.firstCycleNotBefore(t);
            assertTrue(c.timeOf(first) >= t && (first == 0 || c.timeOf(first - 1) < t));
        }
    }

    @Test
    void frequencyChangeRebasesAtTheCurrentCycle() {
        ClockDomain c = new ClockDomain("core", 16_000_000);
        long[] seen = {0};
        c.onFrequencyChange(hz -> seen[0] = hz);
        long t = VirtualTime.ofMicros(100);           // 1600 cycles at 16 MHz
        c.setFrequency(168_000_000, t);
        assertEquals(168_000_000, seen[0]);
        assertEquals(1600, c.cycleAt(t));
        // 1 us later at 168 MHz: 168 more cycles.
        assertEquals(1600 + 168, c.cycleAt(t + VirtualTime.ofMicros(1)));
        assertEquals(t + VirtualTime.ofMicros(1), c.timeOf(1600 + 168));
    }

    @Test
    void rejectsNonPositiveFrequencies() {
        assertThrows(IllegalArgumentException.class, () -> new ClockDomain("x", 0));
    }
}
