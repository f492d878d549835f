package io.twinboard.bench.broker;

import static io.twinboard.bench.broker.EmbeddedBrokerTest.causedBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.twinboard.bench.broker.ObservedMessage.Direction;
import io.twinboard.bench.pki.Credential;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;

/** Against the real Debian mosquitto, started on a free loopback port for each test. */
class MosquittoBrokerTest {
    private static final Pki PKI = Pki.generate(2025);
    private static final BrokerOptions OPTIONS = BrokerOptions.of(PKI)
            .withUser("board", "board-secret").withUser("operator", "op-secret");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private MosquittoBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            Path dir = broker.workDir();
            broker.close();
            assertFalse(Files.exists(dir), "temporary work directory removed on close");
        }
    }

    @Test
    void pahoClientsTalkThroughMosquittoAndItsLogIsObserved() throws Exception {
        broker = MosquittoBroker.start(OPTIONS);
        try (var operator = connect("operator-1", "operator", "op-secret");
             var board = connect("board-1", "board", "board-secret")) {
            operator.subscribe("telemetry/#", 1);
            board.publish("telemetry/temp", "21.5".getBytes(StandardCharsets.US_ASCII), 1);
            var got = operator.next(5);
            assertNotNull(got, "subscriber got nothing; log:\n" + String.join("\n", broker.log()));
            assertArrayEquals("21.5".getBytes(StandardCharsets.US_ASCII), got.payload());
            var published = broker.await(m -> m.direction() == Direction.PUBLISHED, WAIT);
            assertEquals("board-1", published.clientId());
            assertEquals("telemetry/temp", published.topic());
            assertEquals(1, published.qos());
            assertEquals(4, published.payloadBytes());
            assertNull(published.payload(), "mosquitto logs sizes only");
            var delivered = broker.await(m -> m.direction() == Direction.DELIVERED, WAIT);
            assertEquals("operator-1", delivered.clientId());
            broker.awaitConnected("board-1", WAIT);
            assertEquals(Set.of("operator-1", "board-1"), broker.connectedClients());
        }
    }

    @Test
    void mosquittoSubReceivesAPublishAndMosquittoPubReachesASubscriber() throws Exception {
        broker = MosquittoBroker.start(OPTIONS);
        MosquittoClients cli = broker.clients("operator", "op-secret");
        try (var sub = cli.subscribe("operator-sub", "telemetry/+", 1, 1, WAIT);
             var board = connect("board-1", "board", "board-secret")) {
            board.subscribe("cmd/board-1", 1);
            board.publish("telemetry/temp", new byte[] {0, 1, 2, (byte) 0xff}, 0);
            List<ObservedMessage> got = sub.await();
            assertEquals(1, got.size(), () -> "mosquitto_sub output: " + sub.output());
            assertEquals("telemetry/temp", got.getFirst().topic());
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, got.getFirst().payload());

            cli.publish("operator-pub", "cmd/board-1", "ping".getBytes(StandardCharsets.US_ASCII), 1, WAIT);
            var cmd = board.next(5);
            assertNotNull(cmd, "board did not get the command");
            assertEquals("ping", new String(cmd.payload(), StandardCharsets.US_ASCII));

            broker.publish("cmd/board-1", "echo".getBytes(StandardCharsets.US_ASCII), 1);
            var benchCmd = board.next(5);
            assertNotNull(benchCmd, "board did not get the bench command");
            assertEquals("echo", new String(benchCmd.payload(), StandardCharsets.US_ASCII));
            broker.await(m -> m.direction() == Direction.PUBLISHED && m.clientId().equals(Broker.BENCH_CLIENT_ID), WAIT);
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        broker = MosquittoBroker.start(OPTIONS);
        MqttException e = assertThrows(MqttException.class, () -> connect("board-1", "board", "wrong"));
        assertTrue(e.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED
                || e.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION, e.toString());
        var cli = broker.clients("board", "wrong");
        assertThrows(IllegalStateException.class,
                () -> cli.publish("x", "t", new byte[0], 0, WAIT));
    }

    @Test
    void clientTrustingAnotherCaFailsTheHandshake() {
        broker = MosquittoBroker.start(OPTIONS);
        MqttException e = assertThrows(MqttException.class, () -> PahoTestClient.connect(broker.tlsPort(),
                Pki.generate(1).clientSslContext(null), "board-1", "board", "board-secret"));
        assertTrue(causedBy(e, SSLHandshakeException.class), "expected a handshake failure, got " + e);
    }

    @Test
    void requiredClientCertificateRefusesClientsWithoutOne() throws Exception {
        broker = MosquittoBroker.start(OPTIONS.withClientCertificateRequired(true));
        MqttException e = assertThrows(MqttException.class, () -> connect("board-1", "board", "board-secret"));
        assertTrue(e.getReasonCode() != MqttException.REASON_CODE_NOT_AUTHORIZED
                && e.getReasonCode() != MqttException.REASON_CODE_FAILED_AUTHENTICATION, "refused at TLS level: " + e);
        try (var board = PahoTestClient.connect(broker.tlsPort(), PKI.clientSslContext(PKI.client(KeyKind.RSA_2048)),
                "board-1", "board", "board-secret")) {
            board.subscribe("cmd/#", 0);
            broker.publish("cmd/x", new byte[] {1}, 0); // bench client presents the EC client certificate
            assertNotNull(board.next(5));
        }
    }

    @Test
    void servesALargeCertificateChain() throws Exception {
        Credential large = PKI.largeServerChain(KeyKind.EC_P256, 5000);
        broker = MosquittoBroker.start(OPTIONS.withServerCredential(large));
        try (SSLSocket s = (SSLSocket) PKI.clientSslContext(null).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), broker.tlsPort())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.startHandshake();
            assertEquals(2, s.getSession().getPeerCertificates().length);
            assertEquals(large.certificate(), s.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void rsaCertificateServesTheSeedsStaticRsaSuiteToOpenssl() throws Exception {
        // Seed 004's firmware negotiated TLS-RSA-WITH-AES-256-CBC-SHA256 with mosquitto; JSSE no
        // longer offers static-RSA suites, OpenSSL (mosquitto) still does.
        broker = MosquittoBroker.start(OPTIONS.withServerCredential(PKI.server(KeyKind.RSA_2048)));
        try (HostProcess p = HostProcess.start(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + broker.tlsPort(),
                "-tls1_2", "-cipher", "AES256-SHA256", "-CAfile", broker.caCertPem().toString(),
                "-verify_return_error", "-brief"), line -> { }, new byte[0])) {
            assertEquals(0, p.waitFor(5000), () -> String.join("\n", p.output()));
            String out = String.join("\n", p.output());
            assertTrue(out.contains("Ciphersuite: AES256-SHA256") && out.contains("TLSv1.2"), out);
        }
    }

    private PahoTestClient connect(String clientId, String user, String password) throws MqttException {
        return PahoTestClient.connect(broker.tlsPort(), PKI.clientSslContext(null), clientId, user, password);
    }
}
