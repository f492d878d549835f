package io.twinboard.bench.pki;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with its private key and the chain a TLS peer sends for it.
 *
 * @param name        short name used for files and key-store aliases, e.g. {@code server-ec}
 * @param kind        the key type
 * @param privateKey  the private key (PKCS#8 encodable)
 * @param chain       leaf first, then intermediates in issuing order; never the root. This is the
 *                    exact list a server puts into its TLS Certificate handshake message.
 */
public record Credential(String name, KeyKind kind, PrivateKey privateKey, List<X509Certificate> chain) {

    public Credential {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs at least its own certificate");
        }
        chain = List.copyOf(chain);
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** DER of the leaf certificate, in bytes. */
    public byte[] certificateDer() {
        return der(certificate());
    }

    /** PKCS#8 DER of the private key (mbedTLS {@code mbedtls_pk_parse_key} and OpenSSL read it). */
    public byte[] privateKeyDer() {
        return privateKey.getEncoded();
    }

    /**
     * Size in bytes of the TLS 1.2 Certificate handshake message that carries {@link #chain()}:
     * 4-byte handshake header + 3-byte list length + (3-byte length + DER) per certificate
     * (RFC 5246 §7.4.2). The record carrying it is 5 bytes longer; mbedTLS 2.28 rejects a record
     * whose body exceeds {@code MBEDTLS_SSL_IN_CONTENT_LEN} with -0x7200.
     */
    public int certificateMessageBytes() {
        int total = 4 + 3;
        for (X509Certificate c : chain) {
            total += 3 + der(c).length;
        }
        return total;
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
