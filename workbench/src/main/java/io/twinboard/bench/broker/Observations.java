package io.twinboard.bench.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.twinboard.bench.broker.ObservedMessage.Direction;

/**
 * Thread-safe record of what a broker saw: PUBLISH packets in and out, every control packet where
 * the broker can read them (embedded broker), and the clients connected now. Brokers feed it from their own threads; readers take snapshots or wait for a match.
 */
final class Observations {
    private final List<ObservedMessage> messages = new ArrayList<>();
    private final List<ObservedPacket> packets = new ArrayList<>();
    private final Set<String> connected = new LinkedHashSet<>();

    synchronized void add(ObservedMessage message) {
        messages.add(message);
        notifyAll();
    }

    synchronized void packet(ObservedPacket packet) {
        packets.add(packet);
        notifyAll();
    }

    synchronized List<ObservedPacket> packets() {
        return List.copyOf(packets);
    }

    synchronized void connected(String clientId) {
        connected.add(clientId);
        notifyAll();
    }

    synchronized void disconnected(String clientId) {
        connected.remove(clientId);
        notifyAll();
    }

    synchronized List<ObservedMessage> messages(Direction direction) {
        return messages.stream().filter(m -> m.direction() == direction).toList();
    }

    synchronized Set<String> connectedClients() {
        return Set.copyOf(connected);
    }

    /** Waits up to {@code timeout} until {@code clientId} is connected. */
    synchronized void awaitConnected(String clientId, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connected.contains(clientId)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(clientId + " not connected within " + timeout + "; connected: " + connected);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits up to {@code timeout} for a message matching {@code match}; returns the first one. */
    synchronized ObservedMessage await(Predicate<ObservedMessage> match, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ObservedMessage m : messages) {
                if (match.test(m)) {
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no matching message within " + timeout + "; saw " + messages);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
