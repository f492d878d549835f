package io.twinboard.bench.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.twinboard.bench.broker.ObservedMessage.Direction;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;

class EmbeddedBrokerTest {
    private static final Pki PKI = Pki.generate(2024);
    private static final BrokerOptions OPTIONS = BrokerOptions.of(PKI)
            .withUser("board", "board-secret").withUser("operator", "op-secret");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private EmbeddedBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void clientsPublishAndReceiveOverTlsAndTheBrokerSeesIt() throws Exception {
        broker = EmbeddedBroker.start(OPTIONS);
        assertTrue(broker.tlsPort() > 0);
        try (var operator = connect("operator-1", "operator", "op-secret");
             var board = connect("board-1", "board", "board-secret")) {
            operator.subscribe("telemetry/#", 1);
            broker.awaitConnected("operator-1", WAIT);
            broker.awaitConnected("board-1", WAIT);
            assertEquals(java.util.Set.of("operator-1", "board-1"), broker.connectedClients());

            board.publish("telemetry/temp", "21.5".getBytes(StandardCharsets.US_ASCII), 1);

            var got = operator.next(5);
            assertNotNull(got, "subscriber got nothing");
            assertEquals("telemetry/temp", got.topic());
            assertArrayEquals("21.5".getBytes(StandardCharsets.US_ASCII), got.payload());
            var published = broker.await(m -> m.direction() == Direction.PUBLISHED, WAIT);
            assertEquals("board-1", published.clientId());
            assertEquals(1, published.qos());
            assertEquals(4, published.payloadBytes());
            var delivered = broker.await(m -> m.direction() == Direction.DELIVERED, WAIT);
            assertEquals("operator-1", delivered.clientId());
            assertEquals("telemetry/temp", delivered.topic());
            assertEquals(1, delivered.qos());

            byte[] big = new byte[40_000]; // spans several TLS records
            new java.util.Random(5).nextBytes(big);
            board.publish("telemetry/blob", big, 0);
            assertArrayEquals(big, operator.next(5).payload());
            var bigDelivered = broker.await(m -> m.direction() == Direction.DELIVERED && m.topic().equals("telemetry/blob"), WAIT);
            assertArrayEquals(big, bigDelivered.payload());
            assertEquals(0, bigDelivered.qos());
        }
    }

    @Test
    void benchPublishReachesTheSubscriberAndIsRecorded() throws Exception {
        broker = EmbeddedBroker.start(OPTIONS);
        try (var board = connect("board-1", "board", "board-secret")) {
            board.subscribe("cmd/board-1", 0);
            broker.publish("cmd/board-1", "reboot".getBytes(StandardCharsets.US_ASCII), 1);
            var got = board.next(5);
            assertNotNull(got, "command not delivered");
            assertEquals("reboot", new String(got.payload(), StandardCharsets.US_ASCII));
            assertEquals(0, got.qos(), "delivered at the lower of publish and subscription QoS");
            assertEquals(Broker.BENCH_CLIENT_ID, broker.published().getFirst().clientId());
            var delivered = broker.await(m -> m.direction() == Direction.DELIVERED, WAIT);
            assertEquals("board-1", delivered.clientId());
            assertEquals(0, delivered.qos());
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        broker = EmbeddedBroker.start(OPTIONS);
        MqttException e = assertThrows(MqttException.class, () -> connect("board-1", "board", "wrong"));
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, e.getReasonCode());
        assertTrue(broker.connectedClients().isEmpty());
    }

    @Test
    void clientTrustingAnotherCaFailsTheHandshake() throws Exception {
        broker = EmbeddedBroker.start(OPTIONS);
        MqttException e = assertThrows(MqttException.class, () -> PahoTestClient.connect(broker.tlsPort(),
                Pki.generate(1).clientSslContext(null), "board-1", "board", "board-secret"));
        assertTrue(causedBy(e, SSLHandshakeException.class), "expected a handshake failure, got " + e);
        var handshake = firstHandshake();
        assertFalse(handshake.succeeded());
        assertTrue(handshake.failure().contains("certificate_unknown") || handshake.failure().contains("unknown_ca"),
                handshake.failure());
    }

