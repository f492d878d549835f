package io.twinboard.bench.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.twinboard.bench.pki.Credential;
import io.twinboard.bench.pki.Pki;

/**
 * How to start a {@link Broker}. Immutable; the {@code with*} methods return modified copies.
 *
 * @param pki              the PKI whose roots clients trust and whose server certificates the
 *                         broker presents
 * @param users            user name → password; CONNECT must carry one of these (no anonymous access)
 * @param requireClientCertificate mutual TLS: refuse clients without a certificate from the PKI
 * @param serverCredential the credential the listener presents; {@code null} = the embedded
 *                         broker presents both RSA and ECDSA server certificates (chosen per
 *                         cipher suite), mosquitto the ECDSA one (it takes one certificate per listener)
 * @param tls              protocols and suites (embedded broker only; mosquitto uses OpenSSL's defaults)
 * @param workDir          directory for PKI files, config and logs; {@code null} = a fresh temporary
 *                         directory, deleted on close
 */
public record BrokerOptions(Pki pki, Map<String, String> users, boolean requireClientCertificate,
                            Credential serverCredential, TlsOffer tls, Path workDir) {

    public BrokerOptions {
        users = Map.copyOf(users);
    }

    /** Server-only TLS, no users yet, default TLS offer, temporary work directory. */
    public static BrokerOptions of(Pki pki) {
        return new BrokerOptions(pki, Map.of(), false, null, TlsOffer.DEFAULT, null);
    }

    /** Adds (or replaces) an MQTT user. */
    public BrokerOptions withUser(String user, String password) {
        Map<String, String> all = new LinkedHashMap<>(users);
        all.put(user, password);
        return new BrokerOptions(pki, all, requireClientCertificate, serverCredential, tls, workDir);
    }

    /** Requires (or not) a client certificate issued by the PKI. */
    public BrokerOptions withClientCertificateRequired(boolean required) {
        return new BrokerOptions(pki, users, required, serverCredential, tls, workDir);
    }

    /** Presents {@code credential} (e.g. {@link Pki#largeServerChain}) instead of the default server certificate(s). */
    public BrokerOptions withServerCredential(Credential credential) {
        return new BrokerOptions(pki, users, requireClientCertificate, credential, tls, workDir);
    }

    /** Offers these protocols and suites (embedded broker). */
    public BrokerOptions withTls(TlsOffer offer) {
        return new BrokerOptions(pki, users, requireClientCertificate, serverCredential, offer, workDir);
    }

    /** Keeps PKI files, config and logs in {@code dir} (kept after close). */
    public BrokerOptions withWorkDir(Path dir) {
        return new BrokerOptions(pki, users, requireClientCertificate, serverCredential, tls, dir);
    }
}
