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
        board.machine().addExternalSync((now, deadline) -> {
            Integer b;
            while ((b = q.poll()) != null) board.consoleInput(b);
            return deadline;
        });
    }
}
