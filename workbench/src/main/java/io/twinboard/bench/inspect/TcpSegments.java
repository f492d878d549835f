package io.twinboard.bench.inspect;

import io.twinboard.periph.net.Ipv4;

/**
 * Builds IPv4 + TCP packets for one connection as a capture at the board would show them
 * (RFC 791 header, RFC 9293 §3.1 header, both with correct checksums), keeping each side's
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
    boolean established;

    TcpSegments(Ipv4 board, int boardPort, Ipv4 peer, int peerPort, int boardIsn, int peerIsn) {
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
        int total = p.length;
        p[0] = 0x45;
        put16(p, 2, total);
        put16(p, 4, ipId++);
        put16(p, 6, 0x4000);                      // DF
        p[8] = 64;                                // TTL
        p[9] = 6;                                 // TCP
        System.arraycopy(src.toBytes(), 0, p, 12, 4);
        System.arraycopy(dst.toBytes(), 0, p, 16, 4);
        put16(p, 10, checksum(p, 0, 20, 0));
        put16(p, 20, fromBoard ? boardPort : peerPort);
        put16(p, 22, fromBoard ? peerPort : boardPort);
        put32(p, 24, seq);
        put32(p, 28, ack);
        p[32] = 5 << 4;
        p[33] = (byte) flags;
        put16(p, 34, fromBoard ? BOARD_WINDOW : PEER_WINDOW);
        System.arraycopy(data, off, p, 40, len);
        long pseudo = sum(p, 12, 8) + 6 + (20 + len);
        put16(p, 36, checksum(p, 20, 20 + len, pseudo));
        return p;
    }

    /** Internet checksum (RFC 1071) of {@code len} bytes at {@code off} plus an already summed {@code initial}. */
    static int checksum(byte[] b, int off, int len, long initial) {
        long s = initial + sum(b, off, len);
        while ((s >> 16) != 0) s = (s & 0xFFFF) + (s >> 16);
        return (int) ~s & 0xFFFF;
    }

    private static long sum(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i + 1 < len; i += 2) s += (b[off + i] & 0xFF) << 8 | b[off + i + 1] & 0xFF;
        if ((len & 1) != 0) s += (b[off + len - 1] & 0xFF) << 8;
        return s;
    }

    private static void put16(byte[] b, int at, int v) { b[at] = (byte) (v >> 8); b[at + 1] = (byte) v; }

    private static void put32(byte[] b, int at, int v) { put16(b, at, v >>> 16); put16(b, at + 2, v); }
}
