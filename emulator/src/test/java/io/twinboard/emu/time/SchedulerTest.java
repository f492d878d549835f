package io.twinboard.emu.time;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SchedulerTest {
    @Test
    void firesInTimeOrderThenSchedulingOrder() {
        Scheduler s = new Scheduler();
        List<String> fired = new ArrayList<>();
        s.schedule(300, "c", () -> fired.add("c@" + s.now()));
        s.schedule(100, "a", () -> fired.add("a@" + s.now()));
        s.schedule(100, "b", () -> fired.add("b@" + s.now()));
        assertEquals(100, s.nextDeadline());
        s.advanceTo(250);
        assertEquals(List.of("a@100", "b@100"), fired);
        assertEquals(250, s.now());
        assertEquals(300, s.nextDeadline());
    }

    @Test
    void eventsScheduledWhileFiringRunInTheSameAdvance() {
        Scheduler s = new Scheduler();
        List<Long> times = new ArrayList<>();
        s.schedule(10, "first", () -> s.scheduleIn(5, "second", () -> times.add(s.now())));
        s.advanceTo(20);
        assertEquals(List.of(15L), times);
    }

    @Test
    void cancelledEventsNeitherFireNorHoldTheDeadline() {
        Scheduler s = new Scheduler();
        boolean[] fired = {false};
        Scheduler.Event e = s.schedule(10, "x", () -> fired[0] = true);
        s.schedule(50, "y", () -> {});
        e.cancel();
        assertEquals(50, s.nextDeadline());
        s.advanceTo(100);
        assertFalse(fired[0]);
        assertEquals(VirtualTime.NEVER, s.nextDeadline());
    }

    @Test
    void timeNeverGoesBackwardsAndPastSchedulesFireNow() {
        Scheduler s = new Scheduler();
        s.advanceTo(1000);
        s.advanceTo(500);
        assertEquals(1000, s.now());
        Scheduler.Event e = s.schedule(10, "late", () -> {});
        assertEquals(1000, e.time());
    }

    @Test
    void deadlineVersionChangesOnlyWhenTheEarliestDeadlineMovesEarlier() {
        Scheduler s = new Scheduler();
        int v0 = s.deadlineVersion();
        s.schedule(100, "a", () -> {});
        int v1 = s.deadlineVersion();
        assertNotEquals(v0, v1);
        s.schedule(200, "later", () -> {});
        assertEquals(v1, s.deadlineVersion());
        s.schedule(50, "earlier", () -> {});
        assertNotEquals(v1, s.deadlineVersion());
    }
}
