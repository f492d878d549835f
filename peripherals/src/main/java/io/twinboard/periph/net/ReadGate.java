package io.twinboard.periph.net;

/**
 * Back-pressure between a host socket's reader thread and the machine thread (TCP flow control
 * with a real peer): the reader may hold at most {@link #bound()} bytes that the chip has not yet
 * taken — bytes read from the host socket and posted to the machine thread, plus bytes waiting in
 * the link for window in the chip's RX buffer. While that many are outstanding the reader stops
 * reading, the host kernel's receive buffer fills, and the real peer's writes block, as they do
 * against a W5500 whose RX buffer is full (advertised window 0).
 *
 * <p>The only state shared between the two threads is the counter {@link #outstanding} and the
 * closed flag, both guarded by this object's monitor. The reader adds what it read
 * ({@link #read}) before posting it, so the machine thread can never take more than was counted;
 * the machine thread subtracts bytes as the link puts them on the wire to the chip or discards them
 * ({@link #taken}), and {@link #close} releases a reader that waits for room. No virtual-time state
 * is touched here.
 *
 * <p>Resuming follows TCP's receiver-side silly-window avoidance (RFC 1122 §4.2.3.3): the reader
 * waits until at least {@code min(bound / 2, 1460)} bytes (one Ethernet MSS) are free again, so a
 * firmware that frees its RX buffer a few bytes at a time does not turn into one-byte reads.
 */
final class ReadGate {
    private static final int MSS = 1460;

    private final int bound;
    private final int resumeRoom;
    private int outstanding;
    private boolean closed;

    /** @param bound bytes the reader may hold untaken; at least 1 (a 0 KB RX buffer still lets one byte wait) */
    ReadGate(int bound) {
        this.bound = Math.max(1, bound);
        this.resumeRoom = Math.max(1, Math.min(this.bound / 2, MSS));
    }

    /** Bytes the reader may hold untaken. */
    int bound() { return bound; }

    /**
     * Reader thread: waits until there is room to read (or the gate closed) and returns how many
     * bytes may be read now, 1..{@link #bound()}; 0 once closed.
     */
    synchronized int awaitRoom() throws InterruptedException {
        while (!closed && bound - outstanding < resumeRoom) wait();
        return closed ? 0 : bound - outstanding;
    }

    /** Reader thread: {@code bytes} (at most what {@link #awaitRoom} allowed) were read and are about to be posted. */
    synchronized void read(int bytes) { outstanding += bytes; }

    /** Machine thread: {@code bytes} of what was read left our side (on the wire to the chip, or discarded). */
    synchronized void taken(int bytes) {
        outstanding = Math.max(0, outstanding - bytes);
        notifyAll();
    }

    /** The link closed (machine thread) or the socket failed: a waiting reader returns 0 from {@link #awaitRoom}. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Bytes read and not yet taken (for tests and reports). */
    synchronized int outstanding() { return outstanding; }
}
