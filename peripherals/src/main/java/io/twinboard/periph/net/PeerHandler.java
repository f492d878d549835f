package io.twinboard.periph.net;

/**
 * The application end of a connection, run on the machine thread in virtual time (no threads, fully
 * deterministic): the basis of scripted scenarios and tests. Every callback receives the
 * {@link Link.PeerChannel} to read from ({@code ch.input()}) and write to ({@code ch.send}).
 */
public interface PeerHandler {
    /** The chip's SYN arrived and the connection is accepted; the peer may send at once. */
    default void connected(Link.PeerChannel ch) {}

    /** New bytes from the chip are in {@code ch.input()}; unread bytes stay there. */
    void readable(Link.PeerChannel ch);

    /** The chip half-closed (FIN). Default: close our side too, as a server does. */
    default void chipFinished(Link.PeerChannel ch) { ch.finish(); }

    /** The chip reset or aborted the connection. */
    default void chipReset(Link.PeerChannel ch) {}

    /**
     * {@code bytes} of what this peer sent left the link's send queue: put on the wire to the chip
     * as the chip's window allowed, or discarded because the connection is gone (reset) or the
     * peer had already half-closed. A peer fed from a real host socket reads more then
     * ({@link ReadGate}). Default: nothing.
     */
    default void drained(Link.PeerChannel ch, int bytes) {}

    /**
     * Whether the connection is accepted when the SYN arrives. A handler that answers later (a real
     * host socket still connecting) returns false and calls {@link Link.PeerChannel#accept} or
     * {@link Link.PeerChannel#reset} itself.
     */
    default boolean acceptsAtOnce() { return true; }

    /** An echo server: sends back whatever it reads. */
    static PeerHandler echo() { return ch -> ch.send(ch.input().readAll()); }
}
