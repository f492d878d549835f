package io.twinboard.bench.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.twinboard.bench.inspect.Decoded.Alert;
import io.twinboard.bench.inspect.Decoded.Certificates;
import io.twinboard.bench.inspect.Decoded.ChangeCipherSpec;
import io.twinboard.bench.inspect.Decoded.ClientHello;
import io.twinboard.bench.inspect.Decoded.Handshake;
import io.twinboard.bench.inspect.Decoded.ServerHello;
import io.twinboard.bench.inspect.Decoded.TlsRecord;
import io.twinboard.bench.inspect.TlsTranscript.Splitter;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;
import io.twinboard.bench.pki.TlsContexts;
import io.twinboard.periph.net.Ipv4;

/** Decoding real TLS byte streams made by JSSE engines with the project's PKI. */
class TlsDecodingTest {
    static final Pki PKI = Pki.generate(21);
    static final String ECDSA_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    static final String[] TLS12 = {"TLSv1.2"};
    static final byte[] REQUEST = "PING from board".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ANSWER = "PONG from the broker, somewhat longer".getBytes(StandardCharsets.US_ASCII);

    static TlsTranscript tls12(String... suites) throws Exception {
        return TlsTranscript.run(PKI.clientSslContext(null), PKI.serverSslContext(), Pki.DEFAULT_BROKER_HOST, TLS12,
                suites, REQUEST, ANSWER);
    }

    static ConnectionTrace decode(TlsTranscript t, Splitter splitter) {
        TrafficLog log = new TrafficLog();
        log.opened(1, 0, false, Ipv4.of(10, 0, 0, 2), 8883, -1, 0);
        log.established(1, 500_000_000L);
        t.feed(log, 1, 0, splitter);
        return log.connection(1).orElseThrow();
    }

    static <T> List<T> from(ConnectionTrace c, boolean toPeer, Class<T> type) {
        return c.events().stream().filter(e -> e.toPeer() == toPeer).map(TrafficEvent::what)
                .filter(type::isInstance).map(type::cast).toList();
    }

    static List<Handshake> handshakes(ConnectionTrace c, boolean toPeer) { return from(c, toPeer, Handshake.class); }

