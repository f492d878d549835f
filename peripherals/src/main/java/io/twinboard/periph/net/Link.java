package io.twinboard.periph.net;

import io.twinboard.emu.time.Scheduler;

import java.util.SplittableRandom;

/**
 * One TCP connection between a W5500 socket (the "chip end") and a peer, in virtual time.
 *
 * <p>Timing model, per direction: a packet departs when the wire is free, occupies it for its
 * serialization time ({@link LinkProfile#serializationPs}), and arrives one-way latency plus jitter
 * later; a lost data segment arrives after extra retransmission delays. Arrivals never overtake
 * each other. Control packets (SYN, SYN-ACK, ACK, FIN, RST) have no payload, so no serialization.
 *
 * <p>Flow control (peer to chip): the peer's bytes wait in {@link #peerOut} and are put on the wire
 * in segments of at most {@link LinkProfile#segmentSize} bytes, never more than the chip's free RX
 * space minus bytes already in flight. When that window is 0 the link stops; a window update
 * ({@link #chipWindowOpened}) reaches the peer one latency later and sending resumes. Nothing is
 * dropped. Chip-to-peer bytes are acknowledged one latency after they arrive. Every byte that
 * leaves {@link #peerOut} is reported to the handler ({@link PeerHandler#drained}); a host socket
 * peer reads no more than the chip's RX buffer size ahead of it ({@link ReadGate}).
 *
 * <p>Injections for scenarios: {@link #injectReset()}, {@link #injectHalfClose()}, {@link #cut()}.
 * Counters: {@link #bytesToPeer()}, {@link #bytesFromPeer()}, {@link #keepAlives()}.
 */
public final class Link {
    /** What the link needs from the chip's socket (implemented by the W5500 TCP engine). */
    public interface ChipEnd {
        /** RX buffer bytes the chip can accept now. */
        int rxFree();
        /**
         * Size of the chip's RX buffer in bytes (W5500: Sn_RXBUF_SIZE × 1024, datasheet §4.2), the
         * largest window it can advertise. Default: {@link #rxFree()} at the time of asking.
         */
        default int rxSize() { return rxFree(); }
        /** The SYN-ACK arrived: the connection is established. */
        void established();
        /** In-order bytes from the peer; never more than {@link #rxFree()} minus earlier deliveries. */
        void deliver(byte[] data);
        /** {@code bytes} earlier sent bytes are acknowledged (0: a keep-alive probe was answered). */
        void acked(int bytes);
        /** The chip's FIN was acknowledged. */
        void finAcked();
        /** The peer half-closed (FIN). */
        void peerFin();
        /** The peer reset the connection (or refused it). */
        void peerReset();
        /**
         * A peer's SYN reached this listening socket: take the connection (true, SYN-ACK goes out)
         * or not (false, the peer sees RST). Default: not listening.
         */
        default boolean incoming(Link link) { return false; }
        /** Socket number (0..7), for counters. */
        default int socketNumber() { return -1; }
    }

    private static final class Direction {
        long wireFree;
        long lastArrival;
    }

    private final Scheduler sched;
    private final LinkProfile profile;
    private final SplittableRandom rng;
    private int socket;
    private final Ipv4 remoteIp;
    private final int remotePort;
    private final ChipEnd chip;
    private final PeerHandler handler;
    private final PeerChannel peer = new PeerChannel();
    private final Runnable onClose;
    private final Direction toPeer = new Direction();
    private final Direction toChip = new Direction();
    /** Bytes the peer wrote that are not yet on the wire (the peer's socket send buffer). */
    private final ByteQueue peerOut = new ByteQueue();
    /** Bytes arrived at the peer that the peer has not read yet. */
    private final ByteQueue peerIn = new ByteQueue();
    private int inFlightToChip;
    private boolean established;
    private boolean windowBlocked;
    private boolean peerFinQueued;
    private boolean peerFinSent;
    private boolean chipFinSent;
    private boolean chipGone;
    private boolean peerGone;
    private boolean cut;
    private long bytesToPeer;
    private long bytesFromPeer;
    private long keepAlives;
    private long segmentsToChip;
    private final long openedAt;
    private long closedAt = -1;
    /** Observer of what crosses this link (TLS/MQTT decoding, pcapng); NONE costs one call. */
    private LinkTap tap = LinkTap.NONE;
    private int tapId;
    private final String peerName;

