package io.twinboard.bench.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.twinboard.bench.broker.ObservedMessage.Direction;

/**
 * The Debian {@code mosquitto_sub} / {@code mosquitto_pub} command-line clients (2.0.x), over TLS
 * with a CA file, user name/password and optionally a client certificate. Immutable; the
 * {@code with*} methods return copies. The host name is verified against the broker's
 * certificate, so use a name it carries ({@code localhost} for the workbench's brokers).
 */
public final class MosquittoClients {
    private final String host;
    private final int port;
    private final Path caFile;
    private final String user;
    private final String password;
    private final Path certFile;
    private final Path keyFile;

    private MosquittoClients(String host, int port, Path caFile, String user, String password,
                             Path certFile, Path keyFile) {
        this.host = host;
        this.port = port;
        this.caFile = caFile;
        this.user = user;
        this.password = password;
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    /** Clients for {@code mqtts://host:port} trusting the CA certificate(s) in {@code caFile}. */
    public static MosquittoClients of(String host, int port, Path caFile) {
        return new MosquittoClients(host, port, caFile, null, null, null, null);
    }

    public MosquittoClients withCredentials(String user, String password) {
        return new MosquittoClients(host, port, caFile, user, password, certFile, keyFile);
    }

    /** Presents this certificate chain (PEM) and PEM private key for mutual TLS. */
    public MosquittoClients withClientCertificate(Path certPem, Path keyPem) {
        return new MosquittoClients(host, port, caFile, user, password, certPem, keyPem);
    }

    /**
     * Starts {@code mosquitto_sub} and returns once the broker acknowledged the subscription
     * (SUBACK). It exits by itself after {@code count} messages or after {@code timeout}.
     *
     * @throws IllegalStateException if it exits (refused, TLS failure) or gets no SUBACK within {@code timeout}
     */
    public Subscription subscribe(String clientId, String topicFilter, int qos, int count, Duration timeout) {
        List<String> cmd = common("mosquitto_sub", clientId);
        cmd.addAll(List.of("-t", topicFilter, "-q", Integer.toString(qos), "-C", Integer.toString(count),
                "-W", Long.toString(Math.max(1, timeout.toSeconds())), "-d", "-F", "MSG %q %l %x %t"));
        // mosquitto_sub's debug lines (the SUBACK we wait for) go through a block-buffered stdout
        // when it writes into a pipe; stdbuf makes it line-buffered.
        cmd.set(0, HostProcess.find("mosquitto_sub").toString());
        cmd.addAll(0, List.of(HostProcess.find("stdbuf").toString(), "-oL"));
        return new Subscription(clientId, cmd, timeout);
    }

    /**
     * Publishes one message with {@code mosquitto_pub} (payload from stdin, any bytes) and waits
     * for it to exit (after PUBACK/PUBCOMP for QoS 1/2).
     *
     * @throws IllegalStateException with the tool's output if it fails or outlives {@code timeout}
     */
    public void publish(String clientId, String topic, byte[] payload, int qos, Duration timeout) {
        List<String> cmd = common("mosquitto_pub", clientId);
        cmd.addAll(List.of("-t", topic, "-q", Integer.toString(qos), "-s"));
        try (HostProcess p = HostProcess.start(cmd, line -> { }, payload)) {
            Integer rc = p.waitFor(timeout.toMillis());
            if (rc == null || rc != 0) {
                throw new IllegalStateException("mosquitto_pub " + (rc == null ? "timed out" : "exited " + rc)
                        + ": " + String.join("\n", p.output()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private List<String> common(String tool, String clientId) {
        List<String> cmd = new ArrayList<>(List.of(tool, "-h", host, "-p", Integer.toString(port),
                "--cafile", caFile.toString(), "-i", clientId, "-V", "mqttv311"));
        if (user != null) {
            cmd.addAll(List.of("-u", user, "-P", password));
        }
        if (certFile != null) {
            cmd.addAll(List.of("--cert", certFile.toString(), "--key", keyFile.toString()));
        }
        return cmd;
    }

    /** A running {@code mosquitto_sub}; {@link #close()} stops it if still running. */
    public static final class Subscription implements AutoCloseable {
        private final String clientId;
        private final Duration timeout;
        private final List<ObservedMessage> received = new ArrayList<>();
        private final CountDownLatch subscribed = new CountDownLatch(1);
        private final HostProcess process;

        private Subscription(String clientId, List<String> command, Duration timeout) {
            this.clientId = clientId;
            this.timeout = timeout;
            this.process = HostProcess.start(command, this::accept, null);
            try {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!subscribed.await(20, TimeUnit.MILLISECONDS)) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        process.close();
                        throw new IllegalStateException("mosquitto_sub did not subscribe: "
                                + String.join("\n", process.output()));
                    }
                }
            } catch (InterruptedException e) {
                process.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private void accept(String line) {
            if (line.startsWith("MSG ")) {
                String[] f = line.split(" ", 5);
                byte[] payload = HexFormat.of().parseHex(f[3]);
                synchronized (received) {
                    received.add(new ObservedMessage(Direction.DELIVERED, clientId, f.length > 4 ? f[4] : "",
                            Integer.parseInt(f[1]), Integer.parseInt(f[2]), payload, Instant.now()));
                }
            } else if (line.startsWith("Client " + clientId + " received SUBACK")) {
                subscribed.countDown();
            }
        }

        /** Waits until the requested count arrived or the timeout passed; returns what arrived. */
        public List<ObservedMessage> await() throws InterruptedException {
            process.waitFor(timeout.toMillis() + 2000);
            return received();
        }

        /** Messages received so far. */
        public List<ObservedMessage> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        /** The tool's output (debug lines and messages). */
        public List<String> output() {
            return process.output();
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
