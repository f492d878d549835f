package io.twinboard.periph.w5500;

import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Endpoint;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.LinkProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static io.twinboard.periph.w5500.W5500Socket.*;
import static io.twinboard.periph.w5500.WizHost.*;
import static org.junit.jupiter.api.Assertions.*;

/** A real host TCP server (on 127.0.0.1) as the peer, bytes crossing into virtual time with pacing. */
class W5500HostPeerTest {
    static final Ipv4 BROKER = Ipv4.of(192, 168, 1, 50);

    @Test @Timeout(30)
    void echoThroughTheChipToARealHostSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (Socket c = server.accept(); InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                    byte[] buf = new byte[1024];
                    int n;
                    while ((n = in.read(buf)) > 0) { out.write(buf, 0, n); out.flush(); }
                } catch (Exception ignored) { /* test ends */ }
            });
            echo.setDaemon(true);
            echo.start();

            WizHost h = new WizHost();
            h.net.addEndpoint(BROKER, 8883, Endpoint.hostTcp("127.0.0.1", server.getLocalPort()), LinkProfile.lan());
            h.socket(0, MODE_TCP, 40000);
            long wall0 = System.nanoTime(), virt0 = h.sched.now();
            assertEquals(SOCK_OK, h.connect(0, BROKER, 8883));
            assertEquals(1, h.net.liveConnections());
            byte[] msg = "MQTT over a real socket".getBytes();
            assertEquals(msg.length, h.send(0, msg));
            assertTrue(h.waitUntil(() -> h.rxRsr(0) == msg.length, VirtualTime.ofSeconds(10), POLL_PS));
            assertArrayEquals(msg, h.recv(0, 100));
            long virtElapsedNs = (h.sched.now() - virt0) / VirtualTime.PS_PER_NS;
            long wallElapsedNs = System.nanoTime() - wall0;
            assertTrue(virtElapsedNs <= wallElapsedNs + 2_000_000,
                    "paced: virtual " + virtElapsedNs + " ns must not run ahead of wall " + wallElapsedNs + " ns");

            assertEquals(SOCK_OK, h.disconnect(0));
            assertEquals(0, h.net.liveConnections(), "closed: no more pacing");
            assertEquals(msg.length, h.net.links().getFirst().bytesToPeer());
            assertEquals(msg.length, h.net.links().getFirst().bytesFromPeer());
        }
    }

    @Test @Timeout(30)
    void hostRefusingTheConnectionIsSeenAsReset() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); }
        WizHost h = new WizHost();
        h.net.addEndpoint(BROKER, 8883, Endpoint.hostTcp("127.0.0.1", port));
        h.socket(0, MODE_TCP, 40000);
        assertEquals(SOCKERR_SOCKCLOSED, h.connect(0, BROKER, 8883));
        assertTrue(h.console.toString().contains("failed"), h.console.toString());
        assertEquals(0, h.net.liveConnections());
    }
}
