package io.twinboard.bench.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {
    private static final Pki PKI = Pki.generate(7);

    @Test
    void sameSeedGivesIdenticalCertificatesAndKeys() {
        Pki again = Pki.generate(7);
        for (KeyKind k : KeyKind.values()) {
            assertArrayEquals(PKI.server(k).certificateDer(), again.server(k).certificateDer(), k.name());
            assertArrayEquals(PKI.server(k).privateKeyDer(), again.server(k).privateKeyDer(), k.name());
            assertArrayEquals(PKI.client(k).certificateDer(), again.client(k).certificateDer(), k.name());
        }
        Pki other = Pki.generate(8);
        assertFalse(java.util.Arrays.equals(PKI.server(KeyKind.EC_P256).privateKeyDer(),
                other.server(KeyKind.EC_P256).privateKeyDer()));
    }

    @Test
    void serverCertificatesHaveTheRightKeysNamesAndIssuer() throws Exception {
        for (KeyKind k : KeyKind.values()) {
            X509Certificate cert = PKI.server(k).certificate();
            assertEquals(k.keyAlgorithm(), cert.getPublicKey().getAlgorithm());
            cert.verify(PKI.root(k).certificate().getPublicKey());
            Set<String> names = cert.getSubjectAlternativeNames().stream()
                    .map(n -> n.get(1).toString()).collect(Collectors.toSet());
            assertTrue(names.containsAll(List.of("localhost", Pki.DEFAULT_BROKER_HOST, "127.0.0.1")), names.toString());
            assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
            assertEquals(-1, cert.getBasicConstraints());
            validate(PKI.server(k).chain(), PKI.roots());
        }
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey)
                PKI.server(KeyKind.RSA_2048).certificate().getPublicKey()).getModulus().bitLength());
    }

    @Test
    void customBrokerHostIsInTheServerCertificate() throws Exception {
        Pki pki = Pki.builder().seed(1).brokerHosts("mqtt.example.test").build();
        String names = pki.server(KeyKind.EC_P256).certificate().getSubjectAlternativeNames().toString();
        assertTrue(names.contains("mqtt.example.test") && !names.contains(Pki.DEFAULT_BROKER_HOST), names);
    }

    @Test
    void anotherPkisRootDoesNotValidateTheServer() {
        assertThrows(CertPathValidatorException.class,
                () -> validate(PKI.server(KeyKind.EC_P256).chain(), Pki.generate(99).roots()));
    }

    @Test
    void largeChainExceedsTheRequestedCertificateMessageSizeAndValidates() throws Exception {
        for (KeyKind k : KeyKind.values()) {
            Credential large = PKI.largeServerChain(k, 5000);
            assertEquals(2, large.chain().size());
            assertTrue(large.certificateMessageBytes() >= 5000, "got " + large.certificateMessageBytes());
            assertTrue(large.certificateMessageBytes() < 5200, "padding overshoots: " + large.certificateMessageBytes());
            assertEquals(0, large.chain().get(1).getBasicConstraints());
            validate(large.chain(), PKI.roots());
        }
    }

    @Test
    void filesRoundTripAsPemAndDer(@TempDir Path dir) throws Exception {
        PkiFiles files = PKI.writeTo(dir);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(files.caBundlePem())) {
            Collection<? extends java.security.cert.Certificate> bundle = cf.generateCertificates(in);
            assertEquals(PKI.roots(), List.copyOf(bundle));
        }
        try (InputStream in = Files.newInputStream(files.certificateDer("server-ec"))) {
            assertEquals(PKI.server(KeyKind.EC_P256).certificate(), cf.generateCertificate(in));
        }
        assertArrayEquals(PKI.client(KeyKind.RSA_2048).privateKeyDer(), Files.readAllBytes(files.keyDer("client-rsa")));
        String keyPem = Files.readString(files.keyPem("server-rsa"));
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n") && keyPem.endsWith("-----END PRIVATE KEY-----\n"));
        assertFalse(Files.exists(files.keyPem("root-ec")), "root keys are never written");
    }

    private static void validate(List<X509Certificate> chain, List<X509Certificate> roots) throws Exception {
        var params = new PKIXParameters(roots.stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toSet()));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(java.time.Instant.parse("2026-06-01T00:00:00Z")));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
    }
}
