package io.twinboard.bench.broker;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.twinboard.bench.broker.ObservedMessage.Direction;

/**
 * Turns mosquitto 2.0 log lines ({@code log_type all}, {@code log_timestamp false}) into
 * {@link Observations}: {@code Received PUBLISH from C (d0, q1, r0, m1, 'T', ... (N bytes))},
 * {@code Sending PUBLISH to C (...)}, {@code New client connected from A as C (...)} and the
 * several "client gone" lines. Mosquitto logs payload sizes, not payloads.
 */
final class MosquittoLog {
    private static final Pattern PUBLISH = Pattern.compile(
            "^(Received PUBLISH from|Sending PUBLISH to) (\\S+) \\(d\\d, q(\\d), r\\d, m\\d+, '(.*)', \\.\\.\\. \\((\\d+) bytes\\)\\)$");
    private static final Pattern CONNECTED = Pattern.compile("^New client connected from \\S+ as (\\S+) \\(.*$");
    private static final Pattern GONE = Pattern.compile(
            "^(?:Client (\\S+) (?:disconnected|closed its connection|has exceeded timeout)|Socket error on client (\\S+),).*$");
    private static final Pattern RUNNING = Pattern.compile("^mosquitto version \\S+ running$");

    private final Observations observations;
    private final CountDownLatch running = new CountDownLatch(1);

    MosquittoLog(Observations observations) {
        this.observations = observations;
    }

    /** Counts down once the broker logs that it is running (all listeners open). */
    CountDownLatch running() {
        return running;
    }

    void accept(String line) {
        Matcher m = PUBLISH.matcher(line);
        if (m.matches()) {
            Direction direction = m.group(1).startsWith("Received") ? Direction.PUBLISHED : Direction.DELIVERED;
            observations.add(new ObservedMessage(direction, m.group(2), m.group(4),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(5)), null, Instant.now()));
            return;
        }
        if ((m = CONNECTED.matcher(line)).matches()) {
            observations.connected(m.group(1));
        } else if ((m = GONE.matcher(line)).matches()) {
            observations.disconnected(m.group(1) != null ? m.group(1) : m.group(2));
        } else if (RUNNING.matcher(line).matches()) {
            running.countDown();
        }
    }
}