    @Test
    void mutualTlsRefusesAClientWithoutCertificateAndAcceptsOneWithIt() throws Exception {
        broker = EmbeddedBroker.start(OPTIONS.withClientCertificateRequired(true));
        MqttException e = assertThrows(MqttException.class, () -> connect("board-1", "board", "board-secret"));
        assertTrue(e.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION
                || e.getReasonCode() == MqttException.REASON_CODE_SERVER_CONNECT_ERROR
                || e.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST, "refused at TLS level, not by MQTT: " + e);
        assertTrue(broker.connectedClients().isEmpty());
        try (var board = PahoTestClient.connect(broker.tlsPort(), PKI.clientSslContext(PKI.client(KeyKind.EC_P256)),
                "board-1", "board", "board-secret")) {
            broker.awaitConnected("board-1", WAIT);
            assertTrue(broker.tlsHandshakes().getLast().clientCertificate().contains("CN=" + Pki.DEFAULT_CLIENT_NAME));
            assertFalse(firstHandshake().succeeded(), "the client without certificate was refused");
            board.publish("t", new byte[] {1}, 1);
            assertEquals("board-1", broker.await(m -> true, WAIT).clientId());
        }
    }

    @Test
    void listenerOffersTls12EcdheWithEcdsaAndRsaCertificates() throws Exception {
        broker = EmbeddedBroker.start(OPTIONS.withTls(TlsOffer.TLS12_ONLY));
        assertEquals("EC", tls12Handshake("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        assertEquals("EC", tls12Handshake("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        assertEquals("RSA", tls12Handshake("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertEquals("RSA", tls12Handshake("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        var seen = broker.tlsHandshakes();
        assertEquals(4, seen.size(), seen::toString);
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", seen.get(0).cipherSuite());
        assertEquals("TLSv1.2", seen.get(0).protocol());
        assertEquals("EC", seen.get(0).serverKey());
        assertEquals("RSA", seen.get(3).serverKey());
        assertTrue(seen.get(3).peer().startsWith("127.0.0.1:"), seen.get(3).peer());
    }

    @Test
    void servesALargeCertificateChain() throws Exception {
        var large = PKI.largeServerChain(KeyKind.RSA_2048, 4500);
        broker = EmbeddedBroker.start(OPTIONS.withServerCredential(large));
        try (SSLSocket s = (SSLSocket) PKI.clientSslContext(null).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), broker.tlsPort())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.startHandshake();
            assertEquals(List.of(large.chain().toArray()), List.of(s.getSession().getPeerCertificates()));
        }
    }

    @Test
    void closeFreesThePort() throws Exception {
        broker = EmbeddedBroker.start(OPTIONS);
        int port = broker.tlsPort();
        broker.close();
        broker.close();
        assertThrows(java.net.ConnectException.class,
                () -> new java.net.Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    /** The server may record a failed handshake just after the client gave up: poll briefly. */
    private TlsHandshake firstHandshake() throws InterruptedException {
        for (int i = 0; i < 250 && broker.tlsHandshakes().isEmpty(); i++) {
            Thread.sleep(20);
        }
        return broker.tlsHandshakes().getFirst();
    }

    private String tls12Handshake(String suite) throws Exception {
        try (SSLSocket s = (SSLSocket) PKI.clientSslContext(null).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), broker.tlsPort())) {
            s.setSoTimeout(5000);
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setEnabledCipherSuites(new String[] {suite});
            s.startHandshake();
            assertEquals("TLSv1.2", s.getSession().getProtocol());
            assertEquals(suite, s.getSession().getCipherSuite());
            return s.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm();
        }
    }

    private PahoTestClient connect(String clientId, String user, String password) throws MqttException {
        return PahoTestClient.connect(broker.tlsPort(), PKI.clientSslContext(null), clientId, user, password);
    }

    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
