package io.twinboard.bench.broker;

import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A server-side {@link SSLEngine} that delegates everything, reports one {@link TlsHandshake}
 * (when {@code wrap}/{@code unwrap} first returns {@code FINISHED}, or when either throws before
 * that), and shows a {@link PlaintextTap} the application bytes it encrypts and decrypts. The
 * tap sees read-only views; if it ever throws, it is dropped for this connection and the TLS
 * traffic goes on untouched.
 */
final class TappedSslEngine extends SSLEngine {
    private static final System.Logger LOG = System.getLogger(TappedSslEngine.class.getName());

    /** Receives a connection's plaintext: views of exactly the bytes that went through, in order. */
    interface PlaintextTap {
        /** Bytes the peer sent, just decrypted. */
        void inbound(ByteBuffer plaintext);

        /** Bytes about to be encrypted for the peer. */
        void outbound(ByteBuffer plaintext);
    }

    private final SSLEngine d;
    private final Consumer<TlsHandshake> sink;
    private PlaintextTap tap;
    private boolean reported;

    TappedSslEngine(SSLEngine delegate, Consumer<TlsHandshake> sink, PlaintextTap tap) {
        super(delegate.getPeerHost(), delegate.getPeerPort());
        this.d = delegate;
        this.sink = sink;
        this.tap = tap;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        int[] before = tap == null ? null : positions(srcs, offset, length);
        try {
            SSLEngineResult result = observe(d.wrap(srcs, offset, length, dst));
            if (before != null && result.bytesConsumed() > 0) {
                show(srcs, offset, before, false);
            }
            return result;
        } catch (SSLException | RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        int[] before = tap == null ? null : positions(dsts, offset, length);
        try {
            SSLEngineResult result = observe(d.unwrap(src, dsts, offset, length));
            if (before != null && result.bytesProduced() > 0) {
                show(dsts, offset, before, true);
            }
            return result;
        } catch (SSLException | RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    private static int[] positions(ByteBuffer[] buffers, int offset, int length) {
        int[] p = new int[length];
        for (int i = 0; i < length; i++) {
            p[i] = buffers[offset + i].position();
        }
        return p;
    }

    /** Passes {@code [before, position)} of each buffer to the tap. */
    private void show(ByteBuffer[] buffers, int offset, int[] before, boolean inbound) {
        try {
            for (int i = 0; i < before.length && tap != null; i++) {
                ByteBuffer b = buffers[offset + i];
                if (b.position() > before[i]) {
                    ByteBuffer view = b.asReadOnlyBuffer().limit(b.position()).position(before[i]);
                    if (inbound) {
                        tap.inbound(view);
                    } else {
                        tap.outbound(view);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "plaintext tap dropped for " + peer(), e);
            tap = null;
        }
    }

    private SSLEngineResult observe(SSLEngineResult result) {
        if (!reported && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            reported = true;
            SSLSession s = d.getSession();
            Certificate[] local = s.getLocalCertificates();
            sink.accept(new TlsHandshake(peer(), s.getProtocol(), s.getCipherSuite(),
                    local == null ? null : local[0].getPublicKey().getAlgorithm(), clientSubject(s), null, Instant.now()));
        }
        return result;
    }

    private void failed(Exception e) {
        if (!reported) {
            reported = true;
            sink.accept(new TlsHandshake(peer(), null, null, null, null, String.valueOf(e.getMessage()), Instant.now()));
        }
    }

    private String peer() {
        return d.getPeerHost() + ":" + d.getPeerPort();
    }

    private static String clientSubject(SSLSession s) {
        try {
            return ((X509Certificate) s.getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    // ---- pure delegation below ----

    @Override public Runnable getDelegatedTask() { return d.getDelegatedTask(); }
    @Override public void closeInbound() throws SSLException { d.closeInbound(); }
    @Override public boolean isInboundDone() { return d.isInboundDone(); }
    @Override public void closeOutbound() { d.closeOutbound(); }
    @Override public boolean isOutboundDone() { return d.isOutboundDone(); }
    @Override public String[] getSupportedCipherSuites() { return d.getSupportedCipherSuites(); }
    @Override public String[] getEnabledCipherSuites() { return d.getEnabledCipherSuites(); }
    @Override public void setEnabledCipherSuites(String[] suites) { d.setEnabledCipherSuites(suites); }
    @Override public String[] getSupportedProtocols() { return d.getSupportedProtocols(); }
    @Override public String[] getEnabledProtocols() { return d.getEnabledProtocols(); }
    @Override public void setEnabledProtocols(String[] protocols) { d.setEnabledProtocols(protocols); }
    @Override public SSLSession getSession() { return d.getSession(); }
    @Override public SSLSession getHandshakeSession() { return d.getHandshakeSession(); }
    @Override public void beginHandshake() throws SSLException { d.beginHandshake(); }
    @Override public SSLEngineResult.HandshakeStatus getHandshakeStatus() { return d.getHandshakeStatus(); }
    @Override public void setUseClientMode(boolean mode) { d.setUseClientMode(mode); }
    @Override public boolean getUseClientMode() { return d.getUseClientMode(); }
    @Override public void setNeedClientAuth(boolean need) { d.setNeedClientAuth(need); }
    @Override public boolean getNeedClientAuth() { return d.getNeedClientAuth(); }
    @Override public void setWantClientAuth(boolean want) { d.setWantClientAuth(want); }
    @Override public boolean getWantClientAuth() { return d.getWantClientAuth(); }
    @Override public void setEnableSessionCreation(boolean flag) { d.setEnableSessionCreation(flag); }
    @Override public boolean getEnableSessionCreation() { return d.getEnableSessionCreation(); }
    @Override public SSLParameters getSSLParameters() { return d.getSSLParameters(); }
    @Override public void setSSLParameters(SSLParameters params) { d.setSSLParameters(params); }
    @Override public String getApplicationProtocol() { return d.getApplicationProtocol(); }
    @Override public String getHandshakeApplicationProtocol() { return d.getHandshakeApplicationProtocol(); }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        d.setHandshakeApplicationProtocolSelector(selector == null ? null : (e, p) -> selector.apply(this, p));
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return d.getHandshakeApplicationProtocolSelector();
    }
}
