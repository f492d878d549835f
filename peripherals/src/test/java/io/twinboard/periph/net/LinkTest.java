package io.twinboard.periph.net;

import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The link model alone: latency, jitter, bandwidth, segmenting, flow control, loss, injections. */
class LinkTest {
    static final Ipv4 PEER = Ipv4.of(10, 0, 0, 1);

    /** A chip end with a settable RX space that records what happens and when. */
    static final class FakeChip implements Link.ChipEnd {
        final Scheduler sched;
        int rxFree = 1 << 20;
        long establishedAt = -1, finAt = -1, rstAt = -1, lastDataAt = -1;
        int acked;
        final List<Integer> segments = new ArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        FakeChip(Scheduler s) { sched = s; }
        @Override public int rxFree() { return rxFree; }
        @Override public void established() { establishedAt = sched.now(); }
        @Override public void deliver(byte[] d) {
            assertTrue(d.length <= rxFree, "never more than the window");
            rxFree -= d.length;
            segments.add(d.length);
            data.writeBytes(d);
            lastDataAt = sched.now();
        }
        @Override public void acked(int bytes) { acked += bytes; }
        @Override public void finAcked() { }
        @Override public void peerFin() { finAt = sched.now(); }
        @Override public void peerReset() { rstAt = sched.now(); }
    }

    static final class Peer implements PeerHandler {
        Link.PeerChannel ch;
        long connectedAt = -1;
        long drained;
        final List<Long> arrivals = new ArrayList<>();
        @Override public void drained(Link.PeerChannel c, int bytes) { drained += bytes; }
        @Override public void connected(Link.PeerChannel c) { ch = c; connectedAt = c.scheduler().now(); }
        @Override public void readable(Link.PeerChannel c) { arrivals.add(c.scheduler().now()); c.input().readAll(); }
    }

    record Setup(Scheduler sched, FakeChip chip, Peer peer, Link link) {}

    static Setup connect(LinkProfile p) {
        Scheduler s = new Scheduler();
        Network net = new Network(s).setReporter(m -> { });
        Peer peer = new Peer();
        net.addEndpoint(PEER, 1, Endpoint.inProcess(() -> peer), p);
        FakeChip chip = new FakeChip(s);
        Network.ConnectResult r = net.connect(0, PEER, 1, chip);
        Link link = ((Network.ConnectResult.Connected) r).link();
        s.advanceTo(s.now() + VirtualTime.ofSeconds(5));
        return new Setup(s, chip, peer, link);
    }

    static final long MS = VirtualTime.PS_PER_MS;

    @Test void handshakeTakesOneRoundTrip() {
        Setup st = connect(LinkProfile.lan().withLatency(MS, 0));
        assertEquals(MS, st.peer.connectedAt);
        assertEquals(2 * MS, st.chip.establishedAt);
    }

    @Test void satelliteRoundTripIsAbout640ms() {
        Setup st = connect(LinkProfile.satellite());
        double rttMs = st.chip.establishedAt / (double) MS;
        assertTrue(rttMs >= 640 && rttMs <= 660, "RTT " + rttMs + " ms");
        long t0 = st.sched.now();
        st.link.chipSend(new byte[100]);
        st.sched.advanceTo(t0 + VirtualTime.ofSeconds(2));
        double oneWay = (st.peer.arrivals.getFirst() - t0) / (double) MS;
        assertTrue(oneWay >= 320 && oneWay <= 331, "one way " + oneWay + " ms");
    }

    @Test void bandwidthSerializesSegmentsInOrder() {
        LinkProfile p = LinkProfile.lan().withLatency(10 * MS, 0).withBandwidth(1_000_000).withSegmentSize(1000);
        Setup st = connect(p);
        long t0 = st.sched.now();
        st.peer.ch.send(new byte[100_000]);
        st.sched.advanceTo(t0 + VirtualTime.ofSeconds(5));
        assertEquals(100, st.chip.segments.size());
        assertTrue(st.chip.segments.stream().allMatch(n -> n == 1000));
        // 100 000 bytes at 1 Mbit/s = 800 ms on the wire, plus 10 ms latency.
        assertEquals(810 * MS, st.chip.lastDataAt - t0);
    }

    @Test void jitterIsDeterministicPerSeedAndNeverReorders() {
        LinkProfile p = LinkProfile.lan().withLatency(MS, 5 * MS);
        List<Long> a = arrivals(p), b = arrivals(p), c = arrivals(p.withSeed(42));
        assertEquals(a, b, "same seed, same times");
        assertNotEquals(a, c, "another seed, other times");
        for (int i = 1; i < a.size(); i++) assertTrue(a.get(i) >= a.get(i - 1));
    }

    private static List<Long> arrivals(LinkProfile p) {
        Setup st = connect(p);
        for (int i = 0; i < 20; i++) st.link.chipSend(new byte[10]);
        st.sched.advanceTo(st.sched.now() + VirtualTime.ofSeconds(1));
        return st.peer.arrivals;
    }

