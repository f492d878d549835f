package io.twinboard.bench.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.twinboard.bench.pki.PkiFiles;

/**
 * A broker's working directory holding the PKI files (and, for mosquitto, config, password file
 * and log). A directory the broker created itself is deleted on {@link #close()}; one the caller
 * gave is kept.
 */
final class WorkDir implements AutoCloseable {
    private final Path dir;
    private final boolean temporary;
    private final PkiFiles pkiFiles;

    WorkDir(BrokerOptions options, String prefix) {
        try {
            temporary = options.workDir() == null;
            dir = temporary ? Files.createTempDirectory(prefix) : Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker work directory", e);
        }
        pkiFiles = options.pki().writeTo(dir.resolve("pki"));
        if (options.serverCredential() != null) {
            pkiFiles.write(options.serverCredential());
        }
    }

    Path dir() {
        return dir;
    }

    PkiFiles pki() {
        return pkiFiles;
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }
}
