package io.twinboard.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import io.twinboard.bench.pki.TlsContexts;

/**
 * The default broker: Moquette 0.17 (MQTT 3.1.1, Netty) in this JVM, with only a TLS listener on
 * {@code 127.0.0.1} at an ephemeral port. TLS is JSSE with the PKI's {@link SSLContext}: both
 * server certificates (RSA-2048 and ECDSA P-256) are loaded, so ECDHE-RSA and ECDHE-ECDSA
 * clients each get a matching chain; protocols and suites come from {@link TlsOffer}. CONNECT
 * must carry a configured user name and password; with
 * {@link BrokerOptions#requireClientCertificate()} the handshake also requires a client
 * certificate from the PKI. Each handshake's outcome is kept ({@link #tlsHandshakes()}).
 * Observations: PUBLISH packets accepted from clients and connections come from Moquette's
 * interceptor; PUBLISH packets sent to clients are read from each connection's TLS plaintext
 * ({@link MqttTap}), so {@link #delivered()} is exactly what went on the wire. Persistence and Moquette's telemetry are off; nothing is written
 * outside the work directory.
 */
public final class EmbeddedBroker extends ObservedBroker {
    private static final String HOST = "127.0.0.1";

    static {
        // Netty 4.1 uses sun.misc.Unsafe when allowed, and JDK 24+ prints a deprecation warning on
        // the console the first time. The broker needs none of Unsafe's speed: keep Netty off it
        // unless the user chose otherwise. Runs before any Netty class is initialised.
        if (System.getProperty("io.netty.noUnsafe") == null) {
            System.setProperty("io.netty.noUnsafe", "true");
        }
    }

    private Server server;
    /** The TLS listener's port, chosen by us (see {@link #start(BrokerOptions, int)}). */
    private final int tlsPort;
    private final Observations observations = new Observations();
    private final MoquetteObserver observer = new MoquetteObserver(observations);
    private final List<TlsHandshake> handshakes = new CopyOnWriteArrayList<>();
    private final WorkDir workDir;
    private boolean closed;

    private EmbeddedBroker(BrokerOptions options) {
        workDir = new WorkDir(options, "twinboard-embedded-broker");
        int port = 0;
        for (int attempt = 1; port == 0; attempt++) {
            int candidate = LoopbackPorts.free();
            try {
                if (start(options, candidate)) port = candidate;
                else if (attempt == 3) throw new IllegalStateException("TLS listener did not bind within 60 s");
            } catch (IOException | RuntimeException e) {
                if (server != null) server.stopServer();
                workDir.close();
                throw new IllegalStateException("embedded MQTT broker failed to start: " + e.getMessage(), e);
            }
        }
        tlsPort = port;
    }

