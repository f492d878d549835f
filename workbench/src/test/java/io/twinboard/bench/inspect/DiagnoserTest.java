package io.twinboard.bench.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.twinboard.bench.inspect.Diagnoser.Diagnosis;
import io.twinboard.bench.inspect.TlsTranscript.Chunk;
import io.twinboard.bench.inspect.TlsTranscript.Splitter;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;
import io.twinboard.bench.pki.TlsContexts;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.LinkTap.Close;

/** Diagnosis of the seeds' failures from a console error line and a real (possibly cut) TLS transcript. */
class DiagnoserTest {
    private static final Pki PKI = TlsDecodingTest.PKI;
    private final Diagnoser diagnoser = new Diagnoser(null, 4096);

    /** A log of connection 1 holding the first {@code chunks} chunks of {@code t}, and {@code extraPeerBytes} of the next. */
    private static TrafficLog partial(TlsTranscript t, int chunks, int extraPeerBytes) {
        TrafficLog log = new TrafficLog();
        log.opened(1, 0, false, Ipv4.of(10, 0, 0, 2), 8883, -1, 0);
        log.established(1, 1_000_000_000L);
        long time = 1_000_000_000L;
        for (int i = 0; i < t.chunks.size() && i <= chunks; i++) {
            Chunk c = t.chunks.get(i);
            time += 1_000_000_000L;
            int len = i < chunks ? c.bytes().length : Math.min(extraPeerBytes, c.bytes().length);
            if (len > 0) log.bytes(1, "10.0.0.2:8883", c.toPeer(), time, c.bytes(), 0, len);
        }
        return log;
    }

    private Diagnosis explain(TrafficLog log, String... console) {
        return diagnoser.explain(List.of(console), log).orElseThrow();
    }

    @Test
    void connEofWhileThePeerKeptTheConnectionOpenBlamesTheIoCallback() throws Exception {
        TlsTranscript t = TlsDecodingTest.tls12(TlsDecodingTest.ECDSA_SUITE);
        TrafficLog log = partial(t, 2, 0); // ClientHello and the server's first flight; no FIN, RST or alert
        Diagnosis d = explain(log, "TB tcp connected 10.0.0.2:8883", "TB error handshake -0x7280 SSL - The connection indicated an EOF");
        assertEquals("conn-eof-glue", d.rule());
        assertTrue(d.text().contains("returned 0 for 'no data yet' (seed 004): return MBEDTLS_ERR_SSL_WANT_READ"), d.text());
        assertTrue(d.text().contains("-0x7280"), d.text());
    }

    @Test
    void connEofAfterThePeersFinSaysThePeerClosed() throws Exception {
        TlsTranscript t = TlsDecodingTest.tls12(TlsDecodingTest.ECDSA_SUITE);
        TrafficLog log = partial(t, 2, 0);
        log.closed(1, Close.PEER_FIN, 9_000_000_000L);
        Diagnosis d = explain(log, "TB error handshake -0x7280 SSL - The connection indicated an EOF");
        assertEquals("conn-eof-peer", d.rule());
        assertTrue(d.text().contains("FIN"), d.text());
    }

    @Test
    void invalidRecordWithALargeChainNamesTheSizes() throws Exception {
        var large = PKI.largeServerChain(KeyKind.EC_P256, 5000);
        TlsTranscript t = TlsTranscript.run(PKI.clientSslContext(null), TlsContexts.context(List.of(large), PKI.roots()),
                Pki.DEFAULT_BROKER_HOST, TlsDecodingTest.TLS12, new String[] {TlsDecodingTest.ECDSA_SUITE}, null, null);
        // Flow control: the chip's 2 KB RX buffer holds only the start of the server's flight when mbedTLS gives up.
        TrafficLog log = partial(t, 1, 2048);
        Diagnosis d = explain(log, "TB error handshake -0x7200 SSL - An invalid SSL record was received");
        assertEquals("record-too-large", d.rule());
        int certMsg = large.certificateMessageBytes();
        assertTrue(d.text().contains("Certificate message " + certMsg + " bytes"), d.text());
        assertTrue(d.text().contains("> IN_CONTENT_LEN 4096"), d.text());
        assertTrue(log.format().contains("TLS incomplete"), log.format());

        // The same failure with everything received.
        Diagnosis whole = explain(partial(t, t.chunks.size(), 0), "TB error handshake -0x7200 SSL - An invalid SSL record was received");
        assertTrue(whole.text().contains("Certificate message " + certMsg + " bytes"), whole.text());
    }

