package io.twinboard.bench.pki;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.twinboard.bench.pki.CertificateIssuer.Request;
import io.twinboard.bench.pki.CertificateIssuer.Role;

/**
 * A throw-away test PKI generated at start with Bouncy Castle.
 *
 * <p>Design choice: <b>one root CA per key kind</b> — an RSA-2048 root signs the RSA server and
 * client certificates, an ECDSA P-256 root signs the ECDSA ones. Each chain is thus homogeneous:
 * an ECDHE-ECDSA handshake costs the firmware only ECDSA work, an ECDHE-RSA (or static RSA)
 * handshake only RSA work, which is what crypto benchmarks per cipher suite need, and a firmware
 * built without ECP can still verify the RSA chain. Peers trust the {@linkplain #roots() bundle of
 * both roots} (mbedTLS and OpenSSL both read a multi-certificate PEM CA file).
 *
 * <p>Server certificates name {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the
 * caller's broker host names (default {@value #DEFAULT_BROKER_HOST}). Client certificates
 * (for mutual TLS) carry the CN given to {@link Builder#clientName}. With a {@linkplain
 * Builder#seed seed} every key, serial, signature and so every file is bit-identical across runs
 * (see {@link SeededRandom}); validity is always {@code 2025-01-01..2045-01-01}.
 */
public final class Pki {
    /** Broker host name put into server certificates unless the caller gives others. */
    public static final String DEFAULT_BROKER_HOST = "broker.twinboard.test";
    /** CN of client certificates unless the caller gives another. */
    public static final String DEFAULT_CLIENT_NAME = "twinboard-board";

    private final Long seed;
    private final List<String> brokerHosts;
    private final String clientName;
    /** Credentials made so far, by name; each is made on first use (RSA key generation is slow). */
    private final Map<String, Credential> made = new HashMap<>();

    private Pki(Builder b) {
        this.seed = b.seed;
        this.brokerHosts = List.copyOf(b.brokerHosts);
        this.clientName = b.clientName;
    }

    /** A PKI with fresh random keys and the default broker host name. */
    public static Pki generate() {
        return builder().build();
    }

    /** A reproducible PKI: the same seed gives the same keys and certificates, bit for bit. */
    public static Pki generate(long seed) {
        return builder().seed(seed).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The root CA of {@code kind} (self-signed; never sent in a handshake). */
    public Credential root(KeyKind kind) {
        String name = "root-" + kind.tag();
        return made(name, () -> CertificateIssuer.root(name, kind,
                "Twinboard Test Root CA (" + kind.tag().toUpperCase() + ")", random(name)));
    }

    /** Both root certificates, RSA first: what every peer of this PKI trusts. */
    public List<X509Certificate> roots() {
        return List.of(root(KeyKind.RSA_2048).certificate(), root(KeyKind.EC_P256).certificate());
    }

    /** The server credential of {@code kind}, issued directly by that kind's root. */
    public Credential server(KeyKind kind) {
        String name = "server-" + kind.tag();
        return made(name, () -> CertificateIssuer.issue(name, kind, serverRequest(0), root(kind), random(name)));
    }

    /** Both server credentials (RSA, EC): a listener holding both serves ECDHE-RSA and ECDHE-ECDSA. */
    public List<Credential> servers() {
        return List.of(server(KeyKind.RSA_2048), server(KeyKind.EC_P256));
    }

    /** DNS names in the server certificates: {@code localhost} then the broker host names. */
    public List<String> serverDnsNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        names.addAll(brokerHosts);
        return List.copyOf(names);
    }

    /** Client credential of {@code kind} for mutual TLS, CN = {@link Builder#clientName}; made on first use. */
    public Credential client(KeyKind kind) {
        String name = "client-" + kind.tag();
        return made(name, () -> CertificateIssuer.issue(name, kind, Request.of(clientName, Role.CLIENT),
                root(kind), random(name)));
    }

