package io.twinboard.periph.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real TCP server on the host as the peer of a chip socket. Two daemon threads (reader, writer)
 * do blocking socket I/O; everything that must touch the link is posted to the network's
 * hand-over queue and runs on the machine thread in {@link Network#beforeRun}, stamped with the
 * virtual time of that moment. Bytes from the chip are copied out of the link's input queue on
 * the machine thread and handed to the writer thread as arrays it then owns.
 *
 * <p>Flow control towards the chip (the W5500 advertises its free RX space as the TCP window,
 * datasheet §4.2 Sn_RX_RSR/RECV): the reader holds at most the chip socket's RX buffer size
 * (Sn_RXBUF_SIZE, 2 KB by default) of bytes the link has not yet put on the wire to the chip
 * ({@link ReadGate}); beyond that it stops reading until the firmware's RECV opens the window and
 * the link drains ({@link #drained}). The host socket's receive buffer is fixed at
 * {@link #HOST_RCVBUF} bytes, so the real peer's writes block once that much more is unread — as
 * against a board whose firmware reads slowly — instead of vanishing into an autotuned kernel
 * window of megabytes. Closing the link releases a reader waiting for room.
 */
final class HostTcpPeer implements PeerHandler {
    private static final byte[] EOF = new byte[0];
    private static final byte[] RESET = new byte[0];
    private static final byte[] CLOSE = new byte[0];
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /**
     * SO_RCVBUF of the host socket, bytes: the W5500's whole RX memory (16 KB, datasheet §5), the
     * largest window a chip socket can advertise. Linux doubles it for bookkeeping.
     */
    static final int HOST_RCVBUF = 16 * 1024;

    private final String host;
    private final int port;
    private final Network net;
    private final BlockingQueue<byte[]> toHost = new LinkedBlockingQueue<>();
    private boolean live;
    /** Created on the machine thread before the reader thread starts (Thread.start orders it). */
    private ReadGate gate;

    HostTcpPeer(String host, int port, Network net) {
        this.host = host;
        this.port = port;
        this.net = net;
    }

    @Override public boolean acceptsAtOnce() { return false; }

    @Override public void connected(Link.PeerChannel ch) {
        live = true;
        net.liveOpened();
        ReadGate g = gate = new ReadGate(ch.link().chipRxSize());
        Thread t = new Thread(() -> run(ch, g), "host-tcp " + host + ":" + port);
        t.setDaemon(true);
        t.start();
    }

    private void run(Link.PeerChannel ch, ReadGate gate) {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setReceiveBufferSize(HOST_RCVBUF); // before connect: the window scale is negotiated in the SYN
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            String why = e.getMessage();
            closeQuietly(s);
            net.post(() -> {
                net.report("connection to host " + host + ":" + port + " failed: " + why + " (the chip sees RST)");
                ch.reset();
            });
            return;
        }
        net.post(ch::accept);
        Thread writer = new Thread(() -> write(s), "host-tcp-w " + host + ":" + port);
        writer.setDaemon(true);
        writer.start();
        byte[] buf = new byte[4096];
        try {
            InputStream in = s.getInputStream();
            int room;
            while ((room = gate.awaitRoom()) > 0) { // 0: the link closed while we waited
                int n = in.read(buf, 0, Math.min(buf.length, room));
                if (n < 0) { net.post(ch::finish); return; }
                gate.read(n); // counted before it is posted: the machine thread never takes uncounted bytes
                byte[] chunk = java.util.Arrays.copyOf(buf, n);
                net.post(() -> ch.send(chunk));
            }
        } catch (IOException e) {
            if (!s.isClosed()) net.post(ch::reset);
        } catch (InterruptedException e) { // nobody interrupts this daemon thread; if so, the chip sees RST
            closeQuietly(s);
            net.post(ch::reset);
        }
    }

    private void write(Socket s) {
        try {
            OutputStream out = s.getOutputStream(); // not closed here: closing it would close the socket
            while (true) {
                byte[] b = toHost.take();
                if (b == EOF) { s.shutdownOutput(); continue; } // half-close; the reader still runs
                if (b == CLOSE) { s.close(); return; }
                if (b == RESET) { s.setSoLinger(true, 0); s.close(); return; }
                out.write(b);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            closeQuietly(s);
        }
    }

    @Override public void readable(Link.PeerChannel ch) {
        if (!ch.input().isEmpty()) toHost.add(ch.input().readAll());
    }

    /** The link took bytes we read (machine thread): room for the reader. */
    @Override public void drained(Link.PeerChannel ch, int bytes) {
        if (gate != null) gate.taken(bytes);
    }

    @Override public void chipFinished(Link.PeerChannel ch) {
        toHost.add(EOF);
    }

    @Override public void chipReset(Link.PeerChannel ch) {
        toHost.add(RESET); // the writer thread closes the socket, or will once connected
    }

    /** The link closed (machine thread): this connection no longer paces virtual time. */
    void linkClosed() {
        toHost.add(CLOSE); // after the chip's FIN and the host's EOF: release the socket
        if (gate != null) gate.close(); // a reader waiting for window must not wait for ever
        if (!live) return;
        live = false;
        net.liveClosed();
    }

    private static void closeQuietly(Socket s) {
        if (s == null) return;
        try { s.close(); } catch (IOException ignored) { /* already closed */ }
    }
}
