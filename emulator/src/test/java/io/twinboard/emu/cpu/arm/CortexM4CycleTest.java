package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DWT_CYCCNT read before and after instruction sequences, compared with the Cortex-M4 TRM
 * (DDI 0439B, table 3-1). Every difference includes the first read (LDR, 2 cycles) and a NOP
 * (1 cycle). P, the pipeline refill of a taken branch, is 2 for these 16-bit targets
 * (docs/cycle-model.md). Flash runs with zero wait states (FLASH_ACR reset value).
 */
class CortexM4CycleTest {
    private static final int OVERHEAD = 2 + 1;
    private static final int P = 2;

    private static int[] measure(CortexM4.Options options) {
        try (M4Harness h = new M4Harness(M4Programs.CYCLES, options)) {
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            int[] r = new int[13];
            for (int k = 0; k < r.length; k++) r[k] = h.word(0x2000_0F40L + 4L * k) - OVERHEAD;
            return r;
        }
    }

    @Test void sequencesTakeTheCyclesOfTheTrmTable() {
        int[] c = measure(CortexM4.Options.stm32f429());
        assertEquals(0, c[0], "empty sequence: only LDR + NOP");
        assertEquals(4, c[1], "4 data-processing instructions, 1 each");
        assertEquals(3, c[2], "LDR; LDR: 2 + 1 (pipelined)");
        assertEquals(4, c[3], "LDR x3: 2 + 1 + 1");
        assertEquals(2, c[4], "STR imm x2: 1 each (write buffer)");
        assertEquals(5, c[5], "LDM of 4 registers: 1 + N");
        assertEquals(5, c[6], "STM of 4 registers: 1 + N");
        assertEquals(1, c[7], "MUL: 1");
        assertEquals(2, c[8], "UDIV with a zero quotient: the minimum, 2");
        assertEquals(12, c[9], "UDIV with a 32-bit quotient: the maximum, 12");
        assertEquals(1 + P, c[10], "B taken: 1 + P");
        assertEquals(1 + 1, c[11], "BNE not taken: 1, then NOP 1");
        assertEquals(1 + P, c[12], "BEQ taken: 1 + P");
    }

    @Test void cyclesAndInstructionsAdvanceWithTime() {
        try (M4Harness h = new M4Harness(M4Programs.CYCLES)) {
            h.run(VirtualTime.ofMillis(1));
            assertEquals(h.clock.timeOf(h.cpu.cycles()), h.cpu.time());
            org.junit.jupiter.api.Assertions.assertTrue(h.cpu.instructions() > 60);
            org.junit.jupiter.api.Assertions.assertTrue(h.cpu.cycles() >= h.cpu.instructions());
        }
    }

    @Test void flashWaitStatesSlowFetchesUnlessTheArtCachesThem() {
        int[] zeroWait = measure(CortexM4.Options.stm32f429());
        try (M4Harness h = new M4Harness(M4Programs.CYCLES)) {
            h.cpu.flashAccessControl().accept(5);  // LATENCY = 5, prefetch and caches off
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            int slower = 0;
            for (int k = 1; k < 13; k++) if (h.word(0x2000_0F40L + 4L * k) - OVERHEAD > zeroWait[k]) slower++;
            org.junit.jupiter.api.Assertions.assertTrue(slower >= 3, "wait states show up in measured sequences: " + slower);
        }
    }

    @Test void sysTickCurrentValueIsExactInTheMiddleOfABlock() {
        try (M4Harness h = new M4Harness(M4Programs.SYSTICK_CVR)) {
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            assertEquals(2 + 1 + 4, h.word(0x2000_0F20L), "CVR drop between the two reads: LDR + NOP + 4 x ADDS");
        }
    }

    @Test void devicesSeeTheExactTimeOfTheAccessingInstruction() {
        try (M4Harness h = new M4Harness(M4Programs.MMIO_TIME)) {
            long[] seen = new long[3];
            h.bus.mapDevice("probe", 0x4000_0000L, 0x400, new io.twinboard.emu.bus.MmioDevice() {
                @Override public int read(int offset, int size) { seen[2] = h.scheduler.now(); return 0; }
                @Override public void write(int offset, int size, int value) { seen[offset / 4] = h.scheduler.now(); }
            });
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            long cycle = h.clock.durationOf(1);
            assertEquals(5 * cycle, seen[1] - seen[0], "STR (1) + 4 x ADDS between the two stores");
            assertEquals(1 * cycle, seen[2] - seen[1], "STR (1) before the load");
        }
    }

    @Test void cyccntCountsOnlyWithCyccntenaAndTrcena() {
        try (M4Harness h = new M4Harness(M4Programs.IDLE)) {
            h.poke(0xE000_1000L, 0x4000_0001);      // DWT_CTRL.CYCCNTENA, but DEMCR.TRCENA = 0
            h.scheduler.schedule(h.clock.timeOf(1000), "t1", () -> {});
            h.run(h.clock.timeOf(1000));
            assertEquals(0, h.word(0xE000_1004L), "gated by DEMCR.TRCENA");
            h.poke(0xE000_EDFCL, 1 << 24);          // DEMCR.TRCENA
            long from = h.cpu.cycles();
            h.scheduler.schedule(h.clock.timeOf(from + 500), "t2", () -> {});
            h.run(h.clock.timeOf(from + 500));
            assertEquals(h.cpu.cycles() - from, Integer.toUnsignedLong(h.word(0xE000_1004L)));
            h.poke(0xE000_1004L, 7);                // CYCCNT is writable
            assertEquals(7, h.word(0xE000_1004L));
        }
    }
}
