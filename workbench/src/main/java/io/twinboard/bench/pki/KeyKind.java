package io.twinboard.bench.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * The two key types the emulated firmware (mbedTLS 2.28, TLS 1.2) negotiates with:
 * RSA-2048 for {@code ECDHE-RSA-*} / {@code RSA-*} suites and ECDSA P-256 (secp256r1) for
 * {@code ECDHE-ECDSA-*} suites. Certificates are always signed with SHA-256.
 */
public enum KeyKind {
    /** RSA, 2048-bit modulus, public exponent 65537; signs with SHA256withRSA (PKCS#1 v1.5). */
    RSA_2048("rsa", "SHA256withRSA"),
    /** ECDSA on NIST P-256 (secp256r1); signs with SHA256withECDSA. */
    EC_P256("ec", "SHA256withECDSA");

    private final String tag;
    private final String signatureAlgorithm;

    KeyKind(String tag, String signatureAlgorithm) {
        this.tag = tag;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** Short tag used in file names and aliases: {@code rsa} or {@code ec}. */
    public String tag() {
        return tag;
    }

    /** JCA name of the signature algorithm a key of this kind signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The JCA key algorithm name: {@code RSA} or {@code EC}. */
    public String keyAlgorithm() {
        return this == RSA_2048 ? "RSA" : "EC";
    }

    /**
     * Generates a key pair drawing all randomness from {@code random}, so a seeded random
     * gives the same key every run.
     */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm());
            if (this == RSA_2048) {
                generator.initialize(2048, random);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + this + " key generation", e);
        }
    }
}
