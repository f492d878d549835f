package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.arm.unicorn.BlockTrace;

import java.util.concurrent.locks.LockSupport;

/**
 * Charges full block traces on a second thread while Unicorn goes on running (the machine has
 * two cores; charging costs about as much as a third of the emulation). Batches are charged
 * strictly in submission order, by one worker, so the cycle count is the same as charging them
 * on the machine thread.
 *
 * <p>Ownership: between {@link #submit} and the end of the next {@link #await}, the core's
 * accounting state (cycles, instructions, the previous block, the ART) belongs to the worker;
 * the machine thread touches it only after {@link #await} returns. The volatile batch counters
 * give the happens-before edges in both directions.
 *
 * <p>Hand-over is a single-producer single-consumer ring of two batches without locks: in a
 * compute-bound phase a batch arrives every ~160 µs, so the idle worker spins briefly before it
 * parks, and the machine thread then rarely pays for a wake-up.
 */
final class AsyncCharger implements AutoCloseable {
    /** Charges {@code n} block ids in order (CortexM4's drain loop). */
    interface Charge { void charge(int[] ids, int n); }

    /**
     * How long an idle worker spins before it parks: a little more than the gap between two
     * batches in a compute-bound phase (~80 µs here), and short enough not to take the second
     * core from the JIT or an in-process broker for long.
     */
    private static final long WORKER_SPIN_NS = 200_000;

    private final Charge charge;
    private final int[][] ids = {new int[BlockTrace.CAPACITY_ENTRIES], new int[BlockTrace.CAPACITY_ENTRIES]};
    private final int[] counts = new int[2];
    private final Thread worker;
    /** Batches handed over (machine thread writes) and charged (worker writes). */
    private volatile long submitted, completed;
    private volatile boolean parked, closed;
    private volatile Throwable failure;

    AsyncCharger(Charge charge, String name) {
        this.charge = charge;
        worker = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
        worker.start();
    }

    /** Copies the trace's {@code n} ids into a batch for the worker (waits while the worker
     *  still holds both batches). Machine thread only. */
    void submit(BlockTrace trace, int n) {
        long k = submitted;
        while (completed < k - 1) waitForWorker();   // batch k reuses the array of batch k - 2
        int slot = (int) (k & 1);
        trace.copyIds(ids[slot], n);
        counts[slot] = n;
        submitted = k + 1;
        if (parked) LockSupport.unpark(worker);
    }

    /** Waits until every submitted batch is charged. Machine thread only. */
    void await() {
        while (completed != submitted) waitForWorker();
    }

    /** The wait is usually a fraction of a batch (tens of µs): spin briefly, then yield, so that
     *  a worker sharing this core (a busy machine) gets to run. */
    private void waitForWorker() {
        for (int spins = 0; spins < 200; spins++) {
            checkFailure();
            Thread.onSpinWait();
        }
        if (parked) LockSupport.unpark(worker);
        Thread.yield();
        checkFailure();
    }

    private void checkFailure() {
        Throwable t = failure;
        if (t != null) throw new IllegalStateException("cycle accounting failed on " + worker.getName(), t);
    }

    private void loop() {
        try {
            long done = 0;
            while (!closed) {
                if (done < submitted) {
                    int slot = (int) (done & 1);
                    charge.charge(ids[slot], counts[slot]);
                    completed = ++done;
                    continue;
                }
                long spinUntil = System.nanoTime() + WORKER_SPIN_NS;
                while (done == submitted && !closed && System.nanoTime() < spinUntil) Thread.onSpinWait();
                if (done == submitted && !closed) {
                    parked = true;                        // announce, then look again: no lost wake-up
                    if (done == submitted && !closed) LockSupport.parkNanos(this, 1_000_000);
                    parked = false;
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    @Override public void close() {
        closed = true;
        LockSupport.unpark(worker);
    }
}
