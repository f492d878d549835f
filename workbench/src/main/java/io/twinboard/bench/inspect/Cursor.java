package io.twinboard.bench.inspect;

/** Big-endian reader over a byte range; reading past the end throws {@link Truncated}. */
final class Cursor {
    /** The data ended before a field did. */
    static final class Truncated extends RuntimeException {
        Truncated() { super("truncated", null, false, false); }
    }

    private final byte[] b;
    private int pos;
    private final int end;

    Cursor(byte[] b, int off, int len) { this.b = b; this.pos = off; this.end = off + len; }

    Cursor(byte[] b) { this(b, 0, b.length); }

    int remaining() { return end - pos; }

    int u8() { need(1); return b[pos++] & 0xFF; }

    int u16() { need(2); int v = (b[pos] & 0xFF) << 8 | b[pos + 1] & 0xFF; pos += 2; return v; }

    int u24() { need(3); int v = (b[pos] & 0xFF) << 16 | (b[pos + 1] & 0xFF) << 8 | b[pos + 2] & 0xFF; pos += 3; return v; }

    byte[] bytes(int n) { need(n); byte[] r = java.util.Arrays.copyOfRange(b, pos, pos + n); pos += n; return r; }

    void skip(int n) { need(n); pos += n; }

    /** A cursor over the next {@code n} bytes, which this cursor skips. */
    Cursor sub(int n) { need(n); Cursor c = new Cursor(b, pos, n); pos += n; return c; }

    private void need(int n) { if (n < 0 || pos + n > end) throw new Truncated(); }
}
