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
 */
final class HostTcpPeer implements PeerHandler {
    private static final byte[] EOF = new byte[0];
    private static final byte[] RESET = new byte[0];
    private static final byte[] CLOSE = new byte[0];
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final String host;
    private final int port;
    private final Network net;
    private final BlockingQueue<byte[]> toHost = new LinkedBlockingQueue<>();
    private boolean live;

    HostTcpPeer(String host, int port, Network net) {
        this.host = host;
        this.port = port;
        this.net = net;
    }

    @Override public boolean acceptsAtOnce() { return false; }

    @Override public void connected(Link.PeerChannel ch) {
        live = true;
        net.liveOpened();
        Thread t = new Thread(() -> run(ch), "host-tcp " + host + ":" + port);
        t.setDaemon(true);
        t.start();
    }

    private void run(Link.PeerChannel ch) {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
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
            int n;
            while ((n = in.read(buf)) > 0) {
                byte[] chunk = java.util.Arrays.copyOf(buf, n);
                net.post(() -> ch.send(chunk));
            }
            net.post(ch::finish);
        } catch (IOException e) {
            if (!s.isClosed()) net.post(ch::reset);
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

    @Override public void chipFinished(Link.PeerChannel ch) {
        toHost.add(EOF);
    }

    @Override public void chipReset(Link.PeerChannel ch) {
        toHost.add(RESET); // the writer thread closes the socket, or will once connected
    }

    /** The link closed (machine thread): this connection no longer paces virtual time. */
    void linkClosed() {
        toHost.add(CLOSE); // after the chip's FIN and the host's EOF: release the socket
        if (!live) return;
        live = false;
        net.liveClosed();
    }

    private static void closeQuietly(Socket s) {
        if (s == null) return;
        try { s.close(); } catch (IOException ignored) { /* already closed */ }
    }
}