    Link(Scheduler sched, LinkProfile profile, int socket, Ipv4 remoteIp, int remotePort, ChipEnd chip,
         PeerHandler handler, Runnable onClose) {
        this.sched = sched;
        this.profile = profile;
        this.rng = new SplittableRandom(profile.seed() * 31 + socket * 7919L + remotePort);
        this.socket = socket;
        this.remoteIp = remoteIp;
        this.remotePort = remotePort;
        this.chip = chip;
        this.handler = handler;
        this.onClose = onClose;
        this.openedAt = sched.now();
        this.peerName = remoteIp + ":" + remotePort;
    }

    /** Attaches the network's tap under connection id {@code id} (Network does this at creation). */
    void tap(LinkTap t, int id) {
        tap = t;
        tapId = id;
    }

    // ---- chip side ----

    /** Sends the SYN; the peer accepts (SYN-ACK → {@link ChipEnd#established}) or resets. */
    public void chipConnect() {
        long at = transmit(toPeer, 0, false);
        if (cut) return;
        sched.schedule(at, "link.syn", () -> {
            if (chipGone) return;
            handler.connected(peer);
            if (handler.acceptsAtOnce()) peer.accept();
        });
    }

    /**
     * A peer dials a listening chip socket: SYN to the chip; if it accepts ({@link ChipEnd#incoming}),
     * the SYN-ACK reaches the peer ({@link PeerHandler#connected}) and its ACK the chip
     * ({@link ChipEnd#established}).
     */
    void peerConnect() {
        long at = transmit(toChip, 0, false);
        sched.schedule(at, "link.peerSyn", () -> {
            if (!chip.incoming(this)) { // nobody listens any more: RST back to the peer
                chipReset();
                return;
            }
            socket = chip.socketNumber();
            long synAck = transmit(toPeer, 0, false);
            sched.schedule(synAck, "link.synAckToPeer", () -> {
                if (chipGone || peerGone) return;
                established = true;
                long ack = transmit(toChip, 0, false);
                sched.schedule(ack, "link.ack", () -> {
                    if (chipGone || cut) return;
                    tap.established(tapId, sched.now());
                    chip.established();
                });
                handler.connected(peer);
                pumpToChip();
            });
        });
    }

    /** Sends one segment of chip data (the caller keeps MSS); acknowledged later via {@link ChipEnd#acked}. */
    public void chipSend(byte[] segment) {
        if (chipGone || cut) return;
        int n = segment.length;
        tap.bytes(tapId, peerName, true, sched.now(), segment, 0, n);
        long at = transmit(toPeer, n, true);
        sched.schedule(at, "link.toPeer", () -> {
            if (peerGone || cut) return;
            bytesToPeer += n;
            peerIn.write(segment);
            long ack = transmit(toChip, 0, false);
            sched.schedule(ack, "link.ack", () -> { if (!chipGone && !cut) chip.acked(n); });
            handler.readable(peer);
        });
    }

    /** A keep-alive probe: the peer's stack answers with an ACK; the application sees nothing. */
    public void chipKeepAlive() {
        if (chipGone || cut) return;
        keepAlives++;
        long at = transmit(toPeer, 1, false);
        sched.schedule(at, "link.keepalive", () -> {
            if (peerGone || cut) return;
            long ack = transmit(toChip, 0, false);
            sched.schedule(ack, "link.keepaliveAck", () -> { if (!chipGone && !cut) chip.acked(0); });
        });
    }

