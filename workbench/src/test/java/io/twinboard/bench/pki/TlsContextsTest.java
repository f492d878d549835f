package io.twinboard.bench.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

/** In-process TLS 1.2 handshakes against the PKI's server context. */
class TlsContextsTest {
    private static final Pki PKI = Pki.generate(11);

    @Test
    void oneServerContextPresentsTheCertificateMatchingTheSuite() throws Exception {
        assertEquals("EC", handshake(PKI.clientSslContext(null), "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        assertEquals("RSA", handshake(PKI.clientSslContext(null), "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
    }

    @Test
    void clientTrustingAnotherPkiFailsTheHandshake() {
        SSLContext stranger = Pki.generate(12).clientSslContext(null);
        assertThrows(SSLHandshakeException.class,
                () -> handshake(stranger, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    }

    /** Runs one TLS 1.2 handshake with the given suite; returns the server key's algorithm. */
    private static String handshake(SSLContext client, String suite) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) PKI.serverSslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(5000);
                    s.startHandshake();
                    s.getInputStream().read();
                } catch (Exception ignored) {
                    // The client side reports the outcome.
                }
            });
            try (SSLSocket s = (SSLSocket) client.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                s.setSoTimeout(5000);
                s.setEnabledProtocols(new String[] {"TLSv1.2"});
                s.setEnabledCipherSuites(new String[] {suite});
                s.startHandshake();
                assertEquals(suite, s.getSession().getCipherSuite());
                return s.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm();
            } finally {
                accepted.get(5, TimeUnit.SECONDS);
            }
        }
    }
}
