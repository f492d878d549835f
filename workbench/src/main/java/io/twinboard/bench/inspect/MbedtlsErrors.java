package io.twinboard.bench.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of mbedTLS error codes ({@code -0x7280} → {@code MBEDTLS_ERR_SSL_CONN_EOF}), read from the
 * {@code MBEDTLS_ERR_*} definitions of the mbedTLS headers the firmware was built with (Debian's
 * source, fetched by tools/fetch-mbedtls.sh), so names always match the version in the image.
 * mbedTLS 2.x codes may combine a high-level and a low-level code ({@code -(high + low)}); both
 * parts are named.
 */
public final class MbedtlsErrors {
    private static final Pattern DEFINE = Pattern.compile("#define\\s+(MBEDTLS_ERR_[A-Z0-9_]+)\\s+-0x([0-9A-Fa-f]+)");
    private final Map<Integer, String> names;

    private MbedtlsErrors(Map<Integer, String> names) { this.names = names; }

    /** Reads every header under {@code includeDir} (e.g. {@code .../mbedtls-2.28.3/include}). */
    public static MbedtlsErrors fromHeaders(Path includeDir) throws IOException {
        Map<Integer, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(includeDir)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".h"))::iterator) {
                Matcher x = DEFINE.matcher(Files.readString(p));
                while (x.find()) m.putIfAbsent(-Integer.parseInt(x.group(2), 16), x.group(1));
            }
        }
        if (m.isEmpty()) throw new IOException("no MBEDTLS_ERR_ definitions under " + includeDir);
        return new MbedtlsErrors(m);
    }

    /** The headers of the firmware tree under {@code twinboardHome}, if fetched. */
    public static Optional<MbedtlsErrors> fromFirmwareTree(Path twinboardHome) {
        Path inc = twinboardHome.resolve("firmware-images/third_party/mbedtls-2.28.3/include");
        if (!Files.isDirectory(inc)) return Optional.empty();
        try {
            return Optional.of(fromHeaders(inc));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Number of codes known. */
    public int size() { return names.size(); }

    /** {@code MBEDTLS_ERR_SSL_CONN_EOF}, a combined {@code HIGH + LOW}, or the hex code alone. */
    public String name(int code) {
        if (code >= 0) return Integer.toString(code);
        String exact = names.get(code);
        if (exact != null) return exact;
        int abs = -code;
        int high = abs & 0xFF80, low = abs & 0x007F;
        String h = names.get(-high), l = names.get(-low);
        if (h != null && l != null) return h + " + " + l;
        return String.format("-0x%04X", abs);
    }

    /** {@code -0x7280 (MBEDTLS_ERR_SSL_CONN_EOF)}. */
    public String describe(int code) {
        return String.format("-0x%04X (%s)", -code, name(code));
    }
}