    @Test
    void invalidRecordWithSmallRecordsIsNotBlamedOnTheBufferSize() throws Exception {
        TrafficLog log = partial(TlsDecodingTest.tls12(TlsDecodingTest.ECDSA_SUITE), 2, 0);
        Diagnosis d = explain(log, "TB error handshake -0x7200 SSL - An invalid SSL record was received");
        assertEquals("unknown", d.rule());
    }

    @Test
    void x509VerifyFailureListsTheChainSeen() throws Exception {
        var large = PKI.largeServerChain(KeyKind.EC_P256, 2000);
        TlsTranscript t = TlsTranscript.run(PKI.clientSslContext(null), TlsContexts.context(List.of(large), PKI.roots()),
                Pki.DEFAULT_BROKER_HOST, TlsDecodingTest.TLS12, new String[] {TlsDecodingTest.ECDSA_SUITE}, null, null);
        Diagnosis d = explain(partial(t, 2, 0), "TB verify The certificate is not correctly signed by the trusted CA\n",
                "TB error handshake -0x2700 X509 - Certificate verification failed, e.g. CRL, CA or signature check failed");
        assertEquals("x509-verify", d.rule());
        assertTrue(d.text().contains("[0] " + Pki.DEFAULT_BROKER_HOST + " issued by Twinboard Test Intermediate CA (EC)"), d.text());
        assertTrue(d.text().contains("[1] Twinboard Test Intermediate CA (EC) issued by Twinboard Test Root CA (EC)"), d.text());
        assertTrue(d.text().contains("not correctly signed by the trusted CA"), d.text());
    }

    @Test
    void silentPeerIsAHandshakeTimeout() throws Exception {
        TlsTranscript t = TlsDecodingTest.tls12(TlsDecodingTest.ECDSA_SUITE);
        TrafficLog log = partial(t, 1, 0);
        log.closed(1, Close.CHIP_RESET, 12_000_000_000L);
        Diagnosis d = explain(log, "TB error handshake -0x6800 SSL - The operation timed out");
        assertEquals("peer-silent", d.rule());
        assertTrue(d.text().contains("sent nothing after the board's ClientHello (10.0 ms"), d.text());
    }

    /** Index of the first chunk matching, searching from {@code from}. */
    private static int find(TlsTranscript t, int from, boolean toPeer, int firstByte) {
        for (int i = from; i < t.chunks.size(); i++) {
            if (t.chunks.get(i).toPeer() == toPeer && (t.chunks.get(i).bytes()[0] & 0xFF) == firstByte) return i;
        }
        throw new AssertionError("no such chunk");
    }

    @Test
    void stalledBeforeTheServersFinishIsSeed003() throws Exception {
        TlsTranscript t = TlsDecodingTest.tls12(TlsDecodingTest.ECDSA_SUITE);
        int boardCcs = find(t, 0, true, 0x14);
        int serverAfter = boardCcs + 1;
        while (t.chunks.get(serverAfter).toPeer()) serverAfter++;
        Diagnosis d = diagnoser.explainStall(partial(t, serverAfter, 0)).orElseThrow();
        assertEquals("handshake-stalled", d.rule());
        assertTrue(d.text().contains("ServerHelloDone") && d.text().contains("ChangeCipherSpec and Finished"), d.text());
        // With the whole handshake there, the same stall is not blamed on the handshake.
        Diagnosis later = diagnoser.explainStall(partial(t, find(t, 0, false, 0x17) + 1, 0)).orElseThrow();
        assertEquals("data-stranded", later.rule());
        assertTrue(later.text().contains("mbedtls_ssl_get_bytes_avail()"), later.text());
        assertTrue(diagnoser.explainStall(partial(t, t.chunks.size(), 0)).isEmpty(), "the board answered everything");
    }

    @Test
    void fatalAlertFromThePeerIsNamed() throws Exception {
        // The server refuses the only suite the client offers: handshake_failure.
        TlsTranscript t = TlsTranscript.run(PKI.clientSslContext(null), TlsContexts.context(List.of(PKI.server(KeyKind.RSA_2048)), PKI.roots()),
                Pki.DEFAULT_BROKER_HOST, TlsDecodingTest.TLS12, new String[] {TlsDecodingTest.ECDSA_SUITE}, null, null);
        assertNotNull(t.clientFailure);
        TrafficLog log = new TrafficLog();
        t.feed(log, 1, 0, Splitter.BYTE_BY_BYTE);
        Diagnosis d = explain(log, "TB error handshake -0x7780 SSL - A fatal alert message was received from our peer");
        assertEquals("peer-alert", d.rule());
        assertTrue(d.text().contains("fatal handshake_failure") && d.text().contains("offered 1 suites"), d.text());
    }

