package io.twinboard.bench.inspect;

import io.twinboard.periph.net.Ipv4;

/** IPv4 headers (RFC 791 §3.1, no options, DF set, TTL 64) and UDP datagrams (RFC 768), with checksums. */
final class IpPackets {
    static final int TCP = 6, UDP = 17;

    private IpPackets() {}

    /** Writes a 20-byte IPv4 header at the start of {@code p} (whose length is the total length). */
    static void ipv4Header(byte[] p, Ipv4 src, Ipv4 dst, int protocol, int id) {
        p[0] = 0x45;
        put16(p, 2, p.length);
        put16(p, 4, id);
        put16(p, 6, 0x4000);
        p[8] = 64;
        p[9] = (byte) protocol;
        System.arraycopy(src.toBytes(), 0, p, 12, 4);
        System.arraycopy(dst.toBytes(), 0, p, 16, 4);
        put16(p, 10, checksum(p, 0, 20, 0));
    }

    /** An IPv4 packet carrying one UDP datagram of {@code len} bytes. */
    static byte[] udp(Ipv4 src, int srcPort, Ipv4 dst, int dstPort, int id, byte[] data, int off, int len) {
        byte[] p = new byte[28 + len];
        ipv4Header(p, src, dst, UDP, id);
        put16(p, 20, srcPort);
        put16(p, 22, dstPort);
        put16(p, 24, 8 + len);
        System.arraycopy(data, off, p, 28, len);
        int sum = checksum(p, 20, 8 + len, pseudoHeaderSum(p, UDP, 8 + len));
        put16(p, 26, sum == 0 ? 0xFFFF : sum);   // 0 means "no checksum" in UDP
        return p;
    }

    /** Sum of the TCP/UDP pseudo-header (source, destination, protocol, length) of the packet in {@code p}. */
    static long pseudoHeaderSum(byte[] p, int protocol, int length) { return sum(p, 12, 8) + protocol + length; }

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

    static void put16(byte[] b, int at, int v) { b[at] = (byte) (v >> 8); b[at + 1] = (byte) v; }

    static void put32(byte[] b, int at, int v) { put16(b, at, v >>> 16); put16(b, at + 2, v); }
}
