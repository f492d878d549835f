package io.twinboard.periph.w5500;

import io.twinboard.periph.net.Endpoint;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.Link;
import io.twinboard.periph.net.PeerHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static io.twinboard.periph.w5500.W5500Socket.*;
import static io.twinboard.periph.w5500.WizHost.*;
import static org.junit.jupiter.api.Assertions.*;

/** Buffer memory: allocation in socket order, pointer wrap inside a socket's block (one burst), resizing. */
class W5500BufferTest {
    static final Ipv4 SERVER = Ipv4.of(10, 0, 0, 2);
    static final int SOCK = 3;

    /** Sizes (KB) for sockets 0..7 so that socket 3 gets {@code kb} and starts after lower blocks. */
    static int[] layout(int kb) {
        int[] sizes = new int[8];
        int left = 16 - kb;
        for (int i = 0; i < SOCK; i++) {
            int p = 8;
            while (p > left) p >>= 1;
            sizes[i] = left == 0 ? 0 : p;
            left -= sizes[i];
        }
        sizes[SOCK] = kb;
        return sizes;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 16})
    void txAndRxBurstsWrapInsideTheBlock(int kb) {
        WizHost h = new WizHost();
        W5500TcpTest.Recorder peer = new W5500TcpTest.Recorder();
        h.net.addEndpoint(SERVER, 7, Endpoint.inProcess(() -> peer));
        int[] sizes = layout(kb);
        for (int i = 0; i < 8; i++) {
            h.write8(sreg(i), 0x1F, sizes[i]);
            h.write8(sreg(i), 0x1E, sizes[i]);
        }
        int base = Arrays.stream(sizes, 0, SOCK).sum() * 1024;
        int size = kb * 1024;
        assertEquals(base, h.chip.memory.txBase(SOCK));
        assertEquals(size, h.txFsr(SOCK));
        h.socket(SOCK, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(SOCK, SERVER, 7));

        // TX: move the pointer to 16 bytes before the end of the block, then one 32-byte burst.
        byte[] filler = W5500TcpTest.pattern(size - 16, 3);
        for (int off = 0; off < filler.length; off += 1024)
            h.send(SOCK, Arrays.copyOfRange(filler, off, Math.min(filler.length, off + 1024)));
        byte[] burst = W5500TcpTest.pattern(32, 99);
        peer.received.reset();
        assertEquals(32, h.send(SOCK, burst));
        assertArrayEquals(burst, peer.received.toByteArray(), "the peer gets the burst in order");
        assertArrayEquals(Arrays.copyOfRange(burst, 16, 32), Arrays.copyOfRange(h.chip.memory.tx, base, base + 16),
                "the second half wrapped to the start of socket 3's block");
        assertEquals(size + 16, h.read16(sreg(SOCK), 0x24), "pointers run free past the block size");

        // RX: the same on the receive side, read in a single VDM burst.
        for (int off = 0; off < size - 16; off += 1000) {
            int n = Math.min(1000, size - 16 - off);
            peer.ch.send(W5500TcpTest.pattern(n, off));
            assertTrue(h.waitUntil(() -> h.rxRsr(SOCK) == n, 1_000_000_000L, POLL_PS));
            h.recv(SOCK, n);
        }
        byte[] incoming = W5500TcpTest.pattern(32, 55);
        peer.ch.send(incoming);
        assertTrue(h.waitUntil(() -> h.rxRsr(SOCK) == 32, 1_000_000_000L, POLL_PS));
        assertEquals(size - 16, h.read16(sreg(SOCK), 0x28));
        assertArrayEquals(incoming, h.recv(SOCK, 32));
        assertArrayEquals(Arrays.copyOfRange(incoming, 16, 32), Arrays.copyOfRange(h.chip.memory.rx, base, base + 16));
        assertTrue(h.log.entries().isEmpty(), () -> h.log.entries().toString());
    }

    @Test void sixteenBitPointersWrapPast0xFFFF() {
        WizHost h = new WizHost();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        h.net.addEndpoint(SERVER, 7, Endpoint.inProcess(() -> (PeerHandler) ch -> got.writeBytes(ch.input().readAll())));
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 7));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < 34; i++) {
            byte[] chunk = W5500TcpTest.pattern(2000, i);
            sent.writeBytes(chunk);
            assertEquals(2000, h.send(0, chunk));
        }
        assertEquals(68000 & 0xFFFF, h.read16(sreg(0), 0x24));
        assertEquals(68000 & 0xFFFF, h.read16(sreg(0), 0x22), "Sn_TX_RD caught up");
        assertArrayEquals(sent.toByteArray(), got.toByteArray());
    }

    @Test void blocksMoveWhenLowerSocketsAreResized() {
        WizHost h = new WizHost();
        h.write8(sreg(0), 0x1F, 4);
        h.write(txbuf(1), 0x0000, new byte[] {0x11, 0x22});
        assertEquals(0x11, h.chip.memory.tx[4096]);
        h.write8(sreg(0), 0x1F, 8);
        assertEquals(8192, h.chip.memory.txBase(1));
        h.write(txbuf(1), 0x0000, new byte[] {0x33});
        assertEquals(0x33, h.chip.memory.tx[8192]);
        assertEquals(8192, h.txFsr(0));
        h.write8(sreg(2), 0x1F, 3); // not a valid size
        assertEquals(0, h.txFsr(2));
        assertTrue(h.log.entries().stream().anyMatch(e -> e.message().contains("Sn_TXBUF_SIZE=3")));
        for (int i = 0; i < 8; i++) h.write8(sreg(i), 0x1E, 4); // 32 KB of RX: over-committed
        assertFalse(h.log.entries().stream().anyMatch(e -> e.message().contains("RX buffer sizes total")), "not while configuring");
        h.socket(7, MODE_TCP, 1);
        assertTrue(h.log.entries().stream().anyMatch(e -> e.message().contains("RX buffer sizes total 32 KB")));
    }

    @Test void linkCountersSeeWhatCrossed() {
        WizHost h = new WizHost();
        h.net.addEndpoint(SERVER, 7, Endpoint.inProcess(PeerHandler::echo));
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCK_OK, h.connect(0, SERVER, 7));
        h.send(0, new byte[100]);
        assertTrue(h.waitUntil(() -> h.rxRsr(0) == 100, 1_000_000_000L, POLL_PS));
        Link l = h.chip.socketLink(0);
        assertEquals(100, l.bytesToPeer());
        assertEquals(100, l.bytesFromPeer());
        assertEquals(100, h.net.totalBytesToPeers());
    }
}
