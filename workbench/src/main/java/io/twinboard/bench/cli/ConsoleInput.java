package io.twinboard.bench.cli;

import io.twinboard.bench.board.Board;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Standard input to the console UART. A daemon thread reads stdin; bytes are handed to the
 * machine thread at the next scheduler slice so devices are only touched from that thread.
 */
final class ConsoleInput {
    private ConsoleInput() {}

    private static final long POLL_PS = io.twinboard.emu.time.VirtualTime.ofMillis(1);

    static void start(Board board) {
        ConcurrentLinkedQueue<Integer> q = new ConcurrentLinkedQueue<>();
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            try {
                int c;
                while ((c = in.read()) >= 0) q.add(c);
            } catch (IOException ignored) {
                // stdin closed: nothing more to send
            }
        }, "twinboard-stdin");
        t.setDaemon(true);
        t.start();
        board.machine().addExternalSync(new io.twinboard.emu.time.ExternalClockSync() {
            private long lastNow = -1;

            @Override public long beforeRun(long now, long deadline) {
                Integer b;
                if (q.isEmpty() && now == lastNow) {
                    // The core sleeps and time does not move: it waits for us; wait for the user.
                    try { Thread.sleep(1); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                }
                lastNow = now;
                while ((b = q.poll()) != null) board.consoleInput(b);
                // While stdin is open, look for input at least every millisecond of virtual time.
                return t.isAlive() ? Math.min(deadline, now + POLL_PS) : deadline;
            }

            @Override public boolean awaitsInput() { return t.isAlive() || !q.isEmpty(); }
        });
    }
}