    @Test void lossIsOnlyDelay() {
        LinkProfile p = LinkProfile.lan().withLatency(MS, 0).withLoss(0.3).withSegmentSize(100);
        Setup st = connect(p);
        byte[] sent = new byte[10_000];
        for (int i = 0; i < sent.length; i++) sent[i] = (byte) i;
        long t0 = st.sched.now();
        st.peer.ch.send(sent);
        st.sched.advanceTo(t0 + VirtualTime.ofSeconds(60));
        assertArrayEquals(sent, st.chip.data.toByteArray());
        long lossless = MS + p.serializationPs(10_000);
        assertTrue(st.chip.lastDataAt - t0 >= lossless + p.retransmitPs(), "some segment was retransmitted");
    }

    @Test void zeroWindowStopsThePeerUntilUpdated() {
        Setup st = connect(LinkProfile.lan().withLatency(MS, 0));
        st.chip.rxFree = 3000;
        long t0 = st.sched.now();
        st.peer.ch.send(new byte[10_000]);
        st.sched.advanceTo(t0 + VirtualTime.ofSeconds(1));
        assertEquals(3000, st.chip.data.size());
        assertEquals(7000, st.link.peerBacklog());
        st.chip.rxFree = 10_000;
        long t1 = st.sched.now();
        st.link.chipWindowOpened();
        st.sched.advanceTo(t1 + VirtualTime.ofSeconds(1));
        assertEquals(10_000, st.chip.data.size());
        assertTrue(st.chip.lastDataAt - t1 >= 2 * MS, "update travels to the peer, data travels back");
        assertEquals(10_000, st.link.bytesFromPeer());
    }

    @Test void everyByteLeavingThePeersQueueIsReportedDrained() {
        Setup st = connect(LinkProfile.lan().withLatency(MS, 0));
        st.chip.rxFree = 3000;
        st.peer.ch.send(new byte[10_000]);
        assertEquals(3000, st.peer.drained, "on the wire: as far as the window allows");
        st.sched.advanceTo(st.sched.now() + VirtualTime.ofSeconds(1));
        assertEquals(3000, st.peer.drained, "the rest waits for window");
        st.peer.ch.reset();
        assertEquals(10_000, st.peer.drained, "a reset discards the backlog");
        st.peer.ch.send(new byte[500]);
        assertEquals(10_500, st.peer.drained, "bytes sent after the reset are discarded at once");
        assertEquals(0, st.link.peerBacklog());
    }

    @Test void injectedHalfCloseAndReset() {
        Setup st = connect(LinkProfile.lan().withLatency(MS, 0));
        long t0 = st.sched.now();
        st.link.injectHalfClose();
        st.sched.advanceTo(t0 + 10 * MS);
        assertEquals(t0 + MS, st.chip.finAt);
        st.link.injectReset();
        st.sched.advanceTo(t0 + 20 * MS);
        assertEquals(t0 + 10 * MS + MS, st.chip.rstAt);
        assertFalse(st.link.isOpen());
    }

    @Test void chipDataIsAcknowledgedAfterARoundTrip() {
        Setup st = connect(LinkProfile.lan().withLatency(MS, 0).withBandwidth(8_000_000));
        long t0 = st.sched.now();
        st.link.chipSend(new byte[1000]); // 1 ms on the wire at 8 Mbit/s
        st.sched.advanceTo(t0 + 3 * MS - 1);
        assertEquals(0, st.chip.acked);
        st.sched.advanceTo(t0 + 3 * MS);
        assertEquals(1000, st.chip.acked);
        assertEquals(1000, st.link.bytesToPeer());
    }

    @Test void unconfiguredDestinationIsRefusedAndReported() {
        Scheduler s = new Scheduler();
        List<String> msgs = new ArrayList<>();
        Network net = new Network(s).setReporter(msgs::add);
        assertInstanceOf(Network.ConnectResult.Refused.class, net.connect(2, Ipv4.of(1, 1, 1, 1), 80, new FakeChip(s)));
        net.connect(2, Ipv4.of(1, 1, 1, 1), 80, new FakeChip(s));
        assertEquals(1, msgs.size(), "reported once");
        assertTrue(msgs.getFirst().contains("1.1.1.1:80"));
        assertTrue(net.links().isEmpty());
    }

    @Test void byteQueueWrapsAndGrows() {
        ByteQueue q = new ByteQueue(16);
        for (int round = 0; round < 50; round++) {
            byte[] b = new byte[round + 3];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (round + i);
            q.write(b);
            assertEquals(round & 0xFF, q.peek(0));
            assertArrayEquals(b, q.take(b.length));
        }
        assertTrue(q.isEmpty());
        for (int i = 0; i < 1000; i++) q.write(i);
        ByteQueue other = new ByteQueue();
        assertEquals(600, other.moveFrom(q, 600));
        assertEquals(400, q.size());
        assertEquals(600 & 0xFF, q.peek(0));
        assertEquals(599 & 0xFF, other.peek(599));
    }
}
