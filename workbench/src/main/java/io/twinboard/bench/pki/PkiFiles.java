package io.twinboard.bench.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The PKI as files in one directory, for mosquitto's config and for provisioning into firmware
 * flash. For a credential named {@code n} (e.g. {@code server-ec}):
 * <ul>
 *   <li>{@code n.pem} — its chain as PEM, leaf first (what a server's {@code certfile} needs)</li>
 *   <li>{@code n.der} — the leaf certificate alone as DER</li>
 *   <li>{@code n.key.pem} / {@code n.key.der} — unencrypted PKCS#8 private key (not for roots)</li>
 * </ul>
 * plus {@code ca.pem}, the bundle of both roots that every peer trusts.
 *
 * @param dir         the directory
 * @param caBundlePem the root bundle file ({@code ca.pem})
 */
public record PkiFiles(Path dir, Path caBundlePem) {

    /** Chain PEM of the credential called {@code name}. */
    public Path certificatePem(String name) {
        return dir.resolve(name + ".pem");
    }

    /** Leaf DER of the credential called {@code name}. */
    public Path certificateDer(String name) {
        return dir.resolve(name + ".der");
    }

    /** PKCS#8 PEM private key of the credential called {@code name}. */
    public Path keyPem(String name) {
        return dir.resolve(name + ".key.pem");
    }

    /** PKCS#8 DER private key of the credential called {@code name}. */
    public Path keyDer(String name) {
        return dir.resolve(name + ".key.der");
    }

    /** Chain PEM of {@code credential}. */
    public Path certificatePem(Credential credential) {
        return certificatePem(credential.name());
    }

    /** Private key PEM of {@code credential}. */
    public Path keyPem(Credential credential) {
        return keyPem(credential.name());
    }

    /**
     * Writes {@code credential}'s four files (only the two certificate files when
     * {@code withKey} is false, as for a root), overwriting existing ones.
     */
    public void write(Credential credential, boolean withKey) {
        String n = credential.name();
        write(certificatePem(n), Pem.certificates(credential.chain()).getBytes(StandardCharsets.US_ASCII));
        write(certificateDer(n), credential.certificateDer());
        if (withKey) {
            write(keyPem(n), Pem.privateKey(credential.privateKey()).getBytes(StandardCharsets.US_ASCII));
            write(keyDer(n), credential.privateKeyDer());
        }
    }

    /** Writes a credential with its key. */
    public void write(Credential credential) {
        write(credential, true);
    }

    static PkiFiles create(Path dir, List<java.security.cert.X509Certificate> roots) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        PkiFiles files = new PkiFiles(dir, dir.resolve("ca.pem"));
        write(files.caBundlePem(), Pem.certificates(roots).getBytes(StandardCharsets.US_ASCII));
        return files;
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
