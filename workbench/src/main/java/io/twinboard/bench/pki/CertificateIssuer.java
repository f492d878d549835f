package io.twinboard.bench.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 v3 certificates with Bouncy Castle. Every certificate is valid from
 * {@link #NOT_BEFORE} to {@link #NOT_AFTER} (fixed, so seeded PKIs are bit-identical and an
 * emulated board whose clock starts anywhere in 2025–2044 accepts them), has a 16-byte positive
 * serial drawn from the caller's random, subject/authority key identifiers, and the key usages
 * mbedTLS checks with {@code MBEDTLS_X509_CHECK_KEY_USAGE} / {@code ..._EXTENDED_KEY_USAGE}.
 */
final class CertificateIssuer {
    /** Start of validity of every certificate. */
    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    /** End of validity of every certificate (still an RFC 5280 UTCTime). */
    static final Instant NOT_AFTER = Instant.parse("2045-01-01T00:00:00Z");

    /**
     * Private, non-critical extension used only to make certificates bigger (UUID-based OID arc
     * 2.25, ITU-T X.667, free to use without registration). mbedTLS and OpenSSL skip unknown
     * non-critical extensions.
     */
    static final ASN1ObjectIdentifier PADDING_OID =
            new ASN1ObjectIdentifier("2.25.181964281339862547815716587460366135411");

    /** What a certificate is for; decides basic constraints and key usages. */
    enum Role { ROOT_CA, INTERMEDIATE_CA, SERVER, CLIENT }

    /**
     * @param commonName   subject CN
     * @param role         CA, server or client
     * @param dnsNames     subjectAltName dNSName entries (may be empty)
     * @param ipAddresses  subjectAltName iPAddress entries, textual (may be empty)
     * @param paddingBytes size in bytes of the opaque padding extension value; 0 for none
     */
    record Request(String commonName, Role role, List<String> dnsNames, List<String> ipAddresses,
                   int paddingBytes) {
        static Request of(String commonName, Role role) {
            return new Request(commonName, role, List.of(), List.of(), 0);
        }
    }

    private CertificateIssuer() {
    }

    /** A self-signed root CA certificate (path length unconstrained below it: one intermediate allowed). */
    static Credential root(String name, KeyKind kind, String commonName, SecureRandom random) {
        KeyPair keys = kind.generate(random);
        X509Certificate cert = sign(Request.of(commonName, Role.ROOT_CA), keys, kind, kind,
                subject(commonName), keys, null, random);
        return new Credential(name, kind, keys.getPrivate(), List.of(cert));
    }

    /**
     * Issues a certificate for a fresh key of {@code kind}, signed by {@code issuer}. The returned
     * chain is the new certificate followed by the issuer's chain minus any self-signed root.
     */
    static Credential issue(String name, KeyKind kind, Request request, Credential issuer, SecureRandom random) {
        KeyPair keys = kind.generate(random);
        KeyPair issuerKeys = new KeyPair(issuer.certificate().getPublicKey(), issuer.privateKey());
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        X509Certificate cert = sign(request, keys, kind, issuer.kind(), issuerName, issuerKeys,
                issuer.certificate(), random);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        for (X509Certificate c : issuer.chain()) {
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                chain.add(c);
            }
        }
        return new Credential(name, kind, keys.getPrivate(), chain);
    }

    private static X509Certificate sign(Request request, KeyPair subjectKeys, KeyKind subjectKind, KeyKind issuerKind,
                                        X500Name issuerName, KeyPair issuerKeys,
                                        X509Certificate issuerCert, SecureRandom random) {
        try {
            byte[] serialBytes = new byte[16];
            random.nextBytes(serialBytes);
            BigInteger serial = new BigInteger(1, serialBytes).setBit(126); // positive, fixed length
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject(request.commonName()),
                    subjectKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            addUsage(builder, request.role(), subjectKind);
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
                    ? ext.createAuthorityKeyIdentifier(subjectKeys.getPublic())
                    : ext.createAuthorityKeyIdentifier(issuerCert));
            GeneralNames altNames = altNames(request);
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            if (request.paddingBytes() > 0) {
                builder.addExtension(PADDING_OID, false, new DEROctetString(new byte[request.paddingBytes()]));
            }
            var signer = new JcaContentSignerBuilder(issuerKind.signatureAlgorithm())
                    .setSecureRandom(random).build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | CertificateException
                 | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot issue certificate for " + request.commonName(), e);
        }
    }

    private static void addUsage(X509v3CertificateBuilder builder, Role role, KeyKind subjectKind)
            throws CertIOException {
        switch (role) {
            case ROOT_CA -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case INTERMEDIATE_CA -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case SERVER, CLIENT -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                // RSA keys may also serve static-RSA key exchange (TLS-RSA-WITH-*), which needs keyEncipherment.
                int usage = KeyUsage.digitalSignature
                        | (subjectKind == KeyKind.RSA_2048 ? KeyUsage.keyEncipherment : 0);
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        role == Role.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            }
        }
    }

    private static GeneralNames altNames(Request request) {
        List<GeneralName> names = new ArrayList<>();
        request.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        request.ipAddresses().forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static X500Name subject(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Twinboard")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }
}
