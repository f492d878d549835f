package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Flash wait states as the firmware measures them with DWT_CYCCNT ({@link M4Programs#FLASH_LINES}),
 * for each FLASH_ACR set-up (RM0090 §3.4 read interface, §3.9.1 FLASH_ACR; docs/cycle-model.md):
 * three_lines runs two 16-byte lines more than one_line, each of four ADD.W (4 cycles), so the
 * difference of the two calls is 8 cycles plus what fetching those two lines stalls.
 */
class FlashLineFetchCycleTest {
    static final int LATENCY = 5, PRFTEN = 1 << 8, ICEN = 1 << 9;
    static final int TWO_LINES_OF_ADDS = 8;

    /** three_lines minus one_line, first and second pass. */
    private static int[] extraLinesCost(int acr) {
        try (M4Harness h = new M4Harness(M4Programs.FLASH_LINES)) {
            h.cpu.flashAccessControl().accept(acr);
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
            int[] r = new int[4];
            for (int i = 0; i < 4; i++) r[i] = h.word(0x2000_0F30L + 4L * i);
            return new int[]{r[0] - r[1], r[2] - r[3]};
        }
    }

    @Test void zeroWaitStatesCostNothing() {
        assertArrayEquals(new int[]{TWO_LINES_OF_ADDS, TWO_LINES_OF_ADDS}, extraLinesCost(0));
    }

    @Test void withoutPrefetchOrCacheEveryLineWaitsTheFullLatency() {
        int each = TWO_LINES_OF_ADDS + 2 * LATENCY;
        assertArrayEquals(new int[]{each, each}, extraLinesCost(LATENCY));
    }

    @Test void prefetchHidesAllButWhatTheLineDidNotCover() {
        // The next line is read while the current one executes: 4 cycles of ADD.W hide 4 of 5.
        int each = TWO_LINES_OF_ADDS + 2 * (LATENCY - 4);
        assertArrayEquals(new int[]{each, each}, extraLinesCost(LATENCY | PRFTEN));
    }

    @Test void theInstructionCacheServesTheSecondPass() {
        assertArrayEquals(new int[]{TWO_LINES_OF_ADDS + 2 * LATENCY, TWO_LINES_OF_ADDS}, extraLinesCost(LATENCY | ICEN));
    }
}
