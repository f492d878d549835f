package io.twinboard.periph.net;

/** An IPv4 address as 32 bits, most significant octet first (network order). No name lookups. */
public record Ipv4(int bits) {
    public static Ipv4 of(int a, int b, int c, int d) {
        return new Ipv4((a & 0xFF) << 24 | (b & 0xFF) << 16 | (c & 0xFF) << 8 | (d & 0xFF));
    }

    /** Parses dotted-quad text such as {@code 192.168.1.10}. */
    public static Ipv4 parse(String dotted) {
        String[] p = dotted.trim().split("\\.");
        if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        int v = 0;
        for (String s : p) {
            int o = Integer.parseInt(s);
            if (o < 0 || o > 255) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            v = v << 8 | o;
        }
        return new Ipv4(v);
    }

    /** Reads four bytes at {@code off}, network order. */
    public static Ipv4 fromBytes(byte[] b, int off) {
        return of(b[off], b[off + 1], b[off + 2], b[off + 3]);
    }

    public int octet(int i) { return bits >>> (24 - 8 * i) & 0xFF; }

    public byte[] toBytes() { return new byte[] {(byte) octet(0), (byte) octet(1), (byte) octet(2), (byte) octet(3)}; }

    @Override public String toString() { return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3); }
}
