package io.twinboard.bench.broker;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.Consumer;

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
 * An initialised {@link SSLContext} whose engines report each handshake's outcome
 * ({@link TappedSslEngine}); everything else is the wrapped context's. Lets the embedded broker
 * tell which protocol and suite each client negotiated, or why its handshake failed, without
 * access to Moquette's Netty pipeline.
 */
final class TappedSslContext extends SSLContext {

    TappedSslContext(SSLContext delegate, Consumer<TlsHandshake> sink) {
        super(new Spi(delegate, sink), delegate.getProvider(), delegate.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final Consumer<TlsHandshake> sink;

        Spi(SSLContext delegate, Consumer<TlsHandshake> sink) {
            this.delegate = delegate;
            this.sink = sink;
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
            return new TappedSslEngine(delegate.createSSLEngine(), sink);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new TappedSslEngine(delegate.createSSLEngine(host, port), sink);
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
