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
 * A server-side {@link SSLEngine} that delegates everything and reports one {@link TlsHandshake}:
 * when {@code wrap}/{@code unwrap} first returns {@code FINISHED}, or when either throws before
 * that. Adds no buffering and no work after the handshake beyond one boolean test per call.
 */
final class TappedSslEngine extends SSLEngine {
    private final SSLEngine d;
    private final Consumer<TlsHandshake> sink;
    private boolean reported;

    TappedSslEngine(SSLEngine delegate, Consumer<TlsHandshake> sink) {
        super(delegate.getPeerHost(), delegate.getPeerPort());
        this.d = delegate;
        this.sink = sink;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        try {
            return observe(d.wrap(srcs, offset, length, dst));
        } catch (SSLException | RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        try {
            return observe(d.unwrap(src, dsts, offset, length));
        } catch (SSLException | RuntimeException e) {
            failed(e);
            throw e;
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
