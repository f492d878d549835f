package io.twinboard.bench.broker;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialised {@link SSLContext} whose engines report each handshake's outcome and show a tap
 * the connection's plaintext ({@link TappedSslEngine}); everything else is the wrapped context's.
 * Lets the embedded broker tell which protocol and suite each client negotiated, why a handshake
 * failed, and what it sent each client, without access to Moquette's Netty pipeline.
 */
final class TappedSslContext extends SSLContext {

    /**
     * @param taps makes one plaintext tap per engine (connection); may return {@code null}
     */
    TappedSslContext(SSLContext delegate, Consumer<TlsHandshake> sink, Supplier<TappedSslEngine.PlaintextTap> taps) {
        super(new Spi(delegate, sink, taps), delegate.getProvider(), delegate.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final Consumer<TlsHandshake> sink;
        private final Supplier<TappedSslEngine.PlaintextTap> taps;

        Spi(SSLContext delegate, Consumer<TlsHandshake> sink, Supplier<TappedSslEngine.PlaintextTap> taps) {
            this.delegate = delegate;
            this.sink = sink;
            this.taps = taps;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return delegate.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new TappedSslEngine(delegate.createSSLEngine(), sink, taps.get());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new TappedSslEngine(delegate.createSSLEngine(host, port), sink, taps.get());
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return delegate.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }
}