    /** The chip freed RX space (RECV); if the peer was blocked, it learns one latency later. */
    public void chipWindowOpened() {
        if (!windowBlocked || chipGone) return;
        windowBlocked = false;
        long at = transmit(toPeer, 0, false);
        sched.schedule(at, "link.windowUpdate", this::pumpToChip);
    }

    /** The chip half-closes (FIN after its queued data). */
    public void chipFin() {
        if (chipGone || chipFinSent || cut) return;
        chipFinSent = true;
        tap.closed(tapId, LinkTap.Close.CHIP_FIN, sched.now());
        long at = transmit(toPeer, 0, false);
        sched.schedule(at, "link.chipFin", () -> {
            if (peerGone || cut) return;
            long ack = transmit(toChip, 0, false);
            sched.schedule(ack, "link.finAck", () -> { if (!chipGone && !cut) chip.finAcked(); });
            handler.chipFinished(peer);
            closeIfDone();
        });
    }

    /** The chip aborts (CLOSE, reset, timeout): nothing more reaches the chip; the peer sees RST. */
    public void chipReset() {
        if (chipGone) return;
        chipGone = true;
        tap.closed(tapId, LinkTap.Close.CHIP_RESET, sched.now());
        long at = transmit(toPeer, 0, false);
        if (!cut) sched.schedule(at, "link.chipRst", () -> {
            if (peerGone) return;
            peerGone = true;
            handler.chipReset(peer);
        });
        else peerGone = true;
        markClosed();
    }

    // ---- injections ----

    /** The peer (or the network) resets the connection: the chip sees RST one latency later. */
    public void injectReset() { peer.reset(); }

    /** The peer half-closes after its queued data: the chip sees FIN. */
    public void injectHalfClose() { peer.finish(); }

    /** The path goes dead both ways from now on: nothing more is delivered or acknowledged. */
    public void cut() { cut = true; }

    public boolean isCut() { return cut; }

    // ---- peer → chip ----

    private void pumpToChip() {
        if (chipGone || peerGone || cut || !established) return;
        while (!peerOut.isEmpty()) {
            int window = chip.rxFree() - inFlightToChip;
            if (window <= 0) { windowBlocked = true; return; }
            int n = Math.min(Math.min(profile.segmentSize(), window), peerOut.size());
            byte[] seg = peerOut.take(n);
            handler.drained(peer, n);
            inFlightToChip += n;
            long at = transmit(toChip, n, true);
            sched.schedule(at, "link.toChip", () -> {
                inFlightToChip -= seg.length;
                if (chipGone || cut) return;
                bytesFromPeer += seg.length;
                segmentsToChip++;
                tap.bytes(tapId, peerName, false, sched.now(), seg, 0, seg.length);
                chip.deliver(seg);
            });
        }
        if (peerFinQueued && !peerFinSent) {
            peerFinSent = true;
            long at = transmit(toChip, 0, false);
            sched.schedule(at, "link.peerFin", () -> {
                if (chipGone || cut) return;
                tap.closed(tapId, LinkTap.Close.PEER_FIN, sched.now());
                chip.peerFin();
                closeIfDone();
            });
        }
    }

    /** Departure/arrival bookkeeping for one packet of {@code bytes} payload; returns its arrival time (ps). */
    private long transmit(Direction d, int bytes, boolean mayBeLost) {
        long now = sched.now();
        long depart = Math.max(now, d.wireFree);
        d.wireFree = depart + profile.serializationPs(bytes);
        long jitter = profile.jitterPs() == 0 ? 0 : rng.nextLong(profile.jitterPs() + 1);
        long arrive = d.wireFree + profile.oneWayLatencyPs() + jitter;
        if (mayBeLost && profile.lossRate() > 0) {
            long rto = profile.retransmitPs();
            for (int k = 0; k < 6 && rng.nextDouble() < profile.lossRate(); k++, rto <<= 1) arrive += rto;
        }
        arrive = Math.max(arrive, d.lastArrival);
        d.lastArrival = arrive;
        return arrive;
    }

