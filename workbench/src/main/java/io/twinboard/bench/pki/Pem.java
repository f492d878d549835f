package io.twinboard.bench.pki;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** RFC 7468 PEM text: 64-column base64 between BEGIN/END lines, LF line ends. */
public final class Pem {
    private Pem() {
    }

    /** One {@code CERTIFICATE} block per certificate, concatenated in order. */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            out.append(block("CERTIFICATE", Credential.der(c)));
        }
        return out.toString();
    }

    /** Unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** A PEM block of {@code label} around {@code der}. */
    public static String block(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
