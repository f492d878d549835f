package io.twinboard.bench.inspect;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.LinkTap;

/**
 * A {@link LinkTap} writing what crosses the link as a pcapng file that Wireshark / tshark open:
 * raw IPv4 + TCP packets synthesized per connection (handshake, data in ≤ 1460-byte segments,
 * FIN, RST) and IPv4 + UDP datagrams (DNS) with correct sequence numbers and checksums, so TLS and MQTT are reassembled and
 * dissected. Timestamps are virtual time (ns resolution; virtual time 0 = the Unix epoch).
 * The board's address is given; its port is the chip port the link reports, else 49152 +
 * connection id (distinct ports keep connections apart in Wireshark). Inbound connections (a
 * client dialling the board) start with the client's SYN.
 *
 * <p>A host I/O error stops the capture (never the emulation); see {@link #error()}.
 */
public final class PcapngCapture implements LinkTap, Closeable {
    /** The board address used when none is given (the firmware's default static address). */
    public static final Ipv4 DEFAULT_BOARD_IP = Ipv4.of(192, 168, 1, 50);
    private static final int FIRST_PORT = 49152;

    private final PcapngWriter writer;
    private final Ipv4 boardIp;
    private final Map<Integer, TcpSegments> flows = new HashMap<>();
    private IOException error;
    private long packets;
    private int udpIpId;

    public PcapngCapture(OutputStream out, Ipv4 boardIp) throws IOException {
        this.writer = new PcapngWriter(new BufferedOutputStream(out), PcapngWriter.LINKTYPE_RAW, "w5500");
        this.boardIp = boardIp;
    }

    /** Creates (or truncates) {@code file}. */
    public static PcapngCapture toFile(Path file, Ipv4 boardIp) throws IOException {
        return new PcapngCapture(Files.newOutputStream(file), boardIp);
    }

    @Override public synchronized void opened(int id, int socket, boolean inbound, Ipv4 remoteIp, int remotePort, int chipPort,
                                           long t) {
        TcpSegments f = flow(id, inbound, chipPort, remoteIp, remotePort);
        write(t, f.packet(!inbound, TcpSegments.SYN, new byte[0], 0, 0));
    }

    @Override public synchronized void established(int id, long t) {
        TcpSegments f = flows.get(id);
        if (f != null && !f.established) establish(f, t);
    }

    @Override public synchronized void bytes(int id, String peer, boolean toPeer, long t, byte[] data, int off, int len) {
        TcpSegments f = flows.get(id);
        if (f == null) {
            int colon = peer.lastIndexOf(':');
            f = flow(id, false, -1, Ipv4.parse(peer.substring(0, colon)), Integer.parseInt(peer.substring(colon + 1)));
            write(t, f.packet(true, TcpSegments.SYN, new byte[0], 0, 0));
        }
        if (!f.established) establish(f, t);
        for (int at = off; at < off + len; at += TcpSegments.MSS) {
            int n = Math.min(TcpSegments.MSS, off + len - at);
            write(t, f.packet(toPeer, TcpSegments.PSH | TcpSegments.ACK, data, at, n));
        }
    }

    @Override public synchronized void closed(int id, Close how, long t) {
        TcpSegments f = flows.get(id);
        if (f == null) return;
        byte[] none = new byte[0];
        switch (how) {
            case CHIP_FIN -> write(t, f.packet(true, TcpSegments.FIN | TcpSegments.ACK, none, 0, 0));
            case PEER_FIN -> write(t, f.packet(false, TcpSegments.FIN | TcpSegments.ACK, none, 0, 0));
            case CHIP_RESET -> write(t, f.packet(true, TcpSegments.RST | TcpSegments.ACK, none, 0, 0));
            case PEER_RESET -> write(t, f.packet(false, TcpSegments.RST | TcpSegments.ACK, none, 0, 0));
            case REFUSED -> write(t, f.packet(f.inbound, TcpSegments.RST | TcpSegments.ACK, none, 0, 0));
            case TIMEOUT -> { } // the SYN simply stays unanswered
        }
    }

    @Override public synchronized void datagram(int socket, boolean toPeer, int boardPort, Ipv4 peer, int peerPort, long t,
                                                byte[] data, int off, int len) {
        byte[] p = toPeer ? IpPackets.udp(boardIp, boardPort, peer, peerPort, udpIpId++, data, off, len)
                : IpPackets.udp(peer, peerPort, boardIp, boardPort, udpIpId++, data, off, len);
        write(t, p);
    }

    /**
     * TLS secrets in NSS key log format (one {@code CLIENT_RANDOM <client random hex> <master secret hex>}
     * line per TLS 1.2 session; TLS 1.3 labels likewise), e.g. exported by the firmware through
     * mbedTLS's export-keys callback. Written as a Decryption Secrets Block so Wireshark decrypts
     * the records that follow; call it before the first encrypted record of the session.
     */
    public synchronized void tlsKeyLog(String nssKeyLogLines) {
        if (error != null) return;
        String text = nssKeyLogLines.endsWith("\n") ? nssKeyLogLines : nssKeyLogLines + "\n";
        try {
            writer.tlsKeyLog(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            error = e;
        }
    }

    /** Packets written so far. */
    public synchronized long packets() { return packets; }

    /** The host I/O error that stopped the capture, or null. */
    public synchronized IOException error() { return error; }

    /** Flushes buffered packets to the file (a reader may open it after this). */
    public synchronized void flush() throws IOException { if (error == null) writer.flush(); }

    @Override public synchronized void close() throws IOException {
        writer.close();
        if (error != null) throw error;
    }

    private TcpSegments flow(int id, boolean inbound, int chipPort, Ipv4 ip, int port) {
        int boardPort = chipPort >= 0 ? chipPort : FIRST_PORT + (id & 0x3FFF);
        TcpSegments f = new TcpSegments(boardIp, boardPort, ip, port, 0x1000_0000 + id * 0x10000, 0x5000_0000, inbound);
        flows.put(id, f);
        return f;
    }

    /** SYN-ACK from the side that was dialled, ACK from the dialler. */
    private void establish(TcpSegments f, long t) {
        f.established = true;
        write(t, f.packet(f.inbound, TcpSegments.SYN | TcpSegments.ACK, new byte[0], 0, 0));
        write(t, f.packet(!f.inbound, TcpSegments.ACK, new byte[0], 0, 0));
    }

    private void write(long timePs, byte[] packet) {
        if (error != null) return;
        try {
            writer.packet(timePs / 1000, packet, 0, packet.length);
            packets++;
        } catch (IOException e) {
            error = e;
        }
    }
}
