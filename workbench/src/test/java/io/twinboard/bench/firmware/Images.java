package io.twinboard.bench.firmware;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Built firmware images for tests. In CI (CI=true) a missing image fails the test: the test
 * command builds every image first. Elsewhere the test is skipped with the reason.
 */
public final class Images {
    private Images() {}

    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("firmware-images"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no firmware-images/ above " + Path.of("").toAbsolutePath());
        return p;
    }

    public static Path require(String board, String app) {
        Path elf = root().resolve("firmware-images/build").resolve(board).resolve(app + ".elf");
        if (!Files.isRegularFile(elf)) {
            if (System.getenv("CI") != null) fail(elf + " is missing: the test command must build the firmware first");
            Assumptions.abort(elf + " not built (make -C firmware-images)");
        }
        return elf;
    }
}
