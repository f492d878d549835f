package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.arm.unicorn.BlockTrace;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches are charged in submission order, each once, whether the worker or the machine thread
 * charges them, and never two at a time.
 */
class AsyncChargerTest {
    @Test
    void batchesAreChargedOnceInOrderByWhicheverThreadIsFree() throws Exception {
        List<Integer> charged = new ArrayList<>();
        int[] inside = {0};
        boolean[] overlap = {false};
        AsyncCharger charger = new AsyncCharger((ids, n) -> {
            if (inside[0]++ != 0) overlap[0] = true;
            for (int i = 0; i < n; i++) charged.add(ids[i]);
            if ((ids[0] & 7) == 0) Thread.onSpinWait();
            inside[0]--;
        }, "test charger");
        try (Arena arena = Arena.ofConfined()) {
            BlockTraceFeed feed = new BlockTraceFeed(arena);
            int batches = 20_000, next = 0;
            for (int b = 0; b < batches; b++) {
                int n = 1 + b % 5;
                feed.fill(next, n);
                charger.submit(feed.trace(), n);
                next += n;
                if (b % 3 == 0) charger.await();              // a drain: whoever is free charges
                if (b % 1000 == 0) Thread.sleep(1);           // let the worker park now and then
            }
            charger.await();
            assertEquals(next, charged.size());
            for (int i = 0; i < next; i++) assertEquals(i, charged.get(i), "id at " + i);
            assertTrue(!overlap[0], "two batches were charged at once");
        } finally {
            charger.close();
        }
    }

    /** A trace whose ids we write ourselves, as the native hook would. */
    private static final class BlockTraceFeed {
        private final BlockTrace trace;
        BlockTraceFeed(Arena arena) { trace = BlockTrace.detached(arena); }
        BlockTrace trace() { return trace; }
        void fill(int first, int n) {
            trace.clear();
            for (int i = 0; i < n; i++) trace.append(first + i, 0);
        }
    }
}
