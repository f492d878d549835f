package io.twinboard.bench.inspect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.twinboard.bench.inspect.Decoded.Raw;
import io.twinboard.periph.net.Ipv4;

/**
 * Everything seen on one connection: identity, the protocol recognised from its first bytes
 * (TLS record header, or an MQTT CONNECT), and the decoded events in order. Thread-safe: fed on
 * the machine thread, read from any.
 */
public final class ConnectionTrace {
    /** What the connection carries, decided by its first byte in either direction. */
    public enum Protocol { UNKNOWN, TLS, MQTT, OTHER }

    private final int id;
    private final int socket;
    private final boolean inbound;
    private final Ipv4 remoteIp;
    private final int remotePort;
    private final long openedPs;
    private final List<TrafficEvent> events = new ArrayList<>();
    private Protocol protocol = Protocol.UNKNOWN;
    private StreamDecoder decoder;
    private long lastPs;
    private long lastToPeerPs = -1, lastToBoardPs = -1;

    ConnectionTrace(int id, int socket, boolean inbound, Ipv4 remoteIp, int remotePort, long openedPs) {
        this.id = id;
        this.socket = socket;
        this.inbound = inbound;
        this.remoteIp = remoteIp;
        this.remotePort = remotePort;
        this.openedPs = openedPs;
        this.lastPs = openedPs;
    }

    synchronized void add(long timePs, boolean toPeer, Decoded what) {
        lastPs = timePs;
        events.add(new TrafficEvent(id, timePs, toPeer, what));
    }

    synchronized void bytes(long timePs, boolean toPeer, byte[] data, int off, int len) {
        if (len <= 0) return;
        if (decoder == null) decoder = choose(data[off] & 0xFF, len > 1 ? data[off + 1] & 0xFF : 3);
        lastPs = timePs;
        if (toPeer) lastToPeerPs = timePs; else lastToBoardPs = timePs;
        try {
            decoder.feed(toPeer, data, off, len);
        } catch (RuntimeException e) {
            // What the firmware sends must never break the emulation: note it, show the rest raw.
            add(timePs, toPeer, new Decoded.Malformed("decoder failed: " + e));
            StreamDecoder.Sink sink = (dir, what) -> add(lastPs, dir, what);
            decoder = (dir, d, o, n) -> sink.emit(dir, new Raw(n));
        }
    }

    private StreamDecoder choose(int first, int second) {
        StreamDecoder.Sink sink = (dir, what) -> add(lastPs, dir, what);
        if (TlsDecoder.looksLikeTls(first, second)) { protocol = Protocol.TLS; return new TlsDecoder(sink); }
        if (first == 0x10) { protocol = Protocol.MQTT; return new MqttDecoder(sink); }
        protocol = Protocol.OTHER;
        return (dir, d, off, len) -> sink.emit(dir, new Raw(len));
    }

    public int id() { return id; }
    /** W5500 socket number (0..7), or -1 when the link did not say. */
    public int socket() { return socket; }
    /** The remote end dialled the board (the board is the server). */
    public boolean inbound() { return inbound; }
    public Ipv4 remoteIp() { return remoteIp; }
    public int remotePort() { return remotePort; }
    /** Virtual time (ps) of the SYN, or of the first thing seen. */
    public long openedPs() { return openedPs; }
    public synchronized Protocol protocol() { return protocol; }

    /** Decoded events in order (a snapshot). */
    public synchronized List<TrafficEvent> events() { return Collections.unmodifiableList(new ArrayList<>(events)); }

    /** What is half-received in that direction (e.g. a TLS record whose rest never arrived). */
    public synchronized Optional<Decoded> pending(boolean toPeer) { return decoder == null ? Optional.empty() : decoder.pending(toPeer); }

    /** Virtual time (ps) of the last bytes in that direction, -1 if none. */
    public synchronized long lastBytesPs(boolean toPeer) { return toPeer ? lastToPeerPs : lastToBoardPs; }

    /** {@code 192.168.1.10:8883}. */
    public String peer() { return remoteIp + ":" + remotePort; }
}
