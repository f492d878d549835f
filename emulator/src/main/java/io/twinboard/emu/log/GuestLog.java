package io.twinboard.emu.log;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reports what the firmware does wrong or what the model does not implement — once per distinct
 * key, with the guest location (PC and symbol) at the time. Never throws: the emulator must not
 * die of what firmware does (DESIGN.md style rule 7, after QEMU's LOG_GUEST_ERROR / LOG_UNIMP).
 */
public final class GuestLog {
    /** Kind of report. */
    public enum Kind { GUEST_ERROR, UNIMPLEMENTED, INFO }

    /** One report as recorded. */
    public record Entry(Kind kind, String source, String message, String where) {
        @Override public String toString() {
            String k = switch (kind) {
                case GUEST_ERROR -> "guest error";
                case UNIMPLEMENTED -> "unmodelled";
                case INFO -> "note";
            };
            return "[" + k + "] " + source + ": " + message + (where.isEmpty() ? "" : " (at " + where + ")");
        }
    }

    private final Set<String> seen = new HashSet<>();
    private final List<Entry> entries = new ArrayList<>();
    private PrintStream out;
    private Supplier<String> where = () -> "";

    /** A log that prints each first report to {@code out} (may be null to only record). */
    public GuestLog(PrintStream out) { this.out = out; }

    /** Where the guest is now, e.g. {@code pc=0x08001234 <mbedtls_sha256_update+0x1c>}. */
    public void setLocator(Supplier<String> where) { this.where = where; }

    public void setOutput(PrintStream out) { this.out = out; }

    /** Reports a guest mistake once per {@code source + key}. */
    public void guestError(String source, String key, String message) { report(Kind.GUEST_ERROR, source, key, message); }

    /** Reports use of an unmodelled feature once per {@code source + key}. */
    public void unimplemented(String source, String key, String message) { report(Kind.UNIMPLEMENTED, source, key, message); }

    /** An informational note, once per {@code source + key}. */
    public void info(String source, String key, String message) { report(Kind.INFO, source, key, message); }

    private void report(Kind kind, String source, String key, String message) {
        if (!seen.add(kind.ordinal() + "|" + source + "|" + key)) return;
        Entry e = new Entry(kind, source, message, where.get());
        entries.add(e);
        if (out != null) out.println(e);
    }

    /** Everything reported so far, first occurrences only. */
    public List<Entry> entries() { return Collections.unmodifiableList(entries); }
}
