package io.twinboard.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates built firmware images from the repository root (benchmarks run from the checkout). */
final class FirmwareImages {
    private FirmwareImages() {}

    static Path root() {
        Path p = Path.of(System.getProperty("twinboard.home", ".")).toAbsolutePath().normalize();
        while (p != null && !Files.isDirectory(p.resolve("firmware-images"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("run the benchmarks from the Twinboard checkout (no firmware-images/ above " + Path.of(".").toAbsolutePath() + ")");
        return p;
    }

    static Path image(String board, String app) {
        Path elf = root().resolve("firmware-images/build").resolve(board).resolve(app + ".elf");
        if (!Files.isRegularFile(elf)) throw new IllegalStateException(elf + " is not built: run ./twinboard setup");
        return elf;
    }
}
