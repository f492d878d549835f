package io.twinboard.bench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Checks of option values that picocli's types cannot express, made before anything starts (a
 * broker, a board): each failure is an {@link IllegalArgumentException} whose message names the
 * option, which {@link Main} prints as one line with exit status 2.
 */
final class OptionChecks {
    private OptionChecks() {}

    /** {@code value}, if it is at least {@code min}. */
    static int atLeast(String option, int value, int min) {
        if (value < min) throw new IllegalArgumentException(option + " must be at least " + min + ", not " + value);
        return value;
    }

    /** {@code value}, if it lies in [{@code min}, {@code max}]. */
    static int between(String option, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(option + " must be from " + min + " to " + max + ", not " + value);
        return value;
    }

    /** {@code parser} applied to {@code value}; its complaint prefixed with the option's name. */
    static <T> T parsed(String option, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** {@code file}, if it is a readable file (null passes: the option was not given). */
    static Path readable(String option, Path file) {
        if (file != null && !Files.isReadable(file)) throw new IllegalArgumentException(option + ": cannot read " + file);
        return file;
    }

    /** {@code file}, if it can be created or overwritten (null passes: the option was not given). */
    static Path writable(String option, Path file) {
        if (file == null) return null;
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || !Files.isDirectory(dir) || !Files.isWritable(dir) || Files.exists(file) && !Files.isWritable(file))
            throw new IllegalArgumentException(option + ": cannot write " + file);
        return file;
    }
}
