package io.twinboard.periph.net;

/**
 * The one buffer for bytes in flight between the chip and its peers (DESIGN.md style rule 6, after
 * Okio's {@code Buffer}): a growable FIFO of bytes. Ownership is explicit: whoever holds a queue
 * is its only reader; writers append, readers remove. Bytes handed to {@link #write} are copied, so
 * the caller keeps its array; {@link #take} hands out a fresh array the receiver then owns.
 *
 * <p>Not thread-safe: a queue lives on the machine thread (the host TCP bridge copies bytes into it
 * only from {@link Network#beforeRun}).
 */
public final class ByteQueue {
    private byte[] buf;
    private int head;
    private int size;

    public ByteQueue() { this(256); }

    public ByteQueue(int initialCapacity) { buf = new byte[Math.max(16, Integer.highestOneBit(initialCapacity - 1) << 1)]; }

    /** Number of bytes queued. */
    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    public void write(int b) {
        ensure(1);
        buf[(head + size) & (buf.length - 1)] = (byte) b;
        size++;
    }

    public void write(byte[] src) { write(src, 0, src.length); }

    public void write(byte[] src, int off, int len) {
        ensure(len);
        int tail = (head + size) & (buf.length - 1);
        int first = Math.min(len, buf.length - tail);
        System.arraycopy(src, off, buf, tail, first);
        System.arraycopy(src, off + first, buf, 0, len - first);
        size += len;
    }

    /** Moves up to {@code max} bytes from {@code other} to the end of this queue. */
    public int moveFrom(ByteQueue other, int max) {
        int n = Math.min(max, other.size);
        for (int i = 0; i < n; i++) write(other.buf[(other.head + i) & (other.buf.length - 1)]);
        other.skip(n);
        return n;
    }

    /** Removes up to {@code len} bytes into {@code dst}; returns how many were read. */
    public int read(byte[] dst, int off, int len) {
        int n = Math.min(len, size);
        int first = Math.min(n, buf.length - head);
        System.arraycopy(buf, head, dst, off, first);
        System.arraycopy(buf, 0, dst, off + first, n - first);
        skip(n);
        return n;
    }

    /** Removes and returns the first {@code n} bytes (at most {@link #size()}); the caller owns the array. */
    public byte[] take(int n) {
        byte[] out = new byte[Math.min(n, size)];
        read(out, 0, out.length);
        return out;
    }

    /** Removes and returns everything queued. */
    public byte[] readAll() { return take(size); }

    /** Byte at {@code index} from the head (0..size-1), without removing it; 0..255. */
    public int peek(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index + " of " + size);
        return buf[(head + index) & (buf.length - 1)] & 0xFF;
    }

    /** Drops the first {@code n} bytes. */
    public void skip(int n) {
        if (n < 0 || n > size) throw new IndexOutOfBoundsException(n + " of " + size);
        head = (head + n) & (buf.length - 1);
        size -= n;
        if (size == 0) head = 0;
    }

    public void clear() { head = 0; size = 0; }

    private void ensure(int more) {
        if (size + more <= buf.length) return;
        int cap = buf.length;
        while (cap < size + more) cap <<= 1;
        byte[] nb = new byte[cap];
        int first = Math.min(size, buf.length - head);
        System.arraycopy(buf, head, nb, 0, first);
        System.arraycopy(buf, 0, nb, first, size - first);
        buf = nb;
        head = 0;
    }

    @Override public String toString() { return "ByteQueue[" + size + " bytes]"; }
}
