package io.twinboard.bench.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.twinboard.bench.inspect.Decoded.Alert;
import io.twinboard.periph.net.LinkTap.Close;

/**
 * Explains a firmware failure from its error (console {@code TB error} line, mbedTLS code) and
 * what crossed the wire. Table-driven: the first {@link Rule} whose condition holds writes the
 * explanation; the table is in {@link #RULES}, one line per known failure (seeds 000–004 and
 * {@code reference/w5500.md} "classic failures").
 */
public final class Diagnoser {
    static final int CONN_EOF = -0x7280, INVALID_RECORD = -0x7200, FEATURE_UNAVAILABLE = -0x7080,
            X509_CERT_VERIFY_FAILED = -0x2700, FATAL_ALERT_MESSAGE = -0x7780, PEER_CLOSE_NOTIFY = -0x7880,
            SSL_TIMEOUT = -0x6800, INVALID_MAC = -0x7180, BAD_HS_CERTIFICATE = -0x7A00;

    /** Everything a rule may look at. {@code inContentLen} is 0 when the firmware's value is unknown. */
    public record Case(FirmwareFailure failure, TraceFacts facts, int inContentLen, String peer) {
        boolean code(int c) { return failure.code() == c; }
        boolean step(String s) { return failure.step().equals(s); }
        String ms(long ps) { return String.format(Locale.ROOT, "%.1f ms", ps / 1e9); }
    }

    /** One known failure: when it applies, and what to say. */
    public record Rule(String id, Predicate<Case> when, Function<Case, String> explain) {}

    /** The explanation: which rule matched and its text (first sentence: what happened; then: the fix). */
    public record Diagnosis(String rule, String text) {
        @Override public String toString() { return text; }
    }

