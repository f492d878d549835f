package io.twinboard.emu.time;

/**
 * Something outside virtual time — a real TCP peer on the host — that the run loop must keep in
 * step with. This is the only place where wall-clock time meets virtual time (DESIGN.md, net).
 *
 * <p>The run loop calls {@link #beforeRun} on the machine thread before each slice of CPU
 * execution. An implementation may schedule events for external data that has arrived, may block
 * (sleep) so that virtual time does not run ahead of wall-clock time while a live peer is
 * involved, and returns the deadline the slice may run to (at most {@code proposedDeadline}).
 */
public interface ExternalClockSync {
    long beforeRun(long now, long proposedDeadline);

    /**
     * True while something outside may still deliver input (a live peer is connected): a core
     * asleep with nothing scheduled then waits for it instead of ending the run as idle.
     */
    default boolean awaitsInput() { return false; }

    /**
     * Called by the run loop after each slice; {@code coreSlept}: the core spent part of it asleep
     * (WFI/WFE/WAITI, or it stopped idle), i.e. it was waiting for something rather than computing.
     */
    default void afterRun(boolean coreSlept) { }

    /**
     * Given by the run loop: a thread-safe action that ends the current CPU slice soon (at the
     * next block boundary) without ending the run. Call it when outside input has arrived, so
     * that {@link #beforeRun} hands it over promptly instead of at the end of a long slice.
     */
    default void setWakeup(Runnable wakeup) { }
}
