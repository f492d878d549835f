package io.twinboard.bench.cli;

import io.twinboard.bench.board.BoardException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the built firmware images of this checkout ({@code firmware-images/build/<board>/<app>.elf}). */
final class FirmwareLocator {
    private FirmwareLocator() {}

    static Path home() {
        String h = System.getProperty("twinboard.home");
        return Path.of(h != null ? h : ".").toAbsolutePath().normalize();
    }

    static Path image(String board, String app) {
        Path p = home().resolve("firmware-images/build").resolve(board).resolve(app + ".elf");
        if (!Files.isRegularFile(p))
            throw new BoardException(p + " is not built (run ./twinboard setup, or make -C firmware-images)");
        return p;
    }
}
