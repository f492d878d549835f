package io.twinboard.bench.inspect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import io.twinboard.periph.net.LinkTap;

/**
 * A real TLS exchange between two JSSE engines in memory (client = the board, server = the peer),
 * recorded as the byte chunks each side put on the wire, in order. Test input for the decoders.
 */
final class TlsTranscript {
    /** Bytes one side wrote: {@code toPeer} when the client (board) wrote them. */
    record Chunk(boolean toPeer, byte[] bytes) {}

    final List<Chunk> chunks = new ArrayList<>();
    /** The client's handshake failure, or null. */
    SSLException clientFailure;
    private SSLException serverFailure;
    String negotiatedSuite;
    String negotiatedProtocol;

    private final SSLEngine client, server;
    private final ByteBuffer toServer = ByteBuffer.allocate(1 << 17), toClient = ByteBuffer.allocate(1 << 17);

    private TlsTranscript(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
    }

    /**
     * Runs a handshake, then the client sends {@code clientData} and the server answers
     * {@code serverData} (skipped if the handshake failed), then the client closes (close_notify).
     */
    static TlsTranscript run(SSLContext clientCtx, SSLContext serverCtx, String sni, String[] protocols, String[] suites,
                             byte[] clientData, byte[] serverData) throws Exception {
        SSLEngine c = clientCtx.createSSLEngine(sni, 8883);
        c.setUseClientMode(true);
        if (protocols != null) c.setEnabledProtocols(protocols);
        if (suites != null) c.setEnabledCipherSuites(suites);
        var params = c.getSSLParameters();
        params.setServerNames(List.of(new javax.net.ssl.SNIHostName(sni)));
        c.setSSLParameters(params);
        SSLEngine s = serverCtx.createSSLEngine();
        s.setUseClientMode(false);
        TlsTranscript t = new TlsTranscript(c, s);
        t.toServer.flip();
        t.toClient.flip();
        c.beginHandshake();
        s.beginHandshake();
        t.pumpUntilQuiet();
        if (t.clientFailure == null && c.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
            t.negotiatedSuite = c.getSession().getCipherSuite();
            t.negotiatedProtocol = c.getSession().getProtocol();
            t.send(true, clientData);
            t.pumpUntilQuiet();
            t.send(false, serverData);
            t.pumpUntilQuiet();
            c.closeOutbound();
            t.pumpUntilQuiet();
        }
        return t;
    }

    /** Feeds every chunk to {@code tap} as connection {@code id}, 1 ms of virtual time apart, split by {@code splitter}. */
    void feed(LinkTap tap, int id, long startPs, Splitter splitter) { feed(tap, id, startPs, splitter, true, "10.0.0.2:8883"); }

    /** As above; with {@code boardIsClient} false the board is the TLS server (an inbound connection from {@code peer}). */
    void feed(LinkTap tap, int id, long startPs, Splitter splitter, boolean boardIsClient, String peer) {
        long t = startPs;
        for (Chunk ch : chunks) {
            t += 1_000_000_000L;
            for (int[] range : splitter.split(ch.bytes().length)) {
                tap.bytes(id, peer, ch.toPeer() == boardIsClient, t, ch.bytes(), range[0], range[1]);
            }
        }
    }

    /** How a chunk of {@code n} bytes is cut into (offset, length) pieces. */
    interface Splitter {
        List<int[]> split(int n);

        Splitter WHOLE = n -> List.<int[]>of(new int[] {0, n});
        Splitter BYTE_BY_BYTE = n -> {
            List<int[]> r = new ArrayList<>();
            for (int i = 0; i < n; i++) r.add(new int[] {i, 1});
            return r;
        };

        static Splitter random(long seed) {
            java.util.Random rnd = new java.util.Random(seed);
            return n -> {
                List<int[]> r = new ArrayList<>();
                for (int i = 0; i < n; ) {
                    int len = Math.min(n - i, 1 + rnd.nextInt(700));
                    r.add(new int[] {i, len});
                    i += len;
                }
                return r;
            };
        }
    }

    /** The client's and server's bytes concatenated (for size checks). */
    byte[] all(boolean toPeer) {
        int n = chunks.stream().filter(c -> c.toPeer() == toPeer).mapToInt(c -> c.bytes().length).sum();
        byte[] r = new byte[n];
        int at = 0;
        for (Chunk c : chunks) if (c.toPeer() == toPeer) { System.arraycopy(c.bytes(), 0, r, at, c.bytes().length); at += c.bytes().length; }
        return r;
    }

    private void send(boolean fromClient, byte[] data) throws SSLException {
        if (data == null) return;
        SSLEngine e = fromClient ? client : server;
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) wrap(e, src, fromClient);
    }

    private void pumpUntilQuiet() throws SSLException {
        for (int i = 0; i < 200; i++) {
            boolean progress = step(client, true) | step(server, false);
            if (!progress) return;
        }
        throw new IllegalStateException("TLS exchange did not settle");
    }

    private boolean step(SSLEngine e, boolean isClient) throws SSLException {
        HandshakeStatus hs = e.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
            Runnable r;
            while ((r = e.getDelegatedTask()) != null) r.run();
            return true;
        }
        boolean failed = isClient ? clientFailure != null : serverFailure != null;
        if (hs == HandshakeStatus.NEED_WRAP || failed && !e.isOutboundDone()) {
            return wrap(e, ByteBuffer.allocate(0), isClient);
        }
        ByteBuffer in = isClient ? toClient : toServer;
        if (!in.hasRemaining() || e.isInboundDone()) return false;
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        int before = in.remaining();
        try {
            SSLEngineResult r = e.unwrap(in, app);
            return in.remaining() != before || r.getHandshakeStatus() == HandshakeStatus.NEED_TASK
                    || r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
        } catch (SSLException x) {
            if (isClient) clientFailure = x; else serverFailure = x;
            in.position(in.limit());
            return true;
        }
    }

    private boolean wrap(SSLEngine e, ByteBuffer src, boolean isClient) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(1 << 17);
        try {
            e.wrap(src, net);
        } catch (SSLException x) {
            boolean first = (isClient ? clientFailure : serverFailure) == null;
            if (isClient) clientFailure = x; else serverFailure = x;
            if (net.position() == 0) return first; // JSSE hands out the alert on the next wrap
        }
        if (net.position() == 0) return false;
        byte[] bytes = Arrays.copyOf(net.array(), net.position());
        chunks.add(new Chunk(isClient, bytes));
        ByteBuffer dst = isClient ? toServer : toClient;
        dst.compact();
        dst.put(bytes);
        dst.flip();
        return true;
    }
}
