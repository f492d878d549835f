package io.twinboard.periph.net;

import io.twinboard.emu.time.ExternalClockSync;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The network around a W5500: the endpoints the user configured, the DNS servers answering with
 * the workbench's resolver, and the live links. Outbound connections reach <b>configured
 * endpoints only</b>; anything else is refused (the chip sees RST) and reported once per
 * destination through the reporting hook.
 *
 * <h2>Pacing against wall-clock time ({@link ExternalClockSync}, {@link Pacing})</h2>
 * While at least one connection to a real host endpoint is open (from its SYN until it is closed
 * or reset), virtual time may not run ahead of wall-clock time: at the first such connection the
 * network anchors (wall ns, virtual ps); {@link #beforeRun} then sleeps until
 * {@code wall − wallAnchor ≥ now − virtualAnchor} and caps each slice at {@link #LIVE_SLICE_PS}
 * (10 ms virtual), so virtual time leads wall-clock time by at most one slice. Emulation slower than
 * real time is never throttled (virtual time simply lags). Firmware and broker timeouts thus see
 * the same seconds. With {@link Pacing#CONTACT} (the default) a slice in which the firmware did
 * not touch the chip ({@link #chipAccessed}), the core did not sleep ({@link #afterRun}) and no
 * host data arrived keeps its lead: the anchor moves to the slice's end instead of the machine
 * thread sleeping ({@link #leadKeptPs} adds these leads up). With no live connection, runs are
 * not paced and stay deterministic.
 * Bytes and events from host sockets cross into virtual time only inside {@link #beforeRun}, in
 * arrival order, at the virtual time of that call; their arrival ends the running slice (the run
 * loop's wakeup), so they are handed over at the next block boundary.
 */
public final class Network implements ExternalClockSync, AutoCloseable {
    /**
     * Longest virtual slice a run may take while a live peer is connected: 10 ms. Arriving data
     * does not wait for the slice to end: {@link #post} ends it at once (wakeup). The slice only
     * bounds how far virtual time can get ahead of wall-clock time when the board emulates faster
     * than real time; short slices would stop the CPU (and its batched cycle accounting) often.
     */
    public static final long LIVE_SLICE_PS = VirtualTime.ofMillis(10);

    /** Outcome of a connection attempt as the chip sees it. */
    public sealed interface ConnectResult {
        /** The SYN is on its way; the link answers with SYN-ACK or RST. */
        record Connected(Link link) implements ConnectResult {}
        /** Nothing listens there (not configured): RST after {@code rttPs}. */
        record Refused(long rttPs) implements ConnectResult {}
        /** The host answers ARP but never the SYN: the chip retransmits until its TCP timeout. */
        record NoAnswer() implements ConnectResult {}
        /** Nobody answers ARP for that address: the chip's ARP timeout. */
        record NoArp() implements ConnectResult {}
    }

    /** Where a UDP datagram from the chip went. */
    public enum UdpResult { DELIVERED, DROPPED, NO_ARP }

    /** Receives a datagram for a chip socket. */
    @FunctionalInterface
    public interface UdpReceiver { void datagram(Ipv4 from, int fromPort, byte[] payload); }

    private record Key(Ipv4 ip, int port) {}
    private record Configured(Endpoint endpoint, LinkProfile profile) {}

    private final Scheduler sched;
    private final Map<Key, Configured> endpoints = new HashMap<>();
    private final Set<Ipv4> absentHosts = new HashSet<>();
    private final Set<Ipv4> dnsServers = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
    private final List<Link> links = new ArrayList<>();
    private final LinkedBlockingQueue<Runnable> handOver = new LinkedBlockingQueue<>();
    /** Chip sockets in LISTEN, by port, first come first served. */
    private final Map<Integer, List<Link.ChipEnd>> listeners = new HashMap<>();
    private LinkProfile defaultProfile = LinkProfile.lan();
    private DnsResolver resolver = name -> Optional.empty();
    private Consumer<String> reporter = System.out::println;
    private int liveConnections;
    private Pacing pacing = Pacing.CONTACT;
    /** Since the last {@link #beforeRun}: the firmware exchanged a byte with the chip, or the core slept. */
    private boolean contactInSlice;
    private long leadKeptPs;
    private long wallAnchorNs;
    private long virtualAnchorPs;
    private long udpDatagrams;

    public Network(Scheduler sched) { this.sched = sched; }

    private LinkTap tap = LinkTap.NONE;
    private final List<HostTcpPeer> hostPeers = new ArrayList<>();

    /**
     * Releases every host socket still open — a run that ends (exit, fault, time limit) while a
     * connection is up must not leave the broker's end of it dangling. Idempotent.
     */
    @Override public void close() {
        for (HostTcpPeer p : hostPeers) p.linkClosed();
        hostPeers.clear();
    }
    private int nextConnectionId;

    /** Observes every connection from now on (decoders, captures); {@link LinkTap#both} combines taps. */
    public Network setTap(LinkTap t) { tap = t == null ? LinkTap.NONE : t; return this; }

    /** Lets the chip connect to {@code ip:port}, reaching {@code endpoint} over a link with {@code profile}. */
    public Network addEndpoint(Ipv4 ip, int port, Endpoint endpoint, LinkProfile profile) {
        endpoints.put(new Key(ip, port), new Configured(endpoint, profile));
        return this;
    }

    /** As {@link #addEndpoint(Ipv4, int, Endpoint, LinkProfile)} with the default profile. */
    public Network addEndpoint(Ipv4 ip, int port, Endpoint endpoint) { return addEndpoint(ip, port, endpoint, defaultProfile); }

    /** An address nobody answers ARP for (a host that is down): CONNECT/SEND end in the ARP timeout. */
    public Network addAbsentHost(Ipv4 ip) { absentHosts.add(ip); return this; }

    /** UDP datagrams to {@code ip} port 53 are answered by the resolver. */
    public Network addDnsServer(Ipv4 ip) { dnsServers.add(ip); return this; }

    public Network setResolver(DnsResolver r) { resolver = r; return this; }

    /** Profile of refusals, DNS answers and endpoints added without one. Default {@link LinkProfile#lan()}. */
    public Network setDefaultProfile(LinkProfile p) { defaultProfile = p; return this; }

    /** Where console messages go (refused destinations, host socket failures). Default: stdout. */
    public Network setReporter(Consumer<String> r) { reporter = r; return this; }

    public Scheduler scheduler() { return sched; }

    /** How virtual time follows wall-clock time while a live peer is connected. Default {@link Pacing#CONTACT}. */
    public Network setPacing(Pacing p) { pacing = p; return this; }

    public Pacing pacing() { return pacing; }

    /**
     * The firmware exchanged a byte with the network chip: it may have observed the network in
     * this slice, so the slice is paced strictly ({@link Pacing#CONTACT}). Machine thread only.
     */
    public void chipAccessed() { contactInSlice = true; }

    /** Virtual time (ps) the board ran ahead of wall-clock time in slices {@link Pacing#CONTACT}
     *  did not pace, in all: the wall-clock time not slept away. */
    public long leadKeptPs() { return leadKeptPs; }

    /**
     * The chip's socket {@code socket} connects to {@code ip:port} (its SYN leaves now). Machine thread only.
     */
    public ConnectResult connect(int socket, Ipv4 ip, int port, Link.ChipEnd chip) {
        Configured c = endpoints.get(new Key(ip, port));
        int id = nextConnectionId++;
        tap.opened(id, socket, false, ip, port, -1, sched.now());
        if (c == null) {
            if (absentHosts.contains(ip)) return new ConnectResult.NoArp();
            tap.closed(id, LinkTap.Close.REFUSED, sched.now() + 2 * defaultProfile.oneWayLatencyPs());
            reportOnce("refused:" + ip + ":" + port, "W5500 socket " + socket + ": connection to " + ip + ":" + port
                    + " refused — not a configured endpoint (the chip sees RST)");
            return new ConnectResult.Refused(2 * defaultProfile.oneWayLatencyPs());
        }
        PeerHandler handler = switch (c.endpoint()) {
            case Endpoint.InProcess p -> p.handlers().get();
            case Endpoint.HostTcp h -> new HostTcpPeer(h.host(), h.port(), this);
            case Endpoint.Silent s -> null;
        };
        if (handler == null) return new ConnectResult.NoAnswer();
        if (handler instanceof HostTcpPeer h) hostPeers.add(h);
        Runnable onClose = handler instanceof HostTcpPeer h ? h::linkClosed : () -> {};
        Link link = new Link(sched, c.profile(), socket, ip, port, chip, handler, onClose);
        link.tap(tap, id);
        links.add(link);
        link.chipConnect();
        return new ConnectResult.Connected(link);
    }

    /** A chip socket enters LISTEN on {@code port}. */
    public void listen(int port, Link.ChipEnd socket) {
        listeners.computeIfAbsent(port, k -> new ArrayList<>()).add(socket);
    }

    /** A chip socket leaves LISTEN (connection taken, CLOSE, reset). */
    public void unlisten(int port, Link.ChipEnd socket) {
        List<Link.ChipEnd> l = listeners.get(port);
        if (l != null) l.remove(socket);
    }

    /**
     * An in-process peer at {@code fromIp:fromPort} connects to the chip's TCP port {@code chipPort}
     * over a link with {@code profile} (an HTTPS client for the https-server firmware, say). Returns
     * the link; when no socket listens there the peer sees RST ({@link PeerHandler#chipReset}).
     */
    public Link dial(Ipv4 fromIp, int fromPort, int chipPort, PeerHandler handler, LinkProfile profile) {
        List<Link.ChipEnd> l = listeners.getOrDefault(chipPort, List.of());
        Link.ChipEnd target = l.isEmpty() ? NOT_LISTENING : l.getFirst();
        if (l.isEmpty()) reportOnce("nolisten:" + chipPort, "peer " + fromIp + ":" + fromPort + " dialled chip port " + chipPort
                + " but no socket listens there (the peer sees RST)");
        Link link = new Link(sched, profile, -1, fromIp, fromPort, target, handler, () -> {});
        int id = nextConnectionId++;
        tap.opened(id, -1, true, fromIp, fromPort, chipPort, sched.now());
        link.tap(tap, id);
        links.add(link);
        link.peerConnect();
        return link;
    }

    private static final Link.ChipEnd NOT_LISTENING = new Link.ChipEnd() {
        @Override public int rxFree() { return 0; }
        @Override public void established() { }
        @Override public void deliver(byte[] data) { }
        @Override public void acked(int bytes) { }
        @Override public void finAcked() { }
        @Override public void peerFin() { }
        @Override public void peerReset() { }
    };

    /**
     * A UDP datagram from the chip. DNS queries to a configured DNS server are answered (after the
     * default profile's round trip) through {@code reply}; others are dropped and reported once.
     */
    public UdpResult sendUdp(int socket, int srcPort, Ipv4 dst, int dstPort, byte[] payload, UdpReceiver reply) {
        if (absentHosts.contains(dst)) return UdpResult.NO_ARP;
        udpDatagrams++;
        if (dstPort == 53 && dnsServers.contains(dst)) {
            Optional<byte[]> answer = DnsMessage.answer(payload, resolver);
            if (answer.isEmpty()) {
                reportOnce("dns-malformed", "W5500 socket " + socket + ": malformed DNS query to " + dst + " dropped");
                return UdpResult.DROPPED;
            }
            long rtt = 2 * defaultProfile.oneWayLatencyPs() + defaultProfile.serializationPs(payload.length)
                    + defaultProfile.serializationPs(answer.get().length);
            tap.datagram(socket, true, srcPort, dst, dstPort, sched.now(), payload, 0, payload.length);
            sched.scheduleIn(rtt, "dns.answer", () -> {
                byte[] a = answer.get();
                tap.datagram(socket, false, srcPort, dst, 53, sched.now(), a, 0, a.length);
                reply.datagram(dst, 53, a);
            });
            return UdpResult.DELIVERED;
        }
        reportOnce("udp:" + dst + ":" + dstPort, "W5500 socket " + socket + ": UDP datagram to " + dst + ":" + dstPort
                + " dropped — no UDP endpoint configured there");
        return UdpResult.DROPPED;
    }

    /** Every connection made so far, open or closed, in order (for the demo summary). */
    public List<Link> links() { return Collections.unmodifiableList(links); }

    /** Payload bytes that reached peers, over all connections. */
    public long totalBytesToPeers() { return links.stream().mapToLong(Link::bytesToPeer).sum(); }

    /** Payload bytes delivered from peers into the chip, over all connections. */
    public long totalBytesFromPeers() { return links.stream().mapToLong(Link::bytesFromPeer).sum(); }

    /** UDP datagrams the chip sent. */
    public long udpDatagrams() { return udpDatagrams; }

    /** Number of open connections to real host endpoints (they pace virtual time). */
    public int liveConnections() { return liveConnections; }

    /** A live host peer may still send: a sleeping core waits for it (ExternalClockSync). */
    @Override public boolean awaitsInput() { return liveConnections > 0; }

    // ---- ExternalClockSync ----

    @Override public long beforeRun(long now, long proposedDeadline) {
        if (liveConnections > 0) {
            if (pacing == Pacing.CONTACT && !contactInSlice && handOver.isEmpty()) keepLead(now);
            else waitForWallClock(now);
        }
        contactInSlice = false;
        Runnable r;
        while ((r = handOver.poll()) != null) r.run();
        if (liveConnections == 0) return Math.min(proposedDeadline, sched.nextDeadline());
        return Math.min(Math.min(proposedDeadline, sched.nextDeadline()), now + LIVE_SLICE_PS);
    }

    /** A sleeping core waits for something, possibly the network: its slice is paced strictly. */
    @Override public void afterRun(boolean coreSlept) {
        if (coreSlept) contactInSlice = true;
    }

    /** A slice of pure computation ended ahead of wall-clock time: re-anchor there instead of sleeping. */
    private void keepLead(long now) {
        long wall = System.nanoTime();
        long aheadNs = wallAnchorNs + (now - virtualAnchorPs) / VirtualTime.PS_PER_NS - wall;
        if (aheadNs <= 0) return;
        leadKeptPs += aheadNs * VirtualTime.PS_PER_NS;
        wallAnchorNs = wall;
        virtualAnchorPs = now;
    }

    private void waitForWallClock(long now) {
        long dueWallNs = wallAnchorNs + (now - virtualAnchorPs) / VirtualTime.PS_PER_NS;
        while (true) {
            long wait = dueWallNs - System.nanoTime();
            if (wait <= 0) return;
            try {
                Runnable r = handOver.poll(wait, TimeUnit.NANOSECONDS);
                if (r != null) { r.run(); return; } // data arrived: handle it now rather than sleep on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- for HostTcpPeer ----

    /** Posts work from a host-socket thread; it runs on the machine thread in {@link #beforeRun}. Thread-safe. */
    void post(Runnable r) {
        handOver.add(r);
        Runnable w = wakeup;
        if (w != null) w.run();
    }

    private volatile Runnable wakeup;

    @Override public void setWakeup(Runnable wakeup) { this.wakeup = wakeup; }

    void liveOpened() {
        if (liveConnections++ == 0) {
            wallAnchorNs = System.nanoTime();
            virtualAnchorPs = sched.now();
        }
    }

    void liveClosed() { if (liveConnections > 0) liveConnections--; }

    /** Console message; thread-safe as far as the reporter is. */
    void report(String message) { reporter.accept(message); }

    private void reportOnce(String key, String message) {
        if (reported.add(key)) reporter.accept(message);
    }
}
