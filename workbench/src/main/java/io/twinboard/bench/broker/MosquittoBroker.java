package io.twinboard.bench.broker;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.twinboard.bench.pki.Credential;
import io.twinboard.bench.pki.KeyKind;

/**
 * The Debian {@code mosquitto} broker (2.0.x, OpenSSL) as a child process with one TLS listener
 * on {@code 127.0.0.1} at a free port, using the PKI's files: {@code cafile} = the root bundle,
 * {@code certfile}/{@code keyfile} = {@link BrokerOptions#serverCredential()} or the ECDSA server
 * credential, {@code require_certificate} for mutual TLS, a PBKDF2 password file with the
 * configured users plus {@link Broker#BENCH_CLIENT_ID}. Its log ({@code log_type all}) is captured
 * and parsed for the observations; {@link #log()} returns it. Used to reproduce the seeds against
 * the broker they ran against.
 */
public final class MosquittoBroker extends ObservedBroker {
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Observations observations = new Observations();
    private final MosquittoLog log = new MosquittoLog(observations);
    private final WorkDir workDir;
    private final MosquittoClients benchClient;
    private final HostProcess process;
    private final int port;
    private boolean closed;

    private MosquittoBroker(BrokerOptions options) {
        HostProcess.find("mosquitto"); // fail fast, before writing anything
        workDir = new WorkDir(options, "twinboard-mosquitto");
        try {
            String benchPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Map<String, String> users = new LinkedHashMap<>(options.users());
            users.put(BENCH_CLIENT_ID, benchPassword);
            MosquittoConfig.writePasswordFile(workDir.dir().resolve("passwd"), users);
            Started started = startOnFreePort(options);
            process = started.process();
            port = started.port();
            MosquittoClients bench = MosquittoClients.of("localhost", port, caCertPem())
                    .withCredentials(BENCH_CLIENT_ID, benchPassword);
            if (options.requireClientCertificate()) {
                Credential client = options.pki().client(KeyKind.EC_P256);
                bench = bench.withClientCertificate(workDir.pki().certificatePem(client), workDir.pki().keyPem(client));
            }
            benchClient = bench;
        } catch (RuntimeException e) {
            workDir.close();
            throw e;
        }
    }

    /** Starts mosquitto and waits until it logs that it is running. */
    public static MosquittoBroker start(BrokerOptions options) {
        return new MosquittoBroker(options);
    }

    private record Started(HostProcess process, int port) {
    }

    /** Picks a free port, starts, and retries (up to 3 times) if another process took the port meanwhile. */
    private Started startOnFreePort(BrokerOptions options) {
        for (int attempt = 1; ; attempt++) {
            int candidate = LoopbackPorts.free();
            Path conf = MosquittoConfig.writeConfig(workDir.dir(), candidate, options, workDir.pki());
            HostProcess p = HostProcess.start(List.of("mosquitto", "-c", conf.toString()), log::accept, null);
            try {
                if (log.running().await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return new Started(p, candidate);
                }
                p.waitFor(200);
            } catch (InterruptedException e) {
                p.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting mosquitto", e);
            }
            p.close();
            String output = String.join("\n", p.output());
            if (!output.contains("Address already in use") || attempt == 3) {
                throw new IllegalStateException("mosquitto did not start (config " + conf + "):\n" + output);
            }
        }
    }


    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int tlsPort() {
        return port;
    }

    @Override
    public Path caCertPem() {
        return workDir.pki().caBundlePem();
    }

    /** Publishes through {@code mosquitto_pub} as {@link Broker#BENCH_CLIENT_ID}; returns when it exited. */
    @Override
    public void publish(String topic, byte[] payload, int qos) {
        benchClient.publish(BENCH_CLIENT_ID, topic, payload, qos, Duration.ofSeconds(10));
    }

    /**
     * A {@code mosquitto_sub}/{@code mosquitto_pub} wrapper set up for this broker (CA bundle,
     * {@code localhost}, its port) with the given credentials.
     */
    public MosquittoClients clients(String user, String password) {
        return MosquittoClients.of("localhost", port, caCertPem()).withCredentials(user, password);
    }

    @Override
    Observations observations() {
        return observations;
    }

    /** The broker's log so far, one line per entry. */
    public List<String> log() {
        return process.output();
    }

    /** The working directory (config, password file, PKI files). */
    public Path workDir() {
        return workDir.dir();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            process.close();
        } finally {
            workDir.close();
        }
    }
}
