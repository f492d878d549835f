package io.twinboard.bench.broker;

import java.time.Instant;

/**
 * One TLS handshake on the embedded broker's listener, as the server side saw it.
 *
 * @param peer              client address and port, {@code 127.0.0.1:54321}
 * @param protocol          negotiated version ({@code TLSv1.2}), or {@code null} if it failed
 * @param cipherSuite       negotiated suite, IANA name ({@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}),
 *                          or {@code null} if it failed
 * @param serverKey         algorithm of the certificate key the server presented ({@code EC}, {@code RSA})
 * @param clientCertificate subject of the client's certificate (mutual TLS), or {@code null}
 * @param failure           why the handshake failed (the JSSE message, e.g. {@code Received fatal alert:
 *                          unknown_ca}), or {@code null} if it completed
 * @param at                host wall-clock time it completed or failed
 */
public record TlsHandshake(String peer, String protocol, String cipherSuite, String serverKey,
                           String clientCertificate, String failure, Instant at) {

    /** Whether the handshake completed. */
    public boolean succeeded() {
        return failure == null;
    }
}