    @Test
    void browserRejectingTheBoardsCertificateIsSeed002() throws Exception {
        // The board is the HTTPS server; the "browser" does not trust its CA.
        TlsTranscript t = TlsTranscript.run(Pki.generate(23).clientSslContext(null), PKI.serverSslContext(),
                "localhost", TlsDecodingTest.TLS12, new String[] {TlsDecodingTest.ECDSA_SUITE}, null, null);
        TrafficLog log = new TrafficLog();
        log.opened(1, -1, true, Ipv4.of(10, 0, 0, 7), 51000, 443, 0);
        log.established(1, 1_000_000_000L);
        t.feed(log, 1, 1_000_000_000L, Splitter.WHOLE, false, "10.0.0.7:51000");
        String text = log.format();
        assertTrue(text.contains("connection 1: ← 10.0.0.7:51000 (TLS)"), text);
        assertTrue(text.contains("client→board TLS Handshake ClientHello"), text);
        assertTrue(text.contains("board→client TLS Handshake Certificate"), text);
        assertTrue(text.contains("client→board TLS Alert fatal certificate_unknown (46)"), text);
        Diagnosis d = explain(log, "TB error handshake -0x7780 SSL - A fatal alert message was received from our peer");
        assertEquals("peer-alert", d.rule());
        assertTrue(d.text().contains("fatal certificate_unknown") && d.text().contains("Seed 002"), d.text());
    }

    @Test
    void tcpRefusedAndTimeout() {
        TrafficLog log = new TrafficLog();
        log.opened(1, 0, false, Ipv4.of(10, 0, 0, 9), 8883, -1, 0);
        log.closed(1, Close.REFUSED, 1_000_000_000L);
        Diagnosis refused = explain(log, "TB error tcp-connect 10.0.0.9:8883 refused (RST)");
        assertEquals("tcp-refused", refused.rule());
        assertTrue(refused.text().contains("10.0.0.9:8883 refused"), refused.text());
        log.opened(2, 0, false, Ipv4.of(10, 0, 0, 8), 8883, -1, 2_000_000_000L);
        log.closed(2, Close.TIMEOUT, 40_000_000_000_000L);
        assertEquals("tcp-timeout", explain(log, "TB error tcp-connect 10.0.0.8:8883 timeout").rule());
    }

    @Test
    void handshakeMessageSplitAcrossRecordsIsFeatureUnavailable() throws Exception {
        ConnectionTrace c = TlsDecodingTest.fragmentedLargeChain(Splitter.WHOLE);
        Diagnosis d = diagnoser.explain(FirmwareFailure.fromConsole(List.of(
                "TB error handshake -0x7080 SSL - The requested feature is not available")).orElseThrow(), c);
        assertEquals("handshake-fragmented", d.rule());
        assertTrue(d.text().matches(".*Certificate message \\d+ bytes in \\d records.*"), d.text());
    }

    @Test
    void unresolvedNameSaysSo() {
        Diagnosis d = explain(new TrafficLog(), "TB error dns nowhere.test NXDOMAIN");
        assertEquals("dns", d.rule());
        assertTrue(d.text().contains("(nowhere.test NXDOMAIN)"), d.text());
    }

    @Test
    void failureLineParsing() {
        var f = FirmwareFailure.fromConsole(List.of("TB verify The certificate Common Name (CN) does not match with the expected CN",
                "The certificate is not correctly signed by the trusted CA", "",
                "TB error handshake -0x2700 X509 - Certificate verification failed")).orElseThrow();
        assertEquals("handshake", f.step());
        assertEquals(-0x2700, f.code());
        assertEquals("The certificate Common Name (CN) does not match with the expected CN; The certificate is not correctly"
                + " signed by the trusted CA", f.verifyInfo());
        var m = FirmwareFailure.fromConsole(List.of("TB error mqtt-connect -1 connack=255")).orElseThrow();
        assertEquals(0, m.code());
        assertEquals(255, m.field("connack").orElseThrow());
        assertTrue(FirmwareFailure.fromConsole(List.of("TB mqtt connected")).isEmpty());
    }

    @Test
    void mbedtlsNamesAppearWhenKnown(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("ssl.h"), "#define MBEDTLS_ERR_SSL_CONN_EOF -0x7280\n");
        Diagnoser named = new Diagnoser(MbedtlsErrors.fromHeaders(dir), 4096);
        var d = named.explain(FirmwareFailure.ofCode("handshake", -0x7280), null);
        assertTrue(d.text().startsWith("handshake failed with -0x7280 (MBEDTLS_ERR_SSL_CONN_EOF)."), d.text());
    }
}
