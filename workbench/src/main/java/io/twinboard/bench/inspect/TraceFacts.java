package io.twinboard.bench.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.twinboard.bench.inspect.Decoded.Alert;
import io.twinboard.bench.inspect.Decoded.Certificates;
import io.twinboard.bench.inspect.Decoded.ClientHello;
import io.twinboard.bench.inspect.Decoded.Handshake;
import io.twinboard.bench.inspect.Decoded.Mqtt;
import io.twinboard.bench.inspect.Decoded.PartialRecord;
import io.twinboard.bench.inspect.Decoded.Tcp;
import io.twinboard.bench.inspect.Decoded.TlsRecord;
import io.twinboard.periph.net.LinkTap.Close;

/**
 * What a diagnosis needs to know about one connection, computed from its trace. Sizes in bytes,
 * times in virtual ps; "peer" is the remote end, "board" the W5500 side.
 *
 * @param peerClosed      the peer sent FIN or RST, or an alert (plaintext or encrypted)
 * @param closeNote       how the peer closed, for text ({@code FIN}, {@code RST}, {@code alert ...}); empty if it did not
 * @param peerDataBytes   bytes the peer sent (TLS records including headers, or MQTT packets)
 * @param largestRecord   the largest TLS record fragment the peer sent or announced (0 if none)
 * @param largestMessage  the largest handshake message completed in (or announced at the start of) that record,
 *                        e.g. {@code Certificate message 5871 bytes}, or the record's content type ({@code handshake record})
 * @param fragmented      a peer handshake message that spanned several records, or empty
 * @param chain           the certificates the peer sent (leaf first), empty if none
 * @param peerAlerts      plaintext alerts from the peer
 * @param boardAlerts     plaintext alerts from the board
 * @param lastFromPeer    the last thing decoded from the peer, or empty
 * @param clientHelloPs   when the board's ClientHello went out, -1 if never
 * @param lastPs          time of the last event on the connection
 * @param tcpEnd          how the peer side of TCP ended (PEER_FIN, PEER_RESET, REFUSED, TIMEOUT), null if it did not
 * @param established     the peer accepted the connection (SYN-ACK)
 * @param connack         the CONNACK return code seen in plaintext, -1 if none
 * @param offeredSuites   suites in the board's ClientHello
 * @param peerChangedCipher the peer sent ChangeCipherSpec (its side of the TLS 1.2 handshake is done)
 * @param lastPeerDataPs  time of the peer's last application data (TLS ApplicationData or MQTT packet), -1 if none
 * @param boardAnsweredLastPeerData the board sent something after that
 * @param peerRequestedCertificate the peer sent a CertificateRequest (mutual TLS)
 * @param boardCertificates  certificates in the board's Certificate message, -1 if it sent none
 */
