package io.twinboard.periph.net;

import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Pacing against wall-clock time with a live peer ({@link Pacing}): a slice that ends ahead of
 * wall-clock time is slept away under STRICT, and under CONTACT unless the firmware computed
 * without touching the chip or sleeping. Wall-clock bounds are generous (a loaded CI machine may
 * oversleep, never undersleep).
 */
class NetworkPacingTest {
    static final long AHEAD = VirtualTime.ofMillis(200);
    static final long AHEAD_NS = AHEAD / VirtualTime.PS_PER_NS;

    /** A network with one live connection anchored now, and virtual time {@link #AHEAD} later. */
    private static Network liveNetwork(Scheduler s, Pacing pacing) {
        Network n = new Network(s).setPacing(pacing);
        n.liveOpened();
        s.advanceTo(AHEAD);
        return n;
    }

    private static long wallNsOfBeforeRun(Network n, Scheduler s) {
        long t0 = System.nanoTime();
        long deadline = n.beforeRun(s.now(), VirtualTime.NEVER);
        assertEquals(s.now() + Network.LIVE_SLICE_PS, deadline, "a live slice is capped");
        return System.nanoTime() - t0;
    }

    @Test
    void strictSleepsUntilWallClockCatchesUp() {
        Scheduler s = new Scheduler();
        Network n = liveNetwork(s, Pacing.STRICT);
        assertTrue(wallNsOfBeforeRun(n, s) >= AHEAD_NS * 9 / 10, "virtual time may not lead");
        assertEquals(0, n.leadKeptPs());
    }

    @Test
    void contactKeepsTheLeadOfASliceThatOnlyComputed() {
        Scheduler s = new Scheduler();
        Network n = liveNetwork(s, Pacing.CONTACT);
        n.afterRun(false);
        assertTrue(wallNsOfBeforeRun(n, s) < AHEAD_NS / 2, "a computing slice is not slept away");
        assertTrue(n.leadKeptPs() > AHEAD * 9 / 10 && n.leadKeptPs() <= AHEAD, "lead kept: " + n.leadKeptPs());

        // The anchor moved: a following slice that touches the chip is paced from there, not from 0.
        s.advanceTo(s.now() + VirtualTime.ofMillis(20));
        n.chipAccessed();
        long slept = wallNsOfBeforeRun(n, s);
        assertTrue(slept >= 15_000_000L && slept < AHEAD_NS / 2, "paced from the new anchor: " + slept + " ns");
    }

    /** The firmware touched the chip, or the core slept (it may have been waiting for the network). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chip accessed", "core slept"})
    void contactPacesASliceThatMayHaveWatchedTheNetwork(String what) {
        Scheduler s = new Scheduler();
        Network n = liveNetwork(s, Pacing.CONTACT);
        if (what.equals("chip accessed")) n.chipAccessed();
        n.afterRun(what.equals("core slept"));
        assertTrue(wallNsOfBeforeRun(n, s) >= AHEAD_NS * 9 / 10);
        assertEquals(0, n.leadKeptPs());
    }

    @Test
    void contactDoesNotMoveTheAnchorWhenHostDataArrived() {
        Scheduler s = new Scheduler();
        Network n = liveNetwork(s, Pacing.CONTACT);
        int[] handed = new int[1];
        n.post(() -> handed[0]++);
        n.afterRun(false);
        n.beforeRun(s.now(), VirtualTime.NEVER);   // hands the data over at once (as under STRICT)
        assertEquals(1, handed[0]);
        assertEquals(0, n.leadKeptPs(), "the peer was active: its timeline keeps the old anchor");
        n.chipAccessed();
        assertTrue(wallNsOfBeforeRun(n, s) >= AHEAD_NS * 8 / 10, "still paced from the first anchor");
    }

    @Test
    void withoutALiveConnectionNothingIsPaced() {
        Scheduler s = new Scheduler();
        Network n = new Network(s).setPacing(Pacing.STRICT);
        s.advanceTo(AHEAD);
        long t0 = System.nanoTime();
        assertEquals(VirtualTime.NEVER, n.beforeRun(s.now(), VirtualTime.NEVER));
        assertTrue(System.nanoTime() - t0 < AHEAD_NS / 2);
    }

    @Test
    void pacingIsNamedOnTheCommandLine() {
        assertEquals(Pacing.STRICT, Pacing.named("strict"));
        assertEquals(Pacing.CONTACT, Pacing.named("CONTACT"));
        assertThrows(IllegalArgumentException.class, () -> Pacing.named("fast"));
    }
}