    static final List<Rule> RULES = List.of(
            new Rule("dns",
                    c -> c.step("dns"),
                    c -> "The broker's name did not resolve (" + c.failure().line().replaceFirst("^TB error dns\\s*", "")
                            + "): the workbench's resolver knows no such name, or no DNS server answered. Configure the"
                            + " name (or provision an IP address) and check the DNS server the firmware uses."),
            new Rule("tcp-refused",
                    c -> c.step("tcp-connect") && c.failure().line().contains("refused") || c.facts().tcpEnd() == Close.REFUSED,
                    c -> "TCP connection to " + c.peer() + " refused (RST): the W5500 socket went from SOCK_SYNSENT to"
                            + " SOCK_CLOSED (Sn_IR.DISCON) instead of SOCK_ESTABLISHED; nothing listens there, or it is not a"
                            + " configured endpoint. Start the broker / check the address and port the firmware was provisioned with."),
            new Rule("tcp-timeout",
                    c -> c.step("tcp-connect") && c.failure().line().contains("timeout") || c.facts().tcpEnd() == Close.TIMEOUT,
                    c -> "TCP connection to " + c.peer() + " timed out: the SYN was never answered and the W5500's"
                            + " retransmissions (RTR × RCR) ran out. The host is down or drops the port."),
            new Rule("client-certificate-missing",
                    c -> (c.code(FATAL_ALERT_MESSAGE) || c.code(CONN_EOF) && c.facts().peerClosed())
                            && c.facts().peerRequestedCertificate() && c.facts().boardCertificates() <= 0,
                    c -> "The peer requires a client certificate (mutual TLS: it sent a CertificateRequest) and the board"
                            + (c.facts().boardCertificates() == 0 ? " sent an empty Certificate message" : " sent no certificate")
                            + "; the peer then ended the handshake" + (c.facts().peerAlerts().isEmpty() ? " (" + c.facts().closeNote() + ")"
                            : alerts(c.facts().peerAlerts())) + ". Provision the board's certificate and key (CERT_PEM and KEY_PEM;"
                            + " twinboard run --cert/--key), issued by a CA the peer trusts."),
            new Rule("conn-eof-glue",
                    c -> c.code(CONN_EOF) && !c.facts().peerClosed(),
                    c -> "mbedTLS saw end-of-file (-0x7280 CONN_EOF) but the peer did NOT close: no FIN, RST or alert from it"
                            + " (it had sent " + c.facts().peerDataBytes() + " bytes; last: " + orNothing(c.facts().lastFromPeer())
                            + "). The I/O callback returned 0 for 'no data yet' (seed 004): return MBEDTLS_ERR_SSL_WANT_READ"
                            + " when the socket has nothing to read, and 0 only when the peer closed."),
            new Rule("conn-eof-peer",
                    c -> c.code(CONN_EOF),
                    c -> "The peer closed the connection (" + c.facts().closeNote() + ") during the TLS exchange"
                            + alerts(c.facts().peerAlerts()) + "; see the peer's log for why."),
            new Rule("record-too-large",
                    c -> c.code(INVALID_RECORD) && c.facts().largestRecord() > (c.inContentLen() > 0 ? c.inContentLen() : 4096),
                    c -> largest(c) + " > IN_CONTENT_LEN " + (c.inContentLen() > 0 ? c.inContentLen() : "(4096?)")
                            + ": mbedTLS rejects a record larger than its input buffer ('bad message length', -0x7200"
                            + " INVALID_RECORD). Build with MBEDTLS_SSL_IN_CONTENT_LEN ≥ " + c.facts().largestRecord()
                            + ", or make the server send a shorter chain / honour max_fragment_length."),
            new Rule("handshake-fragmented",
                    c -> c.code(FEATURE_UNAVAILABLE) && !c.facts().fragmented().isEmpty(),
                    c -> "The peer split a handshake message across records (" + c.facts().fragmented() + "); mbedTLS 2.28"
                            + " does not reassemble handshake messages (-0x7080 FEATURE_UNAVAILABLE). Enlarge"
                            + " MBEDTLS_SSL_IN_CONTENT_LEN so the server need not fragment, or use mbedTLS 3.x."),
            new Rule("x509-verify",
                    c -> high(c) == -X509_CERT_VERIFY_FAILED || high(c) == -BAD_HS_CERTIFICATE && !c.failure().verifyInfo().isEmpty(),
                    c -> "The server's certificate chain did not verify against the provisioned CA"
                            + (c.failure().verifyInfo().isEmpty() ? "" : " (" + c.failure().verifyInfo() + ")") + ". Chain seen: "
                            + c.facts().chain().map(Diagnoser::chain).orElse("none (no plaintext Certificate message)")
                            + ". Provision the CA that issued the top of this chain, and check the host name against the"
                            + " certificate's names."),
            new Rule("peer-alert",
                    c -> c.code(FATAL_ALERT_MESSAGE),
                    c -> "The peer refused the handshake with" + (c.facts().peerAlerts().isEmpty() ? " an alert" : alerts(c.facts().peerAlerts()))
                            + c.facts().peerAlerts().stream().findFirst().map(a -> alertHint(a.description(), c)).orElse(".")),
            new Rule("close-notify",
                    c -> c.code(PEER_CLOSE_NOTIFY),
                    c -> "The peer closed the TLS session (close_notify). If it was unexpected, the peer rejected what the board"
                            + " sent (seed 000: a record that failed its MAC check at the peer); see the peer's log."),
            new Rule("bad-mac",
                    c -> c.code(INVALID_MAC),
                    c -> "A received record failed its MAC check (-0x7180): the bytes were altered on the way or the session keys /"
                            + " transform in RAM were corrupted (seed 000: look for memory corruption)."),
            new Rule("peer-silent",
                    c -> (c.code(SSL_TIMEOUT) || c.step("handshake") || c.step("stalled")) && c.facts().clientHelloPs() >= 0
                            && c.facts().peerDataBytes() == 0,
                    c -> "The peer sent nothing after the board's ClientHello (" + c.ms(c.facts().lastPs() - c.facts().clientHelloPs())
                            + " of silence): handshake timeout. The peer is not a TLS server on that port, or the network drops its replies."),
            new Rule("handshake-stalled",
                    c -> (c.code(SSL_TIMEOUT) || c.step("stalled")) && c.facts().clientHelloPs() >= 0 && !c.facts().peerChangedCipher(),
                    c -> "The handshake stalled: the last thing from the peer was " + c.facts().lastFromPeer() + ", then nothing"
                            + " while the board waits for the peer's ChangeCipherSpec and Finished (seed 003: a path that drops"
                            + " or delays the server's last flight; compare with a capture from the broker's side)."),
            new Rule("data-stranded",
                    c -> c.step("stalled") && c.facts().lastPeerDataPs() >= 0 && !c.facts().boardAnsweredLastPeerData(),
                    c -> "The peer's last data (at " + c.ms(c.facts().lastPeerDataPs()) + " virtual) reached the chip but the"
                            + " firmware never reacted. If reads are gated on getSn_RX_RSR() > 0, bytes mbedTLS already decrypted"
                            + " stay stranded in its buffer (seed 004): also check mbedtls_ssl_get_bytes_avail()."),
            new Rule("connack-unparsed",
                    c -> c.step("mqtt-connect") && c.failure().field("connack").orElse(-1) == 255,
                    c -> "The MQTT client left the CONNACK code at its initial 255: the CONNACK body was never parsed"
                            + (c.facts().connack() >= 0 ? " (the broker did answer: " + MqttDecoder.connackName(c.facts().connack()) + ")" : "")
                            + ". With TLS, check that reads also drain mbedtls_ssl_get_bytes_avail(), not only getSn_RX_RSR()."),
            new Rule("connack-refused",
                    c -> c.step("mqtt-connect") && c.failure().field("connack").orElse(0) > 0,
                    c -> "The broker refused the MQTT CONNECT: return code " + c.failure().field("connack").orElseThrow() + " "
                            + MqttDecoder.connackName(c.failure().field("connack").orElseThrow()) + ".")
    );