public record TraceFacts(boolean peerClosed, String closeNote, int peerDataBytes, int largestRecord, String largestMessage,
                         String fragmented, Optional<Certificates> chain, List<Alert> peerAlerts, List<Alert> boardAlerts,
                         String lastFromPeer, long clientHelloPs, long lastPs, Close tcpEnd, boolean established,
                         int connack, int offeredSuites, boolean peerChangedCipher, long lastPeerDataPs,
                         boolean boardAnsweredLastPeerData, boolean peerRequestedCertificate, int boardCertificates) {

    /** Facts of a connection that never happened. */
    public static TraceFacts empty() {
        return new TraceFacts(false, "", 0, 0, "", "", Optional.empty(), List.of(), List.of(), "", -1, 0, null, false, -1, 0, false, -1, false, false, -1);
    }

    /** Facts about {@code c}, including what is still half-received. */
    public static TraceFacts of(ConnectionTrace c) {
        boolean closed = false, established = false;
        String closeNote = "", fragmented = "", last = "", largestMessage = "";
        int peerBytes = 0, largest = 0, connack = -1, offered = 0, biggestInLargest = 0;
        boolean inLargest = false, peerCcs = false, answered = false, certificateRequested = false;
        int boardCertificates = -1;
        long lastPeerData = -1;
        long clientHello = -1, lastPs = c.openedPs();
        Certificates chain = null;
        Close tcpEnd = null;
        List<Alert> peerAlerts = new ArrayList<>(), boardAlerts = new ArrayList<>();
        for (TrafficEvent e : c.events()) {
            lastPs = e.timePs();
            Decoded d = e.what();
            boolean fromPeer = !e.toPeer();
            if (d instanceof Tcp t) {
                if (t.close() == null) { established |= fromPeer; continue; }
                if (t.close() != Close.CHIP_FIN && t.close() != Close.CHIP_RESET) tcpEnd = t.close();
                if (t.close() == Close.PEER_FIN || t.close() == Close.PEER_RESET) {
                    if (!closed) closeNote = t.what();
                    closed = true;
                }
                continue;
            }
            if (!fromPeer) {
                if (lastPeerData >= 0 && !(d instanceof Tcp)) answered = true;
                if (d instanceof Alert a) boardAlerts.add(a);
                if (d instanceof Handshake h && h.body() instanceof ClientHello ch && clientHello < 0) {
                    clientHello = e.timePs();
                    offered = ch.suites().size();
                }
                if (d instanceof Handshake h && h.body() instanceof Certificates cs) boardCertificates = cs.derSizes().size();
                continue;
            }
            last = d.describe();
            switch (d) {
                case Decoded.ChangeCipherSpec x -> peerCcs = true;
                case TlsRecord r -> {
                    if (r.contentType() == 23) { lastPeerData = e.timePs(); answered = false; }
                    peerBytes += 5 + r.length();
                    inLargest = r.length() > largest;
                    if (inLargest) {
                        largest = r.length();
                        biggestInLargest = 0;
                        largestMessage = r.encrypted() ? "" : TlsNames.contentType(r.contentType()) + " record";
                    }
                    if (r.encrypted() && r.contentType() == 21 && !closed) { closed = true; closeNote = "an encrypted alert (close_notify or fatal)"; }
                }
                case Handshake h -> {
                    if (inLargest && h.length() > biggestInLargest) {
                        biggestInLargest = h.length();
                        largestMessage = TlsNames.handshakeType(h.type()) + " message " + h.length() + " bytes";
                    }
                    if (h.records() > 1 && fragmented.isEmpty()) fragmented = TlsNames.handshakeType(h.type()) + " message " + h.length() + " bytes in " + h.records() + " records";
                    if (h.body() instanceof Certificates cs) chain = cs;
                    if (h.type() == HandshakeParser.CERTIFICATE_REQUEST) certificateRequested = true;
                }
                case Alert a -> {
                    peerAlerts.add(a);
                    if (!closed) { closed = true; closeNote = "alert " + TlsNames.alertDescription(a.description()); }
                }
                case Mqtt m -> {
                    peerBytes += m.length();
                    if (m.type().equals("CONNACK")) connack = m.returnCode();
                    lastPeerData = e.timePs();
                    answered = false;
                }
                default -> { }
            }
        }
        Optional<Decoded> pending = c.pending(false);
        if (pending.isPresent() && pending.get() instanceof PartialRecord p) {
            peerBytes += 5 + p.arrived();
            if (p.recordLength() > largest) {
                largest = p.recordLength();
                largestMessage = p.handshakeType() >= 0
                        ? TlsNames.handshakeType(p.handshakeType()) + " message " + p.handshakeLength() + " bytes"
                        : TlsNames.contentType(p.contentType()) + " record";
            }
            last = p.describe();
        }
        return new TraceFacts(closed, closeNote, peerBytes, largest, largestMessage, fragmented, Optional.ofNullable(chain),
                List.copyOf(peerAlerts), List.copyOf(boardAlerts), last, clientHello, lastPs, tcpEnd, established,
                connack, offered, peerCcs, lastPeerData, answered, certificateRequested, boardCertificates);
    }
}
