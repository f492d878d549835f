package io.twinboard.bench.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * An MQTT 3.1.1 broker with one TLS listener on a loopback port, started by the workbench for the
 * emulated board to talk to, and observable for the run summary. Implementations:
 * {@link EmbeddedBroker} (in-process Moquette) and {@link MosquittoBroker} (the Debian binary).
 */
public interface Broker extends AutoCloseable {
    /** Client id (and user name) the workbench itself uses for {@link #publish}. */
    String BENCH_CLIENT_ID = "twinboard-bench";

    /** Address the TLS listener is bound to: always {@code 127.0.0.1}. */
    String host();

    /** TCP port of the TLS listener (ephemeral, chosen at start). */
    int tlsPort();

    /** PEM file with the CA certificate(s) a client must trust to verify this broker. */
    Path caCertPem();

    /** PUBLISH packets clients sent to the broker, in arrival order (includes {@link #publish}). */
    List<ObservedMessage> published();

    /** PUBLISH packets the broker sent to subscribers, in order. */
    List<ObservedMessage> delivered();

    /** Client ids connected now. */
    Set<String> connectedClients();

    /**
     * Publishes {@code payload} on {@code topic} as the workbench (client id {@link #BENCH_CLIENT_ID}),
     * e.g. the command the firmware must answer. Returns once the broker has taken it.
     */
    void publish(String topic, byte[] payload, int qos);

    /** Waits up to {@code timeout} for a published or delivered message matching {@code match}. */
    ObservedMessage await(Predicate<ObservedMessage> match, Duration timeout)
            throws TimeoutException, InterruptedException;

    /** Waits up to {@code timeout} until a client with id {@code clientId} is connected (CONNECT accepted). */
    void awaitConnected(String clientId, Duration timeout) throws TimeoutException, InterruptedException;

    /** Stops the listener and everything the broker started; idempotent. */
    @Override
    void close();
}