    private final MbedtlsErrors errors;
    private final int inContentLen;

    /**
     * @param errors       mbedTLS error names (may be null: codes are then shown in hex only)
     * @param inContentLen the firmware's MBEDTLS_SSL_IN_CONTENT_LEN in bytes, 0 if unknown
     */
    public Diagnoser(MbedtlsErrors errors, int inContentLen) {
        this.errors = errors;
        this.inContentLen = inContentLen;
    }

    /** Diagnoses the last {@code TB error} of {@code console} against the last connection of {@code log}. */
    public Optional<Diagnosis> explain(List<String> console, TrafficLog log) {
        return FirmwareFailure.fromConsole(console).map(f -> explain(f, log.last().orElse(null)));
    }

    /**
     * The run ended at its deadline with no {@code TB error} and no result: explains what the last
     * connection of {@code log} is waiting for, if it matches a known stall.
     */
    public Optional<Diagnosis> explainStall(TrafficLog log) {
        Diagnosis d = explain(FirmwareFailure.stalled(), log.last().orElse(null));
        return d.rule().equals("unknown") ? Optional.empty() : Optional.of(d);
    }

    /** Diagnoses {@code failure} against {@code connection} (may be null when nothing crossed the wire). */
    public Diagnosis explain(FirmwareFailure failure, ConnectionTrace connection) {
        TraceFacts facts = connection == null ? TraceFacts.empty() : TraceFacts.of(connection);
        Case c = new Case(failure, facts, inContentLen, connection == null ? "the peer" : connection.peer());
        for (Rule r : RULES) if (r.when().test(c)) return new Diagnosis(r.id(), prefix(failure) + r.explain().apply(c));
        String last = facts.lastFromPeer().isEmpty() ? "nothing decoded from the peer" : "last from the peer: " + facts.lastFromPeer();
        return new Diagnosis("unknown", prefix(failure) + "No known pattern; " + last + ".");
    }

    private String prefix(FirmwareFailure f) {
        if (f.step().equals("stalled")) return "The firmware stopped making progress. ";
        if (f.code() == 0) return f.step() + " failed. ";
        String name = errors != null ? errors.describe(f.code()) : String.format("-0x%04X", -f.code());
        return f.step() + " failed with " + name + ". ";
    }

    private static String largest(Case c) {
        TraceFacts f = c.facts();
        String m = f.largestMessage();
        if (m.endsWith("record") || m.isEmpty()) return "A TLS " + (m.isEmpty() ? "record" : m) + " of " + f.largestRecord() + " bytes";
        return m.contains(" " + f.largestRecord() + " bytes") ? m : m + " (record " + f.largestRecord() + " bytes)";
    }

    private static String alerts(List<Alert> alerts) {
        if (alerts.isEmpty()) return "";
        return " (alert " + alerts.stream().map(a -> TlsNames.alertLevel(a.level()) + " " + TlsNames.alertDescription(a.description()))
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String chain(Decoded.Certificates cs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < cs.subjects().size(); i++) {
            parts.add("[" + i + "] " + cs.subjects().get(i) + " issued by " + cs.issuers().get(i) + " (" + cs.derSizes().get(i) + " B)");
        }
        return String.join("; ", parts);
    }

    /** What an alert from the peer usually means (RFC 5246 §7.2.2 descriptions). */
    private static String alertHint(int description, Case c) {
        return switch (description) {
            case 40 -> ": no cipher suite or parameter in common"
                    + (c.facts().offeredSuites() > 0 ? " (the board offered " + c.facts().offeredSuites() + " suites)." : ".");
            case 42, 43, 44, 45, 46, 48 -> ": the peer does not accept the board's certificate chain (unknown or untrusted issuer,"
                    + " bad or expired certificate). Seed 002: a browser answers certificate_unknown to a certificate it does"
                    + " not trust yet; the server is fine, the client must trust its CA.";
            case 20 -> ": the peer could not verify a record's MAC (seed 000: corrupted session state or bytes).";
            case 70 -> ": no TLS version in common.";
            default -> ".";
        };
    }

    /** The high-level part of an mbedTLS 2.x code (bits 7..15 of its magnitude), positive. */
    private static int high(Case c) { return -c.failure().code() & 0xFF80; }

    private static String orNothing(String s) { return s.isEmpty() ? "nothing" : s; }
}
