package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.cpu.arm.timing.FlashAccelerator;
import io.twinboard.emu.cpu.arm.unicorn.UnicornFixes;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native block hook (docs/native-block-hook.md): blocks it runs on its own are charged later
 * in batches, so these tests check what that must not change — runs stop at the first block
 * boundary at or after the deadline, and cycle counts do not depend on how the run is cut up.
 */
class NativeBlockHookTest {
    /** One iteration of HOT_LOOP's first loop: adds, eors, subs, bne (taken: 1 + refill 2). */
    private static final int TIGHT_LOOP_BLOCK_CYCLES = 6;

    @ParameterizedTest(name = "deadline step {0} cycles")
    @ValueSource(ints = {1, 7, 16, 1000, 16_000, 250_000})
    void runsStopAtTheFirstBlockBoundaryAtOrAfterTheDeadline(int stepCycles) {
        try (M4Harness h = new M4Harness(M4Programs.HOT_LOOP)) {
            long psPerCycle = VirtualTime.PS_PER_S / M4Harness.HZ;
            long start = 5_000;                          // past the start-up code: in the first loop
            assertEquals(StopReason.DEADLINE, h.cpu.run(start * psPerCycle));
            long target = start + 200_000 + 60L * stepCycles;
            for (long c = start + stepCycles; c < target; c += stepCycles) {
                StopReason r = h.cpu.run(c * psPerCycle);
                assertEquals(StopReason.DEADLINE, r);
                long over = h.cpu.cycles() - c;
                assertTrue(over >= 0 && over < TIGHT_LOOP_BLOCK_CYCLES,
                        "deadline at cycle " + c + ": stopped at " + h.cpu.cycles());
            }
        }
    }

    /**
     * Block cycle bounds follow FLASH_ACR: with bounds made for 0 wait states the hook would run
     * HOT_LOOP's second loop (one 24-instruction block over several flash lines) far past the
     * deadlines once every line fetch stalls.
     */
    @Test
    void boundsFollowTheFlashWaitStates() {
        try (M4Harness h = new M4Harness(M4Programs.HOT_LOOP)) {
            long psPerCycle = VirtualTime.PS_PER_S / M4Harness.HZ;
            long inSecondLoop = 70_000_000;   // the first loop takes 10 M x 6 cycles
            assertEquals(StopReason.DEADLINE, h.cpu.run(inSecondLoop * psPerCycle));   // 0 wait states
            h.cpu.flashAccessControl().accept(7);   // 7 wait states, no prefetch, no caches
            int worstBlock = 120;                   // 24 instructions, 6 lines x 7, refill
            for (long c = inSecondLoop + 1_000; c < inSecondLoop + 300_000; c += 1_000) {
                assertEquals(StopReason.DEADLINE, h.cpu.run(c * psPerCycle));
                long over = h.cpu.cycles() - c;
                assertTrue(over >= 0 && over < worstBlock, "deadline at cycle " + c + ": stopped at " + h.cpu.cycles());
            }
        }
    }

    @Test
    void cycleCountsDoNotDependOnHowTheRunIsCut() {
        long whole = cyclesToExit(Long.MAX_VALUE);
        assertEquals(whole, cyclesToExit(997), "deadline every 997 cycles");
        assertEquals(whole, cyclesToExit(100_003), "deadline every 100 003 cycles");
    }

    /**
     * Stops requested from another thread (a host socket's data arriving, Ctrl-C) end the slice
     * at a block boundary and the next run resumes exactly there: the same final cycle count as
     * an uninterrupted run (re-running or skipping a block would change it).
     */
    @Test
    void stopsFromAnotherThreadResumeExactly() throws Exception {
        long whole = cyclesToExit(Long.MAX_VALUE);
        try (M4Harness h = new M4Harness(M4Programs.HOT_LOOP);
             var stopper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor()) {
            h.cpu.flashAccessControl().accept(5 | FlashAccelerator.ACR_PRFTEN | FlashAccelerator.ACR_ICEN | FlashAccelerator.ACR_DCEN);
            stopper.scheduleAtFixedRate(h.cpu::requestStop, 1, 1, java.util.concurrent.TimeUnit.MILLISECONDS);
            int stops = 0;
            while (true) {
                StopReason r = h.cpu.run(VirtualTime.NEVER - 1);
                if (r instanceof StopReason.Exit) break;
                assertEquals(StopReason.REQUESTED, r);
                stops++;
            }
            assertTrue(stops >= 3, "the run must have been cut a few times: " + stops);
            assertEquals(whole, h.cpu.cycles());
        }
    }

    /** HOT_LOOP from flash with 5 wait states, prefetch and both ART caches, run to its exit. */
    private static long cyclesToExit(long stepCycles) {
        try (M4Harness h = new M4Harness(M4Programs.HOT_LOOP)) {
            h.cpu.flashAccessControl().accept(5 | FlashAccelerator.ACR_PRFTEN | FlashAccelerator.ACR_ICEN | FlashAccelerator.ACR_DCEN);
            long psPerCycle = VirtualTime.PS_PER_S / M4Harness.HZ;
            for (long c = stepCycles; ; c = stepCycles == Long.MAX_VALUE ? c : c + stepCycles) {
                StopReason r = h.cpu.run(stepCycles == Long.MAX_VALUE ? VirtualTime.NEVER - 1 : c * psPerCycle);
                if (r instanceof StopReason.Exit e) {
                    assertEquals(0, e.code());
                    assertTrue(h.cpu.instructions() > 50_000_000, "both loops ran: " + h.cpu.instructions());
                    return h.cpu.cycles();
                }
                assertEquals(StopReason.DEADLINE, r);
            }
        }
    }

    @Test
    void storesToRamBypassUnicornsPageCollection() {
        long before = UnicornFixes.pageCollectionCalls();
        try (M4Harness h = new M4Harness(M4Programs.FPU)) {
            assertEquals(new StopReason.Exit(0), h.run(VirtualTime.ofMillis(1)));
        }
        assertTrue(UnicornFixes.pageCollectionCalls() > before,
                "libunicorn's page_collection_lock_arm must bind to block_hook.c's (RTLD_GLOBAL before libunicorn)");
    }
}