    private void closeIfDone() {
        if (chipFinSent && peerFinSent) markClosed();
    }

    private void markClosed() {
        if (closedAt >= 0) return;
        closedAt = sched.now();
        onClose.run();
    }

    // ---- counters and identity ----

    /** Socket number (0..7) of the chip end. */
    public int socket() { return socket; }
    public Ipv4 remoteIp() { return remoteIp; }
    public int remotePort() { return remotePort; }
    public LinkProfile profile() { return profile; }
    /** Payload bytes that reached the peer. */
    public long bytesToPeer() { return bytesToPeer; }
    /** Payload bytes delivered into the chip's RX buffer. */
    public long bytesFromPeer() { return bytesFromPeer; }
    /** Data segments delivered to the chip. */
    public long segmentsToChip() { return segmentsToChip; }
    /** Keep-alive probes the chip sent. */
    public long keepAlives() { return keepAlives; }
    /** Bytes the peer has written that are still waiting for window (flow control). */
    public int peerBacklog() { return peerOut.size(); }
    /** Size of the chip end's RX buffer, bytes ({@link ChipEnd#rxSize}). */
    public int chipRxSize() { return chip.rxSize(); }
    /** Virtual time (ps) the connection opened / closed (-1 while open). */
    public long openedAt() { return openedAt; }
    public long closedAt() { return closedAt; }
    public boolean isOpen() { return closedAt < 0; }
    public PeerChannel peer() { return peer; }

    @Override public String toString() {
        return "S" + socket + "->" + remoteIp + ":" + remotePort + " [" + profile.name() + "] to peer " + bytesToPeer
                + " B, from peer " + bytesFromPeer + " B";
    }

    /** The peer's handle on the connection: read what the chip sent, send, half-close, reset. */
    public final class PeerChannel {
        private PeerChannel() {}

        /** Bytes from the chip not yet read; the handler owns them and removes what it consumes. */
        public ByteQueue input() { return peerIn; }

        public void send(byte[] data) { send(data, 0, data.length); }

        public void send(byte[] data, int off, int len) {
            if (peerGone || peerFinQueued) { handler.drained(this, len); return; }
            peerOut.write(data, off, len);
            pumpToChip();
        }

        /** Moves everything from {@code data} into the connection. */
        public void send(ByteQueue data) {
            if (peerGone || peerFinQueued) {
                int dropped = data.size();
                data.clear();
                handler.drained(this, dropped);
                return;
            }
            peerOut.moveFrom(data, data.size());
            pumpToChip();
        }

        /** Answers the chip's SYN (SYN-ACK); for handlers that do not accept at once. */
        public void accept() {
            if (established || chipGone) return;
            established = true;
            long at = transmit(toChip, 0, false);
            sched.schedule(at, "link.synAck", () -> {
                if (chipGone || cut) return;
                tap.established(tapId, sched.now());
                chip.established();
            });
            pumpToChip();
        }

        /** Half-close after the queued bytes (FIN). */
        public void finish() {
            if (peerGone || peerFinQueued) return;
            peerFinQueued = true;
            pumpToChip();
        }

        /** Abort (or refuse, before {@link #accept}): the chip sees RST one latency later. */
        public void reset() {
            if (peerGone) return;
            peerGone = true;
            int dropped = peerOut.size();
            peerOut.clear();
            if (dropped > 0) handler.drained(this, dropped);
            long at = transmit(toChip, 0, false);
            if (!cut) sched.schedule(at, "link.peerRst", () -> {
                if (chipGone) return;
                chipGone = true;
                tap.closed(tapId, LinkTap.Close.PEER_RESET, sched.now());
                chip.peerReset();
            });
            markClosed();
        }

        public boolean chipFinished() { return chipFinSent; }
        public Scheduler scheduler() { return sched; }
        public Link link() { return Link.this; }
    }
}