    /**
     * A server credential with a long chain: root(kind) → intermediate → server, the server
     * certificate padded with a non-critical private extension until the TLS Certificate message
     * carrying [server, intermediate] is at least {@code minCertificateMessageBytes} bytes (see
     * {@link Credential#certificateMessageBytes()}). Above 4096 bytes it reproduces mbedTLS
     * "bad message length" / -0x7200 on firmware built with a 4 KB input buffer (seed 004).
     * The root is the normal root of {@code kind}, so the usual CA bundle verifies it.
     */
    public Credential largeServerChain(KeyKind kind, int minCertificateMessageBytes) {
        String name = "large-" + kind.tag() + "-" + minCertificateMessageBytes;
        return made(name, () -> {
            String n = name;
            SecureRandom random = random(n);
            Credential intermediate = CertificateIssuer.issue("intermediate-" + kind.tag(), kind,
                    Request.of("Twinboard Test Intermediate CA (" + kind.tag().toUpperCase() + ")",
                            Role.INTERMEDIATE_CA), root(kind), random);
            int padding = 0;
            for (int attempt = 0; attempt < 4; attempt++) {
                Credential leaf = CertificateIssuer.issue(n, kind, serverRequest(padding), intermediate,
                        random(n + "/" + padding));
                int deficit = minCertificateMessageBytes - leaf.certificateMessageBytes();
                if (deficit <= 0) {
                    return leaf;
                }
                padding += deficit;
            }
            throw new IllegalStateException("could not reach " + minCertificateMessageBytes + " bytes");
        });
    }

    /** TLS context for an in-process server: presents both server certificates, trusts both roots (client certs). */
    public SSLContext serverSslContext() {
        return TlsContexts.context(servers(), roots());
    }

    /**
     * TLS context for an in-process client trusting this PKI's roots; with {@code clientCert}
     * non-null it presents that credential for mutual TLS.
     */
    public SSLContext clientSslContext(Credential clientCert) {
        return TlsContexts.context(clientCert == null ? List.of() : List.of(clientCert), roots());
    }

    /**
     * Writes the root bundle {@code ca.pem}, each root ({@code root-rsa}, {@code root-ec}, no key),
     * and the server and client credentials of both kinds with keys, as PEM and DER, into
     * {@code dir} (created if missing, files overwritten). See {@link PkiFiles} for the names.
     */
    public PkiFiles writeTo(Path dir) {
        PkiFiles files = PkiFiles.create(dir, roots());
        for (KeyKind k : KeyKind.values()) {
            files.write(root(k), false);
            files.write(server(k));
            files.write(client(k));
        }
        return files;
    }

    /** The seed, or {@code null} for a random PKI. */
    public Long seed() {
        return seed;
    }

    private Request serverRequest(int paddingBytes) {
        return new Request(serverDnsNames().get(brokerHosts.isEmpty() ? 0 : 1), Role.SERVER,
                serverDnsNames(), List.of("127.0.0.1", "::1"), paddingBytes);
    }

    /** The credential called {@code name}, made by {@code maker} on first use. Thread-safe. */
    private synchronized Credential made(String name, Supplier<Credential> maker) {
        Credential c = made.get(name);
        if (c == null) {
            c = maker.get(); // may recursively make its issuer: no map view is held across this call
            made.put(name, c);
        }
        return c;
    }

    private SecureRandom random(String label) {
        return seed == null ? new SecureRandom() : new SeededRandom(seed, label);
    }

    /** Options of a {@link Pki}. */
    public static final class Builder {
        private Long seed;
        private final List<String> brokerHosts = new ArrayList<>(List.of(DEFAULT_BROKER_HOST));
        private String clientName = DEFAULT_CLIENT_NAME;

        private Builder() {
        }

        /** Makes the PKI reproducible: all randomness derives from this seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Replaces the broker host names (besides {@code localhost}/{@code 127.0.0.1}) put in server certificates. */
        public Builder brokerHosts(String... hosts) {
            brokerHosts.clear();
            brokerHosts.addAll(List.of(hosts));
            return this;
        }

        /** CN of the client certificates (by convention the board's MQTT client id). */
        public Builder clientName(String name) {
            this.clientName = name;
            return this;
        }

        public Pki build() {
            return new Pki(this);
        }
    }
}
