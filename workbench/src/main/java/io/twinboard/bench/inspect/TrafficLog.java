package io.twinboard.bench.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.twinboard.bench.inspect.Decoded.Tcp;
import io.twinboard.bench.inspect.Decoded.TlsRecord;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.LinkTap;

/**
 * A {@link LinkTap} that decodes every connection (TLS records and handshake, or plaintext MQTT)
 * into a timeline of {@link TrafficEvent}s in virtual time, printable as text:
 * <pre>+12.345 ms board→broker TLS Handshake ClientHello (TLS1.2, 14 suites, SNI broker.twinboard.test, 190 B)</pre>
 * Thread-safe: the link feeds it on the machine thread, reports read it from any thread.
 * Memory: decoded events only; payload bytes are not kept beyond an incomplete record or packet.
 */
public final class TrafficLog implements LinkTap {
    private final Map<Integer, ConnectionTrace> connections = new LinkedHashMap<>();
    private long originPs = -1;

    @Override public synchronized void opened(int id, int socket, boolean inbound, Ipv4 remoteIp, int remotePort, int chipPort,
                                           long t) {
        trace(id, socket, inbound, remoteIp, remotePort, t).add(t, !inbound, new Tcp("SYN", null));
    }

    @Override public synchronized void established(int id, long t) {
        ConnectionTrace c = connections.get(id);
        if (c != null) c.add(t, c.inbound(), new Tcp("established (SYN-ACK)", null));
    }

    @Override public synchronized void bytes(int id, String peer, boolean toPeer, long t, byte[] data, int off, int len) {
        ConnectionTrace c = connections.get(id);
        if (c == null) c = trace(id, -1, false, ipOf(peer), portOf(peer), t);
        c.bytes(t, toPeer, data, off, len);
    }

    @Override public synchronized void closed(int id, Close how, long t) {
        ConnectionTrace c = connections.get(id);
        if (c == null) return;
        boolean byChip = how == Close.CHIP_FIN || how == Close.CHIP_RESET;
        String what = switch (how) {
            case CHIP_FIN, PEER_FIN -> "FIN";
            case CHIP_RESET, PEER_RESET -> "RST";
            case REFUSED -> "RST (connection refused)";
            case TIMEOUT -> "timeout (no answer)";
        };
        c.add(t, byChip, new Tcp(what, how));
    }

    /** Every connection seen, in the order they opened. */
    public synchronized List<ConnectionTrace> connections() { return List.copyOf(connections.values()); }

    /** The connection with that id. */
    public synchronized Optional<ConnectionTrace> connection(int id) { return Optional.ofNullable(connections.get(id)); }

    /** The most recently opened connection (what a failed run was doing last). */
    public synchronized Optional<ConnectionTrace> last() {
        ConnectionTrace last = null;
        for (ConnectionTrace c : connections.values()) last = c;
        return Optional.ofNullable(last);
    }

    /** The whole log as text, one block per connection; times relative to the first connection. */
    public synchronized String format() {
        StringBuilder b = new StringBuilder();
        for (ConnectionTrace c : connections.values()) {
            b.append("connection ").append(c.id()).append(": ")
                    .append(c.socket() >= 0 ? "W5500 socket " + c.socket() + " " : "").append(c.inbound() ? "← " : "→ ").append(c.peer())
                    .append(" (").append(c.protocol()).append(")\n");
            for (TrafficEvent e : c.events()) if (shown(e.what())) b.append("  ").append(line(c, e)).append('\n');
            for (boolean dir : new boolean[] {true, false}) {
                c.pending(dir).ifPresent(p -> b.append("  ").append(line(c, new TrafficEvent(c.id(), c.lastBytesPs(dir), dir, p)))
                        .append(" — still incomplete at the end\n"));
            }
        }
        return b.toString();
    }

    /** {@code +12.345 ms board→broker TLS Alert fatal ...}. */
    public synchronized String line(ConnectionTrace c, TrafficEvent e) {
        double ms = (e.timePs() - originPs) / 1e9;
        return String.format(Locale.ROOT, "+%.3f ms %s %s", ms, arrow(c, e.toPeer()), e.what().describe());
    }

    /** All events of all connections in the order they happened. */
    public synchronized List<TrafficEvent> events() {
        List<TrafficEvent> all = new ArrayList<>();
        for (ConnectionTrace c : connections.values()) all.addAll(c.events());
        all.sort((x, y) -> Long.compare(x.timePs(), y.timePs()));
        return all;
    }

    /** What the remote end is called in text: {@code client} when it dialled the board, {@code broker} on the MQTT ports, else {@code peer}. */
    static String peerName(ConnectionTrace c) {
        if (c.inbound()) return "client";
        return switch (c.remotePort()) {
            case 1883, 8883 -> "broker";
            case 443, 4433 -> "server";
            default -> "peer";
        };
    }

    private static String arrow(ConnectionTrace c, boolean toPeer) {
        return toPeer ? "board→" + peerName(c) : peerName(c) + "→board";
    }

    /** Plaintext handshake / CCS / alert records are shown through what they carry. */
    private static boolean shown(Decoded d) {
        return !(d instanceof TlsRecord r) || r.encrypted() || r.contentType() == 23;
    }

    private ConnectionTrace trace(int id, int socket, boolean inbound, Ipv4 ip, int port, long t) {
        if (originPs < 0) originPs = t;
        return connections.computeIfAbsent(id, k -> new ConnectionTrace(id, socket, inbound, ip, port, t));
    }

    private static Ipv4 ipOf(String peer) {
        try {
            return Ipv4.parse(peer.substring(0, peer.lastIndexOf(':')));
        } catch (RuntimeException e) {
            return Ipv4.of(0, 0, 0, 0);
        }
    }

    private static int portOf(String peer) {
        try {
            return Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
