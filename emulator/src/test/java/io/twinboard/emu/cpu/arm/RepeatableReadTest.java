package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Repeated reads of a repeatable status register are answered by the native side
 * (BlockTrace.cacheRead, MmioDevice.repeatableRead): the device sees far fewer reads, and the
 * firmware sees exactly what it saw with every read going to the device — the same number of
 * polls, the same DWT_CYCCNT, the same cycle count.
 */
class RepeatableReadTest {
    /** STATUS (0) reads 0 until the scheduled event, then 1; writes to 4 and 8 are recorded. */
    static final class Flag implements MmioDevice {
        final boolean repeatable;
        int status, reads, polls, cyccnt;
        Flag(boolean repeatable) { this.repeatable = repeatable; }
        @Override public int read(int offset, int size) { reads++; return offset == 0 ? status : 0; }
        @Override public void write(int offset, int size, int value) {
            if (offset == 4) polls = value;
            if (offset == 8) cyccnt = value;
        }
        @Override public boolean repeatableRead(int offset, int size) { return repeatable && offset == 0; }
    }

    private record Run(int deviceReads, int polls, int cyccnt, long cycles) {}

    private static Run run(boolean repeatable, long flagAtCycle, long sliceCycles) {
        try (M4Harness h = new M4Harness(M4Programs.POLL)) {
            Flag f = new Flag(repeatable);
            h.bus.mapDevice("flag", 0x4000_0000L, 0x400, f);
            long psPerCycle = VirtualTime.PS_PER_S / M4Harness.HZ;
            h.scheduler.schedule(flagAtCycle * psPerCycle, "flag", () -> f.status = 1);
            StopReason r;
            long t = 0;
            do {
                t += sliceCycles * psPerCycle;
                r = h.run(t);
            } while (r instanceof StopReason.Deadline);
            assertEquals(new StopReason.Exit(0), r);
            return new Run(f.reads, f.polls, f.cyccnt, h.cpu.cycles());
        }
    }

    /** The flag rises at each of 8 consecutive cycles, so that in some runs it rises after the
     *  poll's block started and before its read (3 instructions in): that read must see it. */
    @ParameterizedTest(name = "slices of {0} cycles")
    @ValueSource(longs = {1_000, 7_777, 1_000_000})
    void nativeAnswersChangeNothingTheFirmwareSees(long sliceCycles) {
        for (long flagAt = 300_000; flagAt < 300_008; flagAt++) sameAsWithoutNativeAnswers(sliceCycles, flagAt);
    }

    private static void sameAsWithoutNativeAnswers(long sliceCycles, long flagAt) {
        Run java = run(false, flagAt, sliceCycles);
        Run nativeSide = run(true, flagAt, sliceCycles);
        assertTrue(java.polls() > 10_000, "the loop polled: " + java);
        assertEquals(java.polls(), java.deviceReads(), "without the cache every poll reaches the device");
        assertEquals(java.polls(), nativeSide.polls(), "polls, flag at cycle " + flagAt);
        assertEquals(java.cyccnt(), nativeSide.cyccnt(), "DWT_CYCCNT when the flag was seen");
        assertEquals(java.cycles(), nativeSide.cycles(), "cycles at exit");
        assertTrue(nativeSide.deviceReads() < java.deviceReads() / 20,   // near each slice end the budget is spent: Java again
                "the native side answered the repeats: " + nativeSide.deviceReads() + " device reads");
    }
}
