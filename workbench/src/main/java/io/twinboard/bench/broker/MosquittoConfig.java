package io.twinboard.bench.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import io.twinboard.bench.pki.Credential;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.PkiFiles;

/** Writes mosquitto 2.0's configuration and password file (see mosquitto.conf(5), mosquitto_passwd(1)). */
final class MosquittoConfig {
    /** mosquitto 2.0's PBKDF2 parameters for "$7$" password hashes: SHA-512, 101 iterations, 12-byte salt. */
    private static final int PBKDF2_ITERATIONS = 101;
    private static final int SALT_BYTES = 12;

    private MosquittoConfig() {
    }

    /** Writes {@code mosquitto.conf} for one TLS listener on 127.0.0.1:{@code port}; returns its path. */
    static Path writeConfig(Path dir, int port, BrokerOptions options, PkiFiles pki) {
        Credential server = options.serverCredential() != null
                ? options.serverCredential() : options.pki().server(KeyKind.EC_P256);
        StringBuilder c = new StringBuilder();
        c.append("# Written by the Twinboard workbench for one run.\n");
        c.append("per_listener_settings false\n");
        c.append("allow_anonymous false\n");
        c.append("password_file ").append(dir.resolve("passwd")).append('\n');
        c.append("persistence false\n");
        c.append("log_dest stderr\n"); // unbuffered, unlike stdout into a pipe
        c.append("log_type all\n");
        c.append("log_timestamp false\n");
        c.append("connection_messages true\n");
        if ("root".equals(System.getProperty("user.name"))) {
            c.append("user root\n"); // otherwise mosquitto drops to user 'mosquitto', who cannot read our files
        }
        c.append("listener ").append(port).append(" 127.0.0.1\n");
        c.append("cafile ").append(pki.caBundlePem()).append('\n');
        c.append("certfile ").append(pki.certificatePem(server)).append('\n');
        c.append("keyfile ").append(pki.keyPem(server)).append('\n');
        c.append("require_certificate ").append(options.requireClientCertificate()).append('\n');
        c.append("use_identity_as_username false\n");
        Path conf = dir.resolve("mosquitto.conf");
        try {
            return Files.writeString(conf, c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + conf, e);
        }
    }

    /** Writes a password file with PBKDF2-SHA512 ("$7$") hashes, as {@code mosquitto_passwd} does. */
    static void writePasswordFile(Path file, Map<String, String> users) {
        StringBuilder out = new StringBuilder();
        SecureRandom random = new SecureRandom();
        users.forEach((user, password) -> {
            if (user.contains(":")) {
                throw new IllegalArgumentException("mosquitto user names cannot contain ':' : " + user);
            }
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            out.append(user).append(":$7$").append(PBKDF2_ITERATIONS).append('$')
                    .append(Base64.getEncoder().encodeToString(salt)).append('$')
                    .append(Base64.getEncoder().encodeToString(pbkdf2(password, salt))).append('\n');
        });
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static byte[] pbkdf2(String password, byte[] salt) {
        try {
            var spec = new PBEKeySpec(password.toCharArray(), salt, PBKDF2_ITERATIONS, 512);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks PBKDF2WithHmacSHA512", e);
        }
    }
}
