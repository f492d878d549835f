package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.arm.unicorn.BlockTrace;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Charges full block traces on a second thread while Unicorn goes on running (the machine has
 * two cores; charging costs about as much as a third of the emulation). Batches are charged
 * strictly in submission order, by one worker, so the cycle count is the same as charging them
 * on the machine thread.
 *
 * <p>Ownership: between {@link #submit} and the end of the next {@link #await}, the core's
 * accounting state (cycles, instructions, the previous block, the ART) belongs to the worker;
 * the machine thread touches it only after {@link #await} returns. The queues give the
 * happens-before edges in both directions.
 */
final class AsyncCharger implements AutoCloseable {
    /** Charges {@code n} block ids in order (CortexM4's drain loop). */
    interface Charge { void charge(int[] ids, int n); }

    private static final class Batch {
        final int[] ids = new int[BlockTrace.CAPACITY_ENTRIES];
        int count;
    }

    private final Charge charge;
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<Batch> work = new ArrayBlockingQueue<>(2);
    private final Thread worker;
    private volatile long completed;
    private long submitted;
    private volatile Throwable failure;

    AsyncCharger(Charge charge, String name) {
        this.charge = charge;
        free.add(new Batch());
        free.add(new Batch());
        worker = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
        worker.start();
    }

    /** Copies the trace's {@code n} ids into a batch for the worker (waits while both batches
     *  are still being charged). Machine thread only. */
    void submit(BlockTrace trace, int n) {
        Batch b = take(free);
        trace.copyIds(b.ids, n);
        b.count = n;
        submitted++;
        work.add(b);
    }

    /** Waits until every submitted batch is charged. Machine thread only. */
    void await() {
        if (completed == submitted) return;
        // The wait is usually a fraction of one batch (tens of µs): spin briefly, then yield, so
        // that a worker sharing this core (a busy machine) gets to run.
        for (int spins = 0; completed != submitted; spins++) {
            if (failure != null) break;
            if (spins < 200) Thread.onSpinWait(); else Thread.yield();
        }
        Throwable t = failure;
        if (t != null) throw new IllegalStateException("cycle accounting failed on " + worker.getName(), t);
    }

    private void loop() {
        try {
            while (true) {
                Batch b = work.take();
                charge.charge(b.ids, b.count);
                completed = completed + 1;   // only this thread writes it
                free.add(b);
            }
        } catch (InterruptedException e) {
            // closed
        } catch (Throwable t) {
            failure = t;
        }
    }

    private Batch take(BlockingQueue<Batch> q) {
        while (true) {
            Throwable t = failure;
            if (t != null) throw new IllegalStateException("cycle accounting failed on " + worker.getName(), t);
            try {
                Batch b = q.poll(10, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (b != null) return b;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing a block trace over", e);
            }
        }
    }

    @Override public void close() { worker.interrupt(); }
}
