package io.twinboard.bench.inspect;

import io.twinboard.periph.net.Ipv4;

/**
 * Builds IPv4 + TCP packets for one connection as a capture at the board would show them
 * (RFC 9293 §3.1 header, checksums via {@link IpPackets}), keeping each side's
 * sequence number so a reader (Wireshark) reassembles the byte streams. No options, no
 * fragmentation; the caller keeps payloads ≤ {@link #MSS}.
 */
final class TcpSegments {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    /** Payload bytes per synthesized segment: the W5500's default MSS (Sn_MSSR reset value 1460). */
    static final int MSS = 1460;
    /** Windows advertised: the W5500's default 2 KB RX buffer; a peer's typical 64 KB. */
    private static final int BOARD_WINDOW = 2048, PEER_WINDOW = 65535;

    private final Ipv4 board, peer;
    private final int boardPort, peerPort;
    private int boardSeq, peerSeq;
    private int ipId;
    /** The peer dialled the board. */
    final boolean inbound;
    boolean established;

    TcpSegments(Ipv4 board, int boardPort, Ipv4 peer, int peerPort, int boardIsn, int peerIsn, boolean inbound) {
        this.inbound = inbound;
        this.board = board;
        this.boardPort = boardPort;
        this.peer = peer;
        this.peerPort = peerPort;
        this.boardSeq = boardIsn;
        this.peerSeq = peerIsn;
    }

    /**
     * One packet from the board ({@code fromBoard}) or the peer carrying {@code len} payload bytes.
     * SYN and FIN take one sequence number; ACK acknowledges everything the other side sent.
     */
    byte[] packet(boolean fromBoard, int flags, byte[] data, int off, int len) {
        int seq = fromBoard ? boardSeq : peerSeq;
        int ack = (flags & ACK) != 0 ? (fromBoard ? peerSeq : boardSeq) : 0;
        int advance = len + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
        if (fromBoard) boardSeq += advance; else peerSeq += advance;
        Ipv4 src = fromBoard ? board : peer, dst = fromBoard ? peer : board;
        byte[] p = new byte[40 + len];
        IpPackets.ipv4Header(p, src, dst, IpPackets.TCP, ipId++);
        IpPackets.put16(p, 20, fromBoard ? boardPort : peerPort);
        IpPackets.put16(p, 22, fromBoard ? peerPort : boardPort);
        IpPackets.put32(p, 24, seq);
        IpPackets.put32(p, 28, ack);
        p[32] = 5 << 4;
        p[33] = (byte) flags;
        IpPackets.put16(p, 34, fromBoard ? BOARD_WINDOW : PEER_WINDOW);
        System.arraycopy(data, off, p, 40, len);
        IpPackets.put16(p, 36, IpPackets.checksum(p, 20, 20 + len, IpPackets.pseudoHeaderSum(p, IpPackets.TCP, 20 + len)));
        return p;
    }
}
