package io.twinboard.bench.broker;

import java.util.List;

/**
 * Protocol versions and cipher suites (JSSE/IANA names) an in-process TLS listener offers.
 * Suites the running JDK does not support are dropped silently when the listener starts.
 *
 * @param protocols    e.g. {@code TLSv1.2}, {@code TLSv1.3}
 * @param cipherSuites in server preference order
 */
public record TlsOffer(List<String> protocols, List<String> cipherSuites) {

    /** TLS 1.2 suites an mbedTLS 2.28 client negotiates: ECDHE with ECDSA or RSA, AES-GCM first, then AES-CBC. */
    public static final List<String> TLS12_ECDHE_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");

    /** TLS 1.3 suites (RFC 8446 §B.4) for host-side clients and mbedTLS 3.6 firmware. */
    public static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /** TLS 1.3 and 1.2 with {@link #TLS13_SUITES} and {@link #TLS12_ECDHE_SUITES}. */
    public static final TlsOffer DEFAULT = new TlsOffer(List.of("TLSv1.3", "TLSv1.2"),
            concat(TLS13_SUITES, TLS12_ECDHE_SUITES));

    /** TLS 1.2 only, {@link #TLS12_ECDHE_SUITES}: what a TLS 1.2-only production broker offers. */
    public static final TlsOffer TLS12_ONLY = new TlsOffer(List.of("TLSv1.2"), TLS12_ECDHE_SUITES);

    public TlsOffer {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
