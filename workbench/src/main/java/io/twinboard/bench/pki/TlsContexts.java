package io.twinboard.bench.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JSSE plumbing for in-process TLS peers: key stores, trust stores, key/trust manager factories
 * and {@link SSLContext}s made from {@link Credential}s. A key store may hold several credentials
 * (e.g. the RSA and the ECDSA server certificate): the JDK's key manager picks the one whose key
 * type matches the cipher suite being negotiated, so one listener serves both ECDHE-RSA and
 * ECDHE-ECDSA clients.
 */
public final class TlsContexts {
    /** Password of the in-memory key stores made here (they never touch disk unless the caller saves them). */
    public static final char[] KEY_STORE_PASSWORD = "twinboard".toCharArray();

    private TlsContexts() {
    }

    /** A PKCS#12 key store with one private-key entry per credential, aliased by {@link Credential#name()}. */
    public static KeyStore keyStore(Collection<Credential> credentials) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (Credential c : credentials) {
                store.setKeyEntry(c.name(), c.privateKey(), KEY_STORE_PASSWORD,
                        c.chain().toArray(Certificate[]::new));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build key store", e);
        }
    }

    /** A PKCS#12 trust store with one trusted-certificate entry per root. */
    public static KeyStore trustStore(Collection<X509Certificate> roots) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate root : roots) {
                store.setCertificateEntry("root-" + i++, root);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build trust store", e);
        }
    }

    /** Key managers presenting {@code credentials} (choice by key type per handshake). */
    public static KeyManagerFactory keyManagers(Collection<Credential> credentials) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore(credentials), KEY_STORE_PASSWORD);
            return kmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build key managers", e);
        }
    }

    /** PKIX trust managers that accept chains ending at one of {@code roots}, and nothing else. */
    public static TrustManagerFactory trustManagers(Collection<X509Certificate> roots) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(roots));
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build trust managers", e);
        }
    }

    /**
     * A TLS context with the given own credentials (may be empty for a client without certificate)
     * trusting only {@code roots}. Whether a server <em>requires</em> a client certificate is set
     * per engine/socket ({@code setNeedClientAuth}), not here.
     */
    public static SSLContext context(Collection<Credential> own, Collection<X509Certificate> roots) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(own.isEmpty() ? null : keyManagers(own).getKeyManagers(),
                    trustManagers(roots).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build SSLContext", e);
        }
    }
}
