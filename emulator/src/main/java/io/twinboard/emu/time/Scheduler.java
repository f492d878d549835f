package io.twinboard.emu.time;

import java.util.PriorityQueue;

/**
 * The one virtual timeline of a machine. Devices schedule events; the run loop asks for the next
 * deadline, lets the CPU run up to it and then calls {@link #advanceTo}. Nothing here reads the
 * wall clock.
 *
 * <p>Events due at the same time fire in the order they were scheduled (a sequence number breaks
 * ties), so runs are deterministic. An event may schedule further events, including at the current
 * time; they fire in the same {@code advanceTo} call.
 */
public final class Scheduler {
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    /** Incremented whenever the earliest deadline may have moved earlier; CPUs poll it cheaply. */
    private int deadlineVersion;

    /** Current virtual time in ps. */
    public long now() { return now; }

    /** Time (ps) of the earliest pending event, or {@link VirtualTime#NEVER}. */
    public long nextDeadline() {
        Event e;
        while ((e = queue.peek()) != null && e.cancelled) queue.poll();
        return e == null ? VirtualTime.NEVER : e.time;
    }

    /** Changes whenever an event is scheduled that may precede the deadline a CPU is running to. */
    public int deadlineVersion() { return deadlineVersion; }

    /** Schedules {@code action} at absolute virtual time {@code time} (ps), not before now. */
    public Event schedule(long time, String name, Runnable action) {
        if (time < now) time = now;
        Event e = new Event(time, sequence++, name, action);
        Event head = queue.peek();
        queue.add(e);
        if (head == null || time < head.time) deadlineVersion++;
        return e;
    }

    /** Schedules {@code action} after {@code delay} ps. */
    public Event scheduleIn(long delay, String name, Runnable action) {
        if (delay < 0) throw new IllegalArgumentException("negative delay " + delay + " for " + name);
        return schedule(now + delay, name, action);
    }

    /**
     * Fires, in order, every event due at or before {@code t}, with {@link #now()} equal to each
     * event's time while it runs; then sets now to {@code t}. Time never goes backwards: a {@code t}
     * before now only fires what is due now.
     */
    public void advanceTo(long t) {
        if (t < now) t = now;
        Event e;
        while ((e = queue.peek()) != null && e.time <= t) {
            queue.poll();
            if (e.cancelled) continue;
            now = e.time;
            e.fired = true;
            e.action.run();
        }
        now = t;
    }

    /** Number of pending (not cancelled) events; for tests and diagnostics. */
    public int pending() {
        int n = 0;
        for (Event e : queue) if (!e.cancelled) n++;
        return n;
    }

    /** A scheduled event; cancel it to drop it. */
    public static final class Event implements Comparable<Event> {
        private final long time;
        private final long seq;
        private final String name;
        private final Runnable action;
        private boolean cancelled;
        private boolean fired;

        private Event(long time, long seq, String name, Runnable action) {
            this.time = time;
            this.seq = seq;
            this.name = name;
            this.action = action;
        }

        public long time() { return time; }
        public String name() { return name; }
        public boolean isPending() { return !cancelled && !fired; }
        public void cancel() { cancelled = true; }

        @Override public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override public String toString() { return name + "@" + VirtualTime.format(time); }
    }
}
