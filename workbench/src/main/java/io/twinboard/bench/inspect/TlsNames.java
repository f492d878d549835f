package io.twinboard.bench.inspect;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.HandshakeType;
import org.bouncycastle.tls.NamedGroup;

/**
 * Names of TLS code points, from Bouncy Castle's registry classes ({@code org.bouncycastle.tls}),
 * which track the IANA TLS parameter registries: cipher suites (RFC 5246 App. A.5, RFC 8446
 * App. B.4 and later RFCs), content types, handshake types, alerts, named groups.
 */
public final class TlsNames {
    private static final Map<Integer, String> SUITES = suites();

    private TlsNames() {}

    /** {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256} for 0xC02B; {@code 0x1234} if unknown. */
    public static String cipherSuite(int code) {
        String n = SUITES.get(code);
        return n != null ? n : String.format("0x%04X", code);
    }

    /** Record protocol version: {@code TLS1.2} for 0x0303; {@code SSL3}, {@code TLS1.0..1.3}, else hex. */
    public static String version(int v) {
        return switch (v) {
            case 0x0300 -> "SSL3";
            case 0x0301 -> "TLS1.0";
            case 0x0302 -> "TLS1.1";
            case 0x0303 -> "TLS1.2";
            case 0x0304 -> "TLS1.3";
            default -> String.format("0x%04X", v);
        };
    }

    /** {@code handshake}, {@code alert}, ... (RFC 8446 §5.1 ContentType). */
    public static String contentType(int t) { return ContentType.getName((short) t); }

    /** {@code ClientHello}-style name of a handshake type (RFC 8446 §4 HandshakeType). */
    public static String handshakeType(int t) {
        String snake = HandshakeType.getName((short) t);
        if (snake.startsWith("UNKNOWN")) return "handshake(" + t + ")";
        StringBuilder b = new StringBuilder();
        for (String part : snake.split("_")) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        return b.toString();
    }

    /** {@code fatal} / {@code warning}. */
    public static String alertLevel(int level) { return AlertLevel.getName((short) level); }

    /** {@code certificate_unknown} (46), {@code close_notify} (0), ... */
    public static String alertDescription(int d) { return AlertDescription.getName((short) d); }

    /** {@code secp256r1} for 23 (RFC 8422 §5.1.1 / RFC 8446 §4.2.7). */
    public static String namedGroup(int g) { return NamedGroup.getName(g); }

    /** Plaintext bytes of a max_fragment_length code (RFC 6066 §4): 1 → 512 ... 4 → 4096; else -1. */
    public static int maxFragmentBytes(int code) { return code >= 1 && code <= 4 ? 256 << code : -1; }

    private static Map<Integer, String> suites() {
        Map<Integer, String> m = new HashMap<>();
        for (Field f : CipherSuite.class.getFields()) {
            int mod = f.getModifiers();
            if (!Modifier.isStatic(mod) || f.getType() != int.class || f.getName().startsWith("DRAFT_")) continue;
            try {
                m.putIfAbsent(f.getInt(null), f.getName());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        // 0xC0FF is not IANA-assigned: mbedTLS's experimental EC J-PAKE suite (draft-cragie-tls-ecjpake).
        m.putIfAbsent(0xC0FF, "TLS_ECJPAKE_WITH_AES_128_CCM_8");
        return Map.copyOf(m);
    }
}