    /**
     * Starts Moquette with its TLS listener on {@code port} and waits until the kernel shows it
     * listening; false (broker stopped) when it does not within 60 s, e.g. because another
     * process took the port first.
     *
     * <p>We choose the port because Moquette 0.17 learns an ephemeral one (ssl_port 0) in a plain
     * HashMap written by its Netty thread, and getSslPort() inserts into that map: polling it
     * while the bind completes could lose the port for good (CI saw both that and a
     * ConcurrentModificationException).
     */
    private boolean start(BrokerOptions options, int port) throws IOException {
        server = new Server();
        server.startServer(new MemoryConfig(config(options, port)), List.of(observer),
                () -> nettyContext(options, handshakes::add, () -> new MqttTap(observations)), authenticator(options.users()), ALLOW_ALL);
        long deadline = System.nanoTime() + 60_000_000_000L; // a cold JVM on a loaded 2-core host is slow
        while (!LoopbackPorts.listening(port)) {
            if (System.nanoTime() > deadline) {
                server.stopServer();
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
        }
        return true;
    }

    /** Starts a broker; the TLS port is bound when this returns. */
    public static EmbeddedBroker start(BrokerOptions options) {
        return new EmbeddedBroker(options);
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int tlsPort() {
        return tlsPort;
    }

    @Override
    public Path caCertPem() {
        return workDir.pki().caBundlePem();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos) {
        var message = MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(MqttQoS.valueOf(qos))
                .retained(false)
                .payload(Unpooled.wrappedBuffer(payload.clone()))
                .build();
        observer.published(BENCH_CLIENT_ID, topic, qos, payload.clone());
        server.internalPublish(message, BENCH_CLIENT_ID);
    }

    /**
     * Every TLS handshake on the listener so far, completed or failed, in order: negotiated
     * protocol and suite, the server key type used, the client certificate, or the failure reason.
     */
    public List<TlsHandshake> tlsHandshakes() {
        return List.copyOf(handshakes);
    }

    /**
     * Every MQTT control packet on the listener's connections so far, both ways, in the order the
     * TLS layer handled them (decrypted from the client, or about to be encrypted to it).
     */
    public List<ObservedPacket> packets() {
        return observations.packets();
    }

    @Override
    Observations observations() {
        return observations;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stopServer();
        } finally {
            workDir.close();
        }
    }

    private static Properties config(BrokerOptions options, int sslPort) {
        Properties p = new Properties();
        p.setProperty("host", HOST);
        p.setProperty("port", "disabled");
        p.setProperty("websocket_port", "disabled");
        p.setProperty("ssl_port", Integer.toString(sslPort));
        p.setProperty("need_client_auth", Boolean.toString(options.requireClientCertificate()));
        p.setProperty("allow_anonymous", "false");
        p.setProperty("allow_zero_byte_client_id", "false");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("use_metrics", "false");
        p.setProperty("use_bugsnag", "false");
        p.setProperty("immediate_buffer_flush", "true");
        p.setProperty("netty.mqtt.message_size", Integer.toString(1 << 20));
        p.setProperty("netty.channel_timeout.seconds", Integer.toString(PATIENCE_SECONDS));
        return p;
    }

    private static JdkSslContext nettyContext(BrokerOptions options, Consumer<TlsHandshake> handshakes,
                                              Supplier<TappedSslEngine.PlaintextTap> taps) {
        var own = options.serverCredential() == null ? options.pki().servers() : List.of(options.serverCredential());
        SSLContext context = new TappedSslContext(TlsContexts.context(own, options.pki().roots()), handshakes, taps);
        ClientAuth auth = options.requireClientCertificate() ? ClientAuth.REQUIRE : ClientAuth.NONE;
        return new JdkSslContext(context, false, options.tls().cipherSuites(), SupportedCipherSuiteFilter.INSTANCE,
                ApplicationProtocolConfig.DISABLED, auth, options.tls().protocols().toArray(String[]::new), false) {
            @Override
            protected io.netty.handler.ssl.SslHandler newHandler(io.netty.buffer.ByteBufAllocator alloc, boolean startTls) {
                io.netty.handler.ssl.SslHandler h = super.newHandler(alloc, startTls);
                h.setHandshakeTimeoutMillis(PATIENCE_SECONDS * 1000L);
                return h;
            }
        };
    }

    /**
     * Wall-clock patience for the TLS handshake and the first MQTT packet. Netty's and Moquette's
     * defaults (10 s) assume a client at hardware speed; an emulated board on a loaded host may run
     * slower than real time (a 1.4 s ESP8266 handshake can take 10 s of host time).
     */
    static final int PATIENCE_SECONDS = 120;

    /** Accepts exactly the configured user/password pairs (constant-time password comparison). */
    private static IAuthenticator authenticator(Map<String, String> users) {
        return (clientId, user, password) -> {
            String expected = user == null ? null : users.get(user);
            return expected != null && password != null
                    && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password);
        };
    }

    private static final IAuthorizatorPolicy ALLOW_ALL = new IAuthorizatorPolicy() {
        @Override
        public boolean canWrite(Topic topic, String user, String client) {
            return true;
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
            return true;
        }
    };
}
