package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.arm.unicorn.BlockTrace;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Charges full block traces on a second thread while Unicorn goes on running (the machine has
 * two cores; charging costs about as much as a third of the emulation). Batches are charged
 * strictly in submission order, one at a time, so the cycle count is the same as charging them
 * on the machine thread.
 *
 * <p>Ownership: between {@link #submit} and the end of the next {@link #await}, the core's
 * accounting state (cycles, instructions, the previous block, the ART) belongs to whichever
 * thread holds the charging token; the machine thread touches it only after {@link #await}
 * returns. The token (an atomic flag) and the volatile batch counters give the happens-before
 * edges in both directions.
 *
 * <p>Hand-over is a ring of two batches; the idle worker yields for a while, then parks, and
 * {@link #submit} wakes it.
 * When the machine thread has to wait and the worker has not taken the
 * token — it is parked, or not scheduled because the host's cores are busy — the machine
 * thread charges the waiting batches itself: a starved worker never holds up the run.
 */
final class AsyncCharger implements AutoCloseable {
    /** Charges {@code n} block ids in order (CycleAccount's batch loop). */
    interface Charge { void charge(int[] ids, int n); }

    /**
     * How long an idle worker waits for the next batch before it parks: a little more than the
     * gap between two batches in a compute-bound phase (~160 µs). It waits by yielding, not by
     * spinning: measured, a pure spin took a core's share from the machine thread whenever the
     * host's cores were busy (1–1.5 s more CPU per crypto-bench run), while parking at once made
     * the machine thread charge many batches itself on a quiet host (the worker was still
     * waking up). A yield costs nothing when the core is free and gives it away when it is not.
     */
    private static final long WORKER_SPIN_NS = Long.getLong("twinboard.chargerSpinNs", 200_000);

    private final Charge charge;
    private final int[][] ids = {new int[BlockTrace.CAPACITY_ENTRIES], new int[BlockTrace.CAPACITY_ENTRIES]};
    private final int[] counts = new int[2];
    private final Thread worker;
    /** Batches handed over (machine thread writes) and charged (the token holder writes). */
    private volatile long submitted, completed;
    /** Held by the thread charging batches; batches are charged only under it, in order. */
    private final AtomicBoolean token = new AtomicBoolean();
    private volatile boolean parked, closed;
    private volatile Throwable failure;
    /** Batches the machine thread charged itself (diagnostics, tests). */
    private long chargedByMachine;

    AsyncCharger(Charge charge, String name) {
        this.charge = charge;
        worker = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
        worker.start();
    }

    /** Copies the trace's {@code n} ids into a batch for the worker (waits while both batches
     *  are still to be charged). Machine thread only. */
    void submit(BlockTrace trace, int n) {
        long k = submitted;
        while (completed < k - 1) waitOrCharge();   // batch k reuses the array of batch k - 2
        int slot = (int) (k & 1);
        trace.copyIds(ids[slot], n);
        counts[slot] = n;
        submitted = k + 1;
        if (parked) LockSupport.unpark(worker);
    }

    /** Returns once every submitted batch is charged. Machine thread only. */
    void await() {
        while (completed != submitted) waitOrCharge();
    }

    /** Batches the machine thread charged itself because the worker had not taken them. */
    long chargedByMachineThread() { return chargedByMachine; }

    /**
     * Charges the waiting batches if the worker is not charging (it parks or is not running);
     * else waits for it a little — a batch takes tens of µs — then yields, so that a worker
     * sharing this core gets to finish.
     */
    private void waitOrCharge() {
        checkFailure();
        if (token.compareAndSet(false, true)) {
            try {
                long done = completed;
                while (done < submitted) {
                    chargeBatch(done);
                    completed = ++done;
                    chargedByMachine++;
                }
            } finally {
                token.set(false);
            }
            return;
        }
        for (int spins = 0; spins < 200 && token.get(); spins++) Thread.onSpinWait();
        if (token.get()) Thread.yield();
    }

    private void chargeBatch(long batch) {
        int slot = (int) (batch & 1);
        charge.charge(ids[slot], counts[slot]);
    }

    private void checkFailure() {
        Throwable t = failure;
        if (t != null) throw new IllegalStateException("cycle accounting failed on " + worker.getName(), t);
    }

    private void loop() {
        try {
            while (!closed) {
                if (completed < submitted && token.compareAndSet(false, true)) {
                    try {
                        long done = completed;
                        if (done < submitted) {          // the machine thread may have charged it meanwhile
                            chargeBatch(done);
                            completed = done + 1;
                        }
                    } finally {
                        token.set(false);
                    }
                    continue;
                }
                long spinUntil = System.nanoTime() + WORKER_SPIN_NS;
                while (completed == submitted && !closed && System.nanoTime() < spinUntil) Thread.yield();
                if (completed == submitted && !closed) {
                    parked = true;                        // announce, then look again: no lost wake-up
                    if (completed == submitted && !closed) LockSupport.parkNanos(this, 1_000_000);
                    parked = false;
                }
            }
        } catch (Throwable t) {
            failure = t;
            token.set(false);
        }
    }

    @Override public void close() {
        closed = true;
        LockSupport.unpark(worker);
    }
}
