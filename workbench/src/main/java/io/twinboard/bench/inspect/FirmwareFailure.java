package io.twinboard.bench.inspect;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the firmware said went wrong, from its machine-readable console lines
 * ({@code TB error handshake -0x7280 SSL - The connection indicated an EOF},
 * {@code TB verify ...}, {@code TB error tcp-connect 10.0.0.2:8883 refused (RST)},
 * {@code TB error mqtt-connect -1 connack=5}).
 *
 * @param step       the failing step ({@code handshake}, {@code tcp-connect}, {@code mqtt-connect}, ...)
 * @param code       the mbedTLS error code (negative), or 0 when the line carries none
 * @param line       the whole {@code TB error} line
 * @param verifyInfo the text of the preceding {@code TB verify} line and its continuation lines, or empty
 */
public record FirmwareFailure(String step, int code, String line, String verifyInfo) {
    private static final Pattern ERROR = Pattern.compile("TB error (\\S+)(?: -0x([0-9A-Fa-f]+)\\b)?.*");
    /** {@code TB verify <text>} (older firmware: {@code TB error verify}); mbedTLS's verify info is one line per flag. */
    private static final Pattern VERIFY = Pattern.compile("TB (?:error )?verify\\s*(.*)");

    /** The last {@code TB error} line of the console (other than {@code verify}), with its verify details. */
    public static Optional<FirmwareFailure> fromConsole(List<String> lines) {
        String verify = "";
        FirmwareFailure found = null;
        boolean inVerify = false;
        for (String raw : lines) {
            String l = raw.strip();
            Matcher v = VERIFY.matcher(l);
            if (v.matches()) { verify = join(verify, v.group(1).strip()); inVerify = true; continue; }
            if (inVerify && !l.startsWith("TB ")) { if (!l.isEmpty()) verify = join(verify, l); continue; }
            inVerify = false;
            Matcher m = ERROR.matcher(l);
            if (m.matches()) found = new FirmwareFailure(m.group(1), m.group(2) == null ? 0 : -Integer.parseInt(m.group(2), 16), l, verify);
        }
        return Optional.ofNullable(found);
    }

    /** The run reached its deadline and the firmware reported nothing: it is waiting for something. */
    public static FirmwareFailure stalled() { return new FirmwareFailure("stalled", 0, "", ""); }

    private static String join(String a, String b) { return a.isEmpty() ? b : a + "; " + b; }

    /** A failure known only by its code (e.g. from a debugger). */
    public static FirmwareFailure ofCode(String step, int code) { return new FirmwareFailure(step, code, "", ""); }

    /** The integer after {@code key=} in the line ({@code connack=5}), if any. */
    public Optional<Integer> field(String key) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + "=(-?\\d+)").matcher(line);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
