package io.twinboard.periph.w5500;

import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Endpoint;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.Link;
import io.twinboard.periph.net.LinkProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.twinboard.periph.w5500.W5500Socket.*;
import static io.twinboard.periph.w5500.WizHost.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * TCP flow control against a real host peer on 127.0.0.1 (datasheet v1.0.9 §4.2 Sn_RX_RSR, RECV:
 * a full RX buffer closes the window): the firmware reads far slower than the peer writes, so
 * the peer's writes must block, our side must buffer no more than the chip's RX buffer, and
 * every byte must arrive, in order.
 */
class W5500HostFlowControlTest {
    static final Ipv4 BROKER = Ipv4.of(192, 168, 1, 50);
    static final int TOTAL = 1 << 20;
    /** The default socket RX buffer (Sn_RXBUF_SIZE = 2 KB): the bound on what our side may hold. */
    static final int RX_BUF = 2048;
    /** The peer's own send buffer, fixed so the kernel cannot autotune megabytes of it. */
    static final int PEER_SNDBUF = 16 * 1024;

    /** A host server that writes {@code payload} in 1 KB writes, counting what its writes returned from. */
    static final class Writer implements Runnable {
        final ServerSocket server;
        final byte[] payload;
        final AtomicLong written = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);

        Writer(ServerSocket server, byte[] payload) { this.server = server; this.payload = payload; }

        @Override public void run() {
            try (Socket c = server.accept()) {
                c.setSendBufferSize(PEER_SNDBUF);
                OutputStream out = c.getOutputStream();
                for (int off = 0; off < payload.length; off += 1024) {
                    out.write(payload, off, 1024);
                    written.addAndGet(1024);
                }
                c.shutdownOutput();
                c.getInputStream().read(); // wait for the chip's FIN
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        }

        Thread start() {
            Thread t = new Thread(this, "peer-writer");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }

    static byte[] payload() {
        byte[] b = new byte[TOTAL];
        new SplittableRandom(42).nextBytes(b);
        return b;
    }

    @Test @Timeout(120)
    void aSlowFirmwareHoldsBackARealPeerAndLosesNothing() throws Exception {
        byte[] payload = payload();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Writer peer = new Writer(server, payload);
            peer.start();
            WizHost h = new WizHost();
            h.net.addEndpoint(BROKER, 8883, Endpoint.hostTcp("127.0.0.1", server.getLocalPort()), LinkProfile.lan());
            h.socket(0, MODE_TCP, 40000);
            assertEquals(SOCK_OK, h.connect(0, BROKER, 8883));
            Link link = h.net.links().getFirst();

            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int maxBacklog = 0;
            long writtenAtQuarter = -1;
            long limit = h.sched.now() + VirtualTime.ofSeconds(60);
            while (got.size() < TOTAL) {
                assertTrue(h.sched.now() < limit, "stalled after " + got.size() + " bytes");
                h.advance(VirtualTime.ofMillis(1)); // the firmware is busy elsewhere for 1 ms
                got.writeBytes(h.recv(0, 1024));    // then takes at most 1 KB
                maxBacklog = Math.max(maxBacklog, link.peerBacklog());
                if (writtenAtQuarter < 0 && got.size() >= TOTAL / 4) writtenAtQuarter = peer.written.get();
            }
            assertTrue(writtenAtQuarter < TOTAL / 2,
                    "the peer's writes block: with a quarter received it had written " + writtenAtQuarter + " of " + TOTAL);
            assertTrue(maxBacklog <= RX_BUF, "our side holds at most the RX buffer size, held " + maxBacklog);
            assertArrayEquals(payload, got.toByteArray(), "every byte, in order");

            assertTrue(h.waitUntil(() -> h.sr(0) == SOCK_CLOSE_WAIT, VirtualTime.ofSeconds(10), POLL_PS), "the peer's FIN after its data");
            assertEquals(0, h.rxRsr(0), "nothing after the FIN");
            assertEquals(SOCK_OK, h.disconnect(0));
            assertTrue(peer.done.await(10, TimeUnit.SECONDS));
            assertNull(peer.failure.get());
            assertEquals(TOTAL, link.bytesFromPeer());
        }
    }

    @Test @Timeout(60)
    void closingTheSocketReleasesAReaderHeldByFlowControl() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Writer peer = new Writer(server, payload());
            peer.start();
            WizHost h = new WizHost();
            String readerName = "host-tcp 127.0.0.1:" + server.getLocalPort();
            h.net.addEndpoint(BROKER, 8883, Endpoint.hostTcp("127.0.0.1", server.getLocalPort()), LinkProfile.lan());
            h.socket(0, MODE_TCP, 40000);
            assertEquals(SOCK_OK, h.connect(0, BROKER, 8883));
            Thread reader = thread(readerName).orElseThrow();

            // The firmware never reads: the RX buffer fills, then the reader must stop (wait, not read).
            assertTrue(h.waitUntil(() -> h.rxRsr(0) == RX_BUF && reader.getState() == Thread.State.WAITING,
                    VirtualTime.ofSeconds(10), VirtualTime.ofMillis(1)), "reader state " + reader.getState());
            // The kernel buffers between the peer and the reader fill up; then the peer's write blocks.
            long written, before = -1, wallLimit = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((written = peer.written.get()) != before && System.nanoTime() < wallLimit) {
                before = written;
                Thread.sleep(100); // wall-clock time for a peer that is not blocked to write on
                h.advance(VirtualTime.ofMillis(1));
            }
            assertTrue(written < TOTAL / 4, "the peer's writes block early; it wrote " + written);
            assertTrue(h.net.links().getFirst().peerBacklog() <= RX_BUF);

            h.close(0); // CLOSE: the link closes, the peer sees RST
            reader.join(10_000);
            assertFalse(reader.isAlive(), "the closed link released the reader");
            assertTrue(peer.done.await(10, TimeUnit.SECONDS));
            assertNotNull(peer.failure.get(), "the peer's blocked write fails with the reset");
        }
    }

    private static Optional<Thread> thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst();
    }
}
