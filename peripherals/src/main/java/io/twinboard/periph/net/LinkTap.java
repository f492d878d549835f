package io.twinboard.periph.net;

/**
 * Observes what crosses the wire between the W5500 and its peers, in virtual time — for traffic
 * decoding, pcapng capture and failure diagnosis in the workbench. The link calls it on the
 * machine thread; implementations must not call back into the link.
 *
 * <p>Times are virtual picoseconds at the <b>board's side of the wire</b>, as a capture on the
 * board's Ethernet port would see them: bytes to the peer when the chip puts them on the wire,
 * bytes from the peer when they are delivered into the chip's RX buffer; control events likewise.
 *
 * <p>Invariants: every connection starts with {@link #opened}; its {@link #bytes} per direction
 * are in stream order with nothing lost or repeated; {@link #closed} may come once per direction
 * for FINs and once for a terminal event (RST, refusal, timeout). Connection ids are unique per
 * network and never reused. {@code data} is only valid during the call (copy what you keep).
 */
public interface LinkTap {
    /** How a connection (or one direction of it) ended. */
    enum Close {
        /** The chip sent FIN (half-close from the board). */
        CHIP_FIN,
        /** The peer sent FIN (half-close from the peer). */
        PEER_FIN,
        /** The chip aborted (CLOSE, its own timeout): the peer sees RST. */
        CHIP_RESET,
        /** The peer (or the network) reset the connection. */
        PEER_RESET,
        /** Nothing listens at the destination: the SYN was answered with RST (inbound: by the chip). */
        REFUSED,
        /** The SYN (or data) was never answered: the chip's retransmissions timed out. */
        TIMEOUT
    }

    /**
     * A connection starts. Outbound ({@code inbound} false): the chip's SYN left W5500 socket
     * {@code socket} (0..7) for {@code remoteIp:remotePort}. Inbound: the SYN of the peer at
     * {@code remoteIp:remotePort} reached the chip's listening port ({@code socket} -1 until a
     * socket takes it). {@code chipPort} is the chip's TCP port, -1 if the caller does not know it.
     */
    default void opened(int connectionId, int socket, boolean inbound, Ipv4 remoteIp, int remotePort, int chipPort,
                        long virtualTimePs) {}

    /** The connection is established: outbound, the peer's SYN-ACK reached the chip; inbound, the chip accepted. */
    default void established(int connectionId, long virtualTimePs) {}

    /**
     * {@code len} bytes of {@code data} from {@code off} crossed the wire: chip to peer when
     * {@code toPeer}, else peer to chip. {@code peer} is {@code ip:port} of the remote end.
     */
    void bytes(int connectionId, String peer, boolean toPeer, long virtualTimePs, byte[] data, int off, int len);

    /** The connection (or one direction, for FINs) ended {@code how}. */
    default void closed(int connectionId, Close how, long virtualTimePs) {}

    /**
     * A UDP datagram between W5500 socket {@code socket} (board port {@code boardPort}) and
     * {@code peer:peerPort} — DNS queries and answers — from the chip when {@code toPeer}.
     */
    default void datagram(int socket, boolean toPeer, int boardPort, Ipv4 peer, int peerPort, long virtualTimePs,
                          byte[] data, int off, int len) {}

    /** A tap that ignores everything (the default of a link nobody watches). */
    LinkTap NONE = (id, peer, toPeer, t, data, off, len) -> {};

    /** Calls {@code a} then {@code b} for every event. */
    static LinkTap both(LinkTap a, LinkTap b) {
        return new LinkTap() {
            @Override public void opened(int id, int socket, boolean inbound, Ipv4 ip, int port, int chipPort, long t) {
                a.opened(id, socket, inbound, ip, port, chipPort, t);
                b.opened(id, socket, inbound, ip, port, chipPort, t);
            }
            @Override public void established(int id, long t) { a.established(id, t); b.established(id, t); }
            @Override public void bytes(int id, String peer, boolean toPeer, long t, byte[] d, int off, int len) {
                a.bytes(id, peer, toPeer, t, d, off, len);
                b.bytes(id, peer, toPeer, t, d, off, len);
            }
            @Override public void closed(int id, Close how, long t) { a.closed(id, how, t); b.closed(id, how, t); }
            @Override public void datagram(int socket, boolean toPeer, int boardPort, Ipv4 peer, int peerPort, long t,
                                           byte[] d, int off, int len) {
                a.datagram(socket, toPeer, boardPort, peer, peerPort, t, d, off, len);
                b.datagram(socket, toPeer, boardPort, peer, peerPort, t, d, off, len);
            }
        };
    }
}