    @Test
    void tls12HandshakeNamesHelloesSuiteAndCertificateSize() throws Exception {
        TlsTranscript t = tls12(ECDSA_SUITE, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertNotNull(t.negotiatedSuite, "handshake completed");
        ConnectionTrace c = decode(t, Splitter.WHOLE);
        assertEquals(ConnectionTrace.Protocol.TLS, c.protocol());

        ClientHello ch = (ClientHello) handshakes(c, true).get(0).body();
        assertEquals(Pki.DEFAULT_BROKER_HOST, ch.sni());
        assertTrue(ch.suites().stream().map(TlsNames::cipherSuite).toList().containsAll(
                List.of(ECDSA_SUITE, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")), ch.suites().toString());

        List<Handshake> fromServer = handshakes(c, false);
        ServerHello sh = (ServerHello) fromServer.get(0).body();
        assertEquals(t.negotiatedSuite, TlsNames.cipherSuite(sh.suite()));
        assertEquals("TLS1.2", TlsNames.version(sh.version()));
        Handshake cert = fromServer.stream().filter(h -> h.body() instanceof Certificates).findFirst().orElseThrow();
        var serverCred = TlsNames.cipherSuite(sh.suite()).contains("ECDSA") ? PKI.server(KeyKind.EC_P256) : PKI.server(KeyKind.RSA_2048);
        assertEquals(serverCred.certificateMessageBytes(), cert.length());
        assertEquals(serverCred.chain().size(), ((Certificates) cert.body()).derSizes().size());
        assertEquals(Pki.DEFAULT_BROKER_HOST, ((Certificates) cert.body()).subjects().get(0));
        List<String> serverTypes = fromServer.stream().map(h -> TlsNames.handshakeType(h.type())).toList();
        assertTrue(serverTypes.containsAll(List.of("ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone")), serverTypes.toString());
        assertTrue(fromServer.stream().anyMatch(h -> h.body().describe().startsWith("ECDHE ")), "curve named");
        assertEquals("ClientKeyExchange", TlsNames.handshakeType(handshakes(c, true).get(1).type()));

        for (boolean dir : new boolean[] {true, false}) {
            assertEquals(1, from(c, dir, ChangeCipherSpec.class).size());
            List<TlsRecord> enc = from(c, dir, TlsRecord.class).stream().filter(TlsRecord::encrypted).toList();
            assertEquals(22, enc.get(0).contentType(), "Finished right after CCS");
        }
        // Application data: AES-GCM adds an 8-byte explicit nonce and a 16-byte tag per record.
        TlsRecord req = from(c, true, TlsRecord.class).stream().filter(r -> r.contentType() == 23).findFirst().orElseThrow();
        assertEquals(REQUEST.length + 24, req.length());
        TlsRecord ans = from(c, false, TlsRecord.class).stream().filter(r -> r.contentType() == 23).findFirst().orElseThrow();
        assertEquals(ANSWER.length + 24, ans.length());
        assertTrue(from(c, true, TlsRecord.class).stream().anyMatch(r -> r.encrypted() && r.contentType() == 21), "close_notify");
        assertTrue(c.pending(true).isEmpty() && c.pending(false).isEmpty());
    }

    @Test
    void timelineTextHasVirtualTimesDirectionsAndNames() throws Exception {
        TlsTranscript t = tls12(ECDSA_SUITE);
        TrafficLog log = new TrafficLog();
        log.opened(4, 0, false, Ipv4.of(10, 0, 0, 2), 8883, -1, 0);
        t.feed(log, 4, 11_345_000_000L, Splitter.WHOLE); // first chunk at +12.345 ms
        String text = log.format();
        assertTrue(text.startsWith("connection 4: W5500 socket 0 → 10.0.0.2:8883 (TLS)\n  +0.000 ms board→broker TCP SYN\n"), text);
        assertTrue(text.contains("\n  +12.345 ms board→broker TLS Handshake ClientHello (TLS1.2, 1 suite, SNI broker.twinboard.test, "), text);
        assertTrue(text.contains("\n  +13.345 ms broker→board TLS Handshake ServerHello (TLS1.2, " + ECDSA_SUITE + ", "), text);
        assertTrue(text.contains(" broker→board TLS Handshake Certificate (1 certificate [broker.twinboard.test], "), text);
        assertTrue(text.contains(" board→broker TLS ApplicationData " + (REQUEST.length + 24) + " B\n"), text);
        assertTrue(text.contains(" board→broker TLS Alert (encrypted, "), text);
        assertFalse(text.contains("record"), "plaintext records are shown through their messages: " + text);
    }

    @Test
    void splitAnywhereGivesTheSameDecoding() throws Exception {
        TlsTranscript t = tls12(ECDSA_SUITE);
        List<String> whole = describe(decode(t, Splitter.WHOLE));
        assertEquals(whole, describe(decode(t, Splitter.BYTE_BY_BYTE)));
        for (long seed = 1; seed <= 5; seed++) assertEquals(whole, describe(decode(t, Splitter.random(seed))), "seed " + seed);
        assertTrue(whole.size() > 12, whole.toString());
    }

    private static List<String> describe(ConnectionTrace c) {
        return c.events().stream().map(e -> e.toPeer() + " " + e.what().describe()).toList();
    }

    @Test
    void untrustedServerEndsInAFatalAlertFromTheBoard() throws Exception {
        TlsTranscript t = TlsTranscript.run(Pki.generate(22).clientSslContext(null), PKI.serverSslContext(),
                Pki.DEFAULT_BROKER_HOST, TLS12, new String[] {ECDSA_SUITE}, REQUEST, ANSWER);
        assertNotNull(t.clientFailure);
        ConnectionTrace c = decode(t, Splitter.BYTE_BY_BYTE);
        List<Alert> alerts = from(c, true, Alert.class);
        assertEquals(1, alerts.size(), c.events().toString() + t.clientFailure);
        assertEquals("fatal", TlsNames.alertLevel(alerts.get(0).level()));
        String name = TlsNames.alertDescription(alerts.get(0).description());
        assertTrue(List.of("certificate_unknown", "bad_certificate", "unknown_ca").contains(name), name);
        assertTrue(alerts.get(0).describe().contains(name));
        assertTrue(from(c, false, Alert.class).isEmpty());
    }

    @Test
    void largeChainCertificateMessageIsMeasured() throws Exception {
        var large = PKI.largeServerChain(KeyKind.EC_P256, 5000);
        TlsTranscript t = TlsTranscript.run(PKI.clientSslContext(null), TlsContexts.context(List.of(large), PKI.roots()),
                Pki.DEFAULT_BROKER_HOST, TLS12, new String[] {ECDSA_SUITE}, REQUEST, ANSWER);
        assertNotNull(t.negotiatedSuite);
        ConnectionTrace c = decode(t, Splitter.random(7));
        Handshake cert = handshakes(c, false).stream().filter(h -> h.body() instanceof Certificates).findFirst().orElseThrow();
        assertEquals(large.certificateMessageBytes(), cert.length());
        assertTrue(cert.length() >= 5000);
        assertEquals(2, ((Certificates) cert.body()).subjects().size());
        TraceFacts f = TraceFacts.of(c);
        assertTrue(f.largestRecord() >= cert.length(), f.toString());
        assertTrue(f.largestMessage().startsWith("Certificate message " + cert.length()), f.largestMessage());
    }

    @Test
    void tls13RecordsAfterServerHelloAreOpaque() throws Exception {
        TlsTranscript t = TlsTranscript.run(PKI.clientSslContext(null), PKI.serverSslContext(), Pki.DEFAULT_BROKER_HOST,
                new String[] {"TLSv1.3"}, null, REQUEST, ANSWER);
        assertEquals("TLSv1.3", t.negotiatedProtocol);
        ConnectionTrace c = decode(t, Splitter.random(3));
        ClientHello ch = (ClientHello) handshakes(c, true).get(0).body();
        assertTrue(ch.supportedVersions().contains(0x0304));
        List<Handshake> fromServer = handshakes(c, false);
        assertEquals(1, fromServer.size(), "only the ServerHello is plaintext");
        ServerHello sh = (ServerHello) fromServer.get(0).body();
        assertEquals("TLS1.3", TlsNames.version(sh.version()));
        assertEquals(t.negotiatedSuite, TlsNames.cipherSuite(sh.suite()));
        assertFalse(from(c, false, TlsRecord.class).stream().filter(TlsRecord::encrypted).toList().isEmpty());
        assertTrue(from(c, false, TlsRecord.class).stream().filter(TlsRecord::encrypted).allMatch(TlsRecord::tls13));
        assertEquals(1, handshakes(c, true).size(), "the client's Finished is encrypted");
    }

    @Test
    void bouncyCastlePeersPackSeveralRecordsPerSegment() throws Exception {
        byte[] connect = MqttDecodingTest.connectPacket("twinboard-board");
        BcTlsSession s = BcTlsSession.run(PKI.server(KeyKind.EC_P256), connect, ANSWER);
        TrafficLog log = new TrafficLog();
        long t = 0;
        for (TlsTranscript.Chunk c : s.chunks) log.bytes(1, "10.0.0.2:8883", c.toPeer(), t += 1_000_000L, c.bytes(), 0, c.bytes().length);
        ConnectionTrace c = log.connection(1).orElseThrow();
        assertEquals(List.of("ClientHello", "ClientKeyExchange"), handshakes(c, true).stream().map(h -> TlsNames.handshakeType(h.type())).toList());
        assertEquals(ECDSA_SUITE, TlsNames.cipherSuite(((ServerHello) handshakes(c, false).get(0).body()).suite()));
        List<TlsRecord> data = from(c, true, TlsRecord.class).stream().filter(r -> r.contentType() == 23).toList();
        assertEquals(List.of(connect.length + 24), data.stream().map(TlsRecord::length).toList());
    }

    private static BcTlsSession fragmented;

    /** A 4096-byte max_fragment_length makes the server split its large Certificate message across records (one session, reused). */
    static synchronized ConnectionTrace fragmentedLargeChain(Splitter splitter) throws Exception {
        if (fragmented == null) {
            fragmented = BcTlsSession.run(PKI.largeServerChain(KeyKind.EC_P256, 6000), org.bouncycastle.tls.MaxFragmentLength.pow2_12,
                    REQUEST, ANSWER);
        }
        TrafficLog log = new TrafficLog();
        long t = 0;
        for (TlsTranscript.Chunk c : fragmented.chunks) {
            t += 1_000_000L;
            for (int[] r : splitter.split(c.bytes().length)) log.bytes(1, "10.0.0.2:8883", c.toPeer(), t, c.bytes(), r[0], r[1]);
        }
        return log.connection(1).orElseThrow();
    }

    @Test
    void handshakeMessagesAreReassembledAcrossRecords() throws Exception {
        ConnectionTrace c = fragmentedLargeChain(Splitter.random(4));
        assertEquals(4, ((ClientHello) handshakes(c, true).get(0).body()).maxFragmentCode());
        assertEquals(4, ((ServerHello) handshakes(c, false).get(0).body()).maxFragmentCode());
        Handshake cert = handshakes(c, false).stream().filter(h -> h.body() instanceof Certificates).findFirst().orElseThrow();
        assertEquals(PKI.largeServerChain(KeyKind.EC_P256, 6000).certificateMessageBytes(), cert.length());
        assertTrue(cert.records() >= 2, "records: " + cert.records());
        assertTrue(from(c, false, TlsRecord.class).stream().allMatch(r -> r.length() <= 4096 + 256), "fragments honour the limit");
        assertTrue(cert.describe().contains("in " + cert.records() + " records"), cert.describe());
        assertEquals(describeAll(c), describeAll(fragmentedLargeChain(Splitter.BYTE_BY_BYTE)));
    }

    private static List<String> describeAll(ConnectionTrace c) {
        return c.events().stream().map(e -> e.toPeer() + " " + e.what().describe()).toList();
    }

    @Test
    void garbageAfterTheHandshakeIsReportedOnce() {
        TrafficLog log = new TrafficLog();
        byte[] junk = {0x16, 0x03, 0x03, 0x00, 0x01, 0x0E, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42};
        log.bytes(3, "10.0.0.2:8883", false, 0, junk, 0, junk.length);
        log.bytes(3, "10.0.0.2:8883", false, 1, junk, 0, 4);
        var events = log.connection(3).orElseThrow().events();
        assertEquals(1, events.stream().filter(e -> e.what() instanceof Decoded.Malformed).count(), events.toString());
        assertEquals(6 + 4, events.stream().filter(e -> e.what() instanceof Decoded.Raw).mapToInt(e -> ((Decoded.Raw) e.what()).length()).sum());
    }
}
