package io.twinboard.periph.w5500;

import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.ByteQueue;
import io.twinboard.periph.net.Endpoint;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.Link;
import io.twinboard.periph.net.LinkProfile;
import io.twinboard.periph.net.PeerHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static io.twinboard.periph.w5500.W5500Socket.*;
import static io.twinboard.periph.w5500.WizHost.*;
import static org.junit.jupiter.api.Assertions.*;

/** TCP through the chip against in-process peers, in virtual time. */
class W5500TcpTest {
    static final Ipv4 SERVER = Ipv4.of(192, 168, 1, 10);

    /** A peer that records what arrives, segment by segment, and can be told to send. */
    static final class Recorder implements PeerHandler {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<Integer> segments = new ArrayList<>();
        Link.PeerChannel ch;
        boolean finished;

        @Override public void connected(Link.PeerChannel c) { ch = c; }

        @Override public void readable(Link.PeerChannel c) {
            ByteQueue in = c.input();
            segments.add(in.size());
            received.writeBytes(in.readAll());
        }

        @Override public void chipFinished(Link.PeerChannel c) { finished = true; c.finish(); }
    }

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed + (i >>> 8));
        return b;
    }

    @Test void commandRegisterClearsAfterProcessingTime() {
        WizHost h = new WizHost();
        h.write8(sreg(0), 0x00, MODE_TCP);
        long t0 = h.sched.now();
        h.write8(sreg(0), 0x01, CMD_OPEN);
        assertEquals(CMD_OPEN, h.chip.socket(0).cr.get(), "Sn_CR holds the command until taken");
        assertEquals(SOCK_CLOSED, h.chip.socketState(0));
        h.sched.advanceTo(t0 + 3 * BYTE_PS + W5500.COMMAND_PS);
        assertEquals(0, h.read8(sreg(0), 0x01));
        assertEquals(SOCK_INIT, h.sr(0));
    }

    @Test void echoThroughStateMachine() {
        WizHost h = new WizHost();
        h.net.addEndpoint(SERVER, 7, Endpoint.inProcess(PeerHandler::echo), LinkProfile.lan());
        h.socket(0, MODE_TCP, 50000);
        assertEquals(SOCK_INIT, h.sr(0));
        h.write(sreg(0), 0x0C, SERVER.toBytes());
        h.write16(sreg(0), 0x10, 7);
        h.command(0, CMD_CONNECT);
        assertEquals(SOCK_SYNSENT, h.sr(0), "transient state while the SYN is out");
        assertTrue(h.waitUntil(() -> h.sr(0) == SOCK_ESTABLISHED, VirtualTime.ofMillis(5), POLL_PS));
        assertEquals(IR_CON, h.ir(0) & IR_CON);
        h.clearIr(0, IR_CON);
        assertEquals(0, h.ir(0));

        byte[] msg = "hello, broker".getBytes();
        assertEquals(msg.length, h.send(0, msg));
        assertTrue(h.waitUntil(() -> h.rxRsr(0) == msg.length, VirtualTime.ofMillis(5), POLL_PS));
        assertArrayEquals(msg, h.recv(0, 100));
        assertEquals(0, h.rxRsr(0));
        assertEquals(2048, h.txFsr(0));

        h.command(0, CMD_DISCON);
        assertEquals(SOCK_FIN_WAIT, h.sr(0));
        assertTrue(h.waitUntil(() -> h.sr(0) == SOCK_CLOSED, VirtualTime.ofMillis(5), POLL_PS));
        assertNotEquals(0, h.ir(0) & IR_DISCON);
        Link link = h.net.links().getFirst();
        assertEquals(msg.length, link.bytesToPeer());
        assertEquals(msg.length, link.bytesFromPeer());
        assertFalse(link.isOpen());
    }

    @Test void peerHalfCloseGivesCloseWaitThenLastAck() {
        WizHost h = new WizHost();
        Recorder peer = new Recorder();
        h.net.addEndpoint(SERVER, 80, Endpoint.inProcess(() -> peer));
        h.socket(1, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(1, SERVER, 80));
        peer.ch.send("bye".getBytes());
        peer.ch.link().injectHalfClose();
        assertTrue(h.waitUntil(() -> h.sr(1) == SOCK_CLOSE_WAIT, VirtualTime.ofMillis(5), POLL_PS));
        assertNotEquals(0, h.ir(1) & IR_DISCON);
        assertArrayEquals("bye".getBytes(), h.recv(1, 10), "data before the FIN is readable in CLOSE_WAIT");
        h.command(1, CMD_DISCON);
        assertEquals(SOCK_LAST_ACK, h.sr(1));
        assertTrue(h.waitUntil(() -> h.sr(1) == SOCK_CLOSED, VirtualTime.ofMillis(5), POLL_PS));
        assertTrue(peer.finished);
    }

    @Test void closeAbortsAndPeerResetCloses() {
        WizHost h = new WizHost();
        Recorder peer = new Recorder();
        h.net.addEndpoint(SERVER, 80, Endpoint.inProcess(() -> peer));
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 80));
        peer.ch.link().injectReset();
        assertTrue(h.waitUntil(() -> h.sr(0) == SOCK_CLOSED, VirtualTime.ofMillis(5), POLL_PS));
        h.socket(0, MODE_TCP, 40001);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 80));
        h.close(0);
        assertEquals(SOCK_CLOSED, h.sr(0));
        assertFalse(h.net.links().get(1).isOpen());
    }

    @Test void sendIsSegmentedByMss() {
        WizHost h = new WizHost();
        Recorder peer = new Recorder();
        h.net.addEndpoint(SERVER, 9, Endpoint.inProcess(() -> peer));
        h.socket(0, MODE_TCP, 40000);
        h.write16(sreg(0), 0x12, 536);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 9));
        byte[] data = pattern(2000, 1);
        assertEquals(2000, h.send(0, data));
        assertEquals(List.of(536, 536, 536, 392), peer.segments);
        assertArrayEquals(data, peer.received.toByteArray());

        // Default MSS 1460, capped by a peer accepting 1000-byte segments.
        WizHost h2 = new WizHost();
        Recorder p2 = new Recorder();
        h2.net.addEndpoint(SERVER, 9, Endpoint.inProcess(() -> p2), LinkProfile.lan().withSegmentSize(1000));
        h2.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h2.connect(0, SERVER, 9));
        assertEquals(2000, h2.send(0, data));
        assertEquals(List.of(1000, 1000), p2.segments);
        WizHost h3 = new WizHost();
        Recorder p3 = new Recorder();
        h3.net.addEndpoint(SERVER, 9, Endpoint.inProcess(() -> p3));
        h3.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h3.connect(0, SERVER, 9));
        assertEquals(2000, h3.send(0, data));
        assertEquals(List.of(1460, 540), p3.segments);
    }

    @Test void flowControlWithSmallRxBufferLosesNothing() {
        WizHost h = new WizHost();
        byte[] big = pattern(64 * 1024, 7);
        h.net.addEndpoint(SERVER, 1883, Endpoint.inProcess(() -> new PeerHandler() {
            @Override public void connected(Link.PeerChannel ch) { ch.send(big); }
            @Override public void readable(Link.PeerChannel ch) { }
        }));
        h.write8(sreg(0), 0x1E, 2);
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 1883));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int maxRsr = 0;
        long end = h.sched.now() + VirtualTime.ofSeconds(5);
        while (got.size() < big.length && h.sched.now() < end) {
            // A slow reader: waits until the buffer is full before draining part of it.
            h.advance(VirtualTime.ofMillis(1));
            int rsr = h.rxRsr(0);
            maxRsr = Math.max(maxRsr, rsr);
            got.writeBytes(h.recv(0, 700));
        }
        assertArrayEquals(big, got.toByteArray(), "all 64 KB, in order");
        assertEquals(2048, maxRsr, "the 2 KB RX buffer filled and stopped the peer");
        assertTrue(h.net.links().getFirst().segmentsToChip() > 64 * 1024 / 1460);
    }

    @Test void unreachableEndpointTimesOutAfterRetransmissions() {
        WizHost h = new WizHost();
        h.net.addEndpoint(SERVER, 8883, Endpoint.silent());
        h.socket(0, MODE_TCP, 40000);
        long t0 = h.sched.now();
        assertEquals(SOCKERR_TIMEOUT, h.connectPolling(0, SERVER, 8883));
        long elapsed = h.sched.now() - t0;
        assertEquals(31.8, elapsed / (double) VirtualTime.PS_PER_S, 0.01);
        assertEquals(SOCK_CLOSED, h.sr(0));
        assertEquals(31_800_000_000_000L, TcpEngine.tcpTimeoutPs(2000, 8));
        assertEquals(1_800_000_000_000L, TcpEngine.arpTimeoutPs(2000, 8));
    }

    @Test void absentHostGivesArpTimeout() {
        WizHost h = new WizHost();
        h.net.addAbsentHost(SERVER);
        h.write16(0, 0x19, 1000); // RTR 100 ms
        h.write8(0, 0x1B, 3);     // RCR 3
        h.socket(0, MODE_TCP, 40000);
        long t0 = h.sched.now();
        assertEquals(SOCKERR_TIMEOUT, h.connectPolling(0, SERVER, 1883));
        assertEquals(0.4, (h.sched.now() - t0) / (double) VirtualTime.PS_PER_S, 0.01);
    }

    @Test void timeoutIsRaisedNoLaterThanClosed() {
        WizHost h = new WizHost();
        h.net.addEndpoint(SERVER, 1, Endpoint.silent());
        h.write16(0, 0x19, 10);
        h.write8(0, 0x1B, 0);
        h.socket(0, MODE_TCP, 40000);
        h.write(sreg(0), 0x0C, SERVER.toBytes());
        h.write16(sreg(0), 0x10, 1);
        h.command(0, CMD_CONNECT);
        W5500Socket s = h.chip.socket(0);
        while (s.state() != SOCK_CLOSED) {
            assertEquals(0, s.ir.get() & IR_TIMEOUT, "TIMEOUT is not set while still SYNSENT");
            h.advance(VirtualTime.ofMicros(10));
        }
        assertNotEquals(0, s.ir.get() & IR_TIMEOUT);
    }

    @Test void refusedEndpointResetsQuicklyAndIsReported() {
        WizHost h = new WizHost();
        h.socket(0, MODE_TCP, 40000);
        long t0 = h.sched.now();
        assertEquals(SOCKERR_SOCKCLOSED, h.connect(0, Ipv4.of(8, 8, 4, 4), 443));
        assertTrue(h.sched.now() - t0 < VirtualTime.ofMillis(1));
        assertTrue(h.console.toString().contains("8.8.4.4:443 refused"), h.console.toString());
    }

    @Test void keepAliveOnDeadPathEndsInTimeout() {
        WizHost h = new WizHost();
        Recorder peer = new Recorder();
        h.net.addEndpoint(SERVER, 1883, Endpoint.inProcess(() -> peer));
        h.socket(0, MODE_TCP, 40000);
        h.write8(sreg(0), 0x2F, 2); // 10 s
        assertEquals(SOCK_OK, h.connect(0, SERVER, 1883));
        assertEquals(4, h.send(0, "ping".getBytes()));
        long t0 = h.sched.now();
        h.advance(VirtualTime.ofSeconds(25));
        Link link = h.net.links().getFirst();
        assertEquals(2, link.keepAlives(), "a probe every 10 s of idleness");
        assertEquals(SOCK_ESTABLISHED, h.sr(0));
        link.cut();
        assertTrue(h.waitUntil(() -> h.sr(0) == SOCK_CLOSED, VirtualTime.ofSeconds(60), VirtualTime.ofMillis(10)));
        assertNotEquals(0, h.ir(0) & IR_TIMEOUT);
        double closedAfter = (h.sched.now() - t0) / (double) VirtualTime.PS_PER_S;
        assertEquals(30 + 31.8, closedAfter, 0.05, "third probe at 30 s, then the TCP timeout");
    }

    @Test void manualKeepAliveBySendKeep() {
        WizHost h = new WizHost();
        h.net.addEndpoint(SERVER, 7, Endpoint.inProcess(PeerHandler::echo));
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 7));
        h.command(0, CMD_SEND_KEEP);
        assertEquals(0, h.net.links().getFirst().keepAlives(), "no keep-alive before a data exchange");
        h.send(0, "x".getBytes());
        h.command(0, CMD_SEND_KEEP);
        assertEquals(1, h.net.links().getFirst().keepAlives());
    }

    @Test void socketImrGatesIrAndIntn() {
        WizHost h = new WizHost();
        h.net.addEndpoint(SERVER, 7, Endpoint.inProcess(PeerHandler::echo));
        h.write8(0, 0x18, 0x01);             // SIMR: socket 0
        h.write8(sreg(0), 0x2C, IR_RECV);    // Sn_IMR: RECV only
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 7));
        assertEquals(0, h.ir(0), "CON is masked: no bit");
        assertTrue(h.intn.isHigh());
        h.write(txbuf(0), 0, "abc".getBytes());
        h.write16(sreg(0), 0x24, 3);
        h.command(0, CMD_SEND);
        assertTrue(h.waitUntil(() -> !h.intn.isHigh(), VirtualTime.ofMillis(5), VirtualTime.ofMicros(5)));
        assertEquals(IR_RECV, h.ir(0), "SENDOK masked, RECV set");
        assertEquals(0x01, h.read8(0, 0x17), "SIR bit 0");
        h.clearIr(0, IR_RECV);
        assertTrue(h.intn.isHigh());
        assertEquals(0, h.read8(0, 0x17));
        h.write8(0, 0x18, 0x00); // SIMR off: a new RECV sets Sn_IR but not INTn
        h.write16(sreg(0), 0x24, 6);
        h.command(0, CMD_SEND);
        h.advance(VirtualTime.ofMillis(2));
        assertEquals(IR_RECV, h.ir(0));
        assertTrue(h.intn.isHigh());
    }

    @Test void intLevelSpacesReassertion() {
        WizHost h = new WizHost();
        h.net.addEndpoint(SERVER, 7, Endpoint.inProcess(PeerHandler::echo));
        h.write8(0, 0x18, 0x01);
        h.write16(0, 0x13, 1000); // (1000+1) × 26.67 ns ≈ 26.7 µs
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 7));
        assertFalse(h.intn.isHigh());
        W5500Socket s = h.chip.socket(0);
        long released = h.sched.now();
        s.bank.write(0x02, 1, 0xFF); // clear Sn_IR without SPI time
        assertTrue(h.intn.isHigh());
        s.raise(IR_RECV);
        assertTrue(h.intn.isHigh(), "held off by INTLEVEL");
        h.sched.advanceTo(released + 1001 * W5500.INTLEVEL_UNIT_PS - 1);
        assertTrue(h.intn.isHigh());
        h.sched.advanceTo(released + 1001 * W5500.INTLEVEL_UNIT_PS);
        assertFalse(h.intn.isHigh());
    }

    @Test void rxSizeReadsTornAcrossTwoFrames() {
        WizHost h = new WizHost();
        Recorder peer = new Recorder();
        h.net.addEndpoint(SERVER, 7, Endpoint.inProcess(() -> peer), LinkProfile.lan().withLatency(VirtualTime.ofMicros(100), 0));
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 7));
        peer.ch.send(pattern(255, 0));
        h.advance(VirtualTime.ofMillis(1));
        assertEquals(0x00FF, h.rxRsr(0));
        peer.ch.send(pattern(1, 9)); // arrives 100 µs later: RSR becomes 0x0100
        int hi = h.read8(sreg(0), 0x26);
        h.advance(VirtualTime.ofMicros(200));
        int lo = h.read8(sreg(0), 0x27);
        assertEquals(0x0000, hi << 8 | lo, "high byte from before (0x00), low byte from after (0x00)");
        assertEquals(0x0100, h.rxRsr(0), "the double read sees the true value");
    }

    @Test void listeningSocketAcceptsADialingPeer() {
        WizHost h = new WizHost();
        h.socket(2, MODE_TCP, 443);
        h.command(2, CMD_LISTEN);
        assertEquals(SOCK_LISTEN, h.sr(2));
        Recorder client = new Recorder();
        Ipv4 browser = Ipv4.of(192, 168, 1, 77);
        Link link = h.net.dial(browser, 51000, 443, client, LinkProfile.lan().withLatency(VirtualTime.ofMillis(1), 0));
        h.advance(VirtualTime.ofMicros(1500));
        assertEquals(SOCK_SYNRECV, h.sr(2), "transient: SYN in, SYN-ACK out");
        assertTrue(h.waitUntil(() -> h.sr(2) == SOCK_ESTABLISHED, VirtualTime.ofMillis(5), POLL_PS));
        assertNotEquals(0, h.ir(2) & IR_CON);
        assertArrayEquals(browser.toBytes(), h.read(sreg(2), 0x0C, 4));
        assertEquals(51000, h.read16(sreg(2), 0x10));
        client.ch.send("GET / HTTP/1.1\r\n\r\n".getBytes());
        assertTrue(h.waitUntil(() -> h.rxRsr(2) == 18, VirtualTime.ofMillis(5), POLL_PS));
        assertEquals("GET / HTTP/1.1\r\n\r\n", new String(h.recv(2, 100)));
        assertEquals(5, h.send(2, "hello".getBytes()));
        assertEquals("hello", client.received.toString());
        assertEquals(SOCK_OK, h.disconnect(2));
        assertTrue(client.finished);
        assertEquals(2, link.socket());

        boolean[] reset = {false};
        h.net.dial(browser, 51001, 443, new PeerHandler() {
            @Override public void readable(Link.PeerChannel ch) { }
            @Override public void chipReset(Link.PeerChannel ch) { reset[0] = true; }
        }, LinkProfile.lan());
        h.advance(VirtualTime.ofMillis(5));
        assertTrue(reset[0], "nobody listens any more: RST");
        assertTrue(h.console.toString().contains("no socket listens"));
    }

    @Test void pathDyingWithDataInFlightEndsInTimeoutFromTheSend() {
        WizHost h = new WizHost();
        Recorder peer = new Recorder();
        h.net.addEndpoint(SERVER, 1883, Endpoint.inProcess(() -> peer), LinkProfile.satellite());
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connectPolling(0, SERVER, 1883));
        h.write(txbuf(0), 0, new byte[100]);
        h.write16(sreg(0), 0x24, 100);
        h.command(0, CMD_SEND);
        long sentAt = h.sched.now();
        h.advance(VirtualTime.ofMillis(100));
        h.net.links().getFirst().cut(); // segment still in the air
        assertTrue(h.waitUntil(() -> h.sr(0) == SOCK_CLOSED, VirtualTime.ofSeconds(40), VirtualTime.ofMillis(10)));
        assertNotEquals(0, h.ir(0) & IR_TIMEOUT);
        assertEquals(0, h.ir(0) & IR_SENDOK);
        assertEquals(31.8, (h.sched.now() - sentAt) / (double) VirtualTime.PS_PER_S, 0.02);
        assertEquals(0, peer.received.size());
    }

    @Test void slowAcknowledgementOnALiveLinkIsNotATimeout() {
        WizHost h = new WizHost();
        Recorder peer = new Recorder();
        // RTR 10 ms, RCR 0: a 10 ms give-up time, far below the 640 ms satellite round trip.
        h.write16(0, 0x19, 100);
        h.write8(0, 0x1B, 0);
        h.net.addEndpoint(SERVER, 1883, Endpoint.inProcess(() -> peer), LinkProfile.satellite());
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connectPolling(0, SERVER, 1883));
        assertEquals(10, h.send(0, new byte[10]));
        assertEquals(SOCK_ESTABLISHED, h.sr(0));
    }

    /** Virtual time at which a 20 KB download over a jittery satellite link completes. */
    private static long satelliteDownload() {
        WizHost h = new WizHost();
        byte[] data = pattern(20_000, 5);
        h.net.addEndpoint(SERVER, 80, Endpoint.inProcess(() -> new PeerHandler() {
            @Override public void connected(Link.PeerChannel ch) { ch.send(data); }
            @Override public void readable(Link.PeerChannel ch) { }
        }), LinkProfile.satellite().withLoss(0.05));
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connectPolling(0, SERVER, 80));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < data.length) {
            h.advance(VirtualTime.ofMillis(1));
            got.writeBytes(h.recv(0, 4096));
        }
        assertArrayEquals(data, got.toByteArray());
        return h.sched.now();
    }

    @Test void runsAreDeterministic() {
        long a = satelliteDownload(), b = satelliteDownload();
        assertEquals(a, b, "same configuration, same virtual timeline");
        assertTrue(a > VirtualTime.ofMillis(640 * 2), "handshake plus a window round trip at least");
    }
}
