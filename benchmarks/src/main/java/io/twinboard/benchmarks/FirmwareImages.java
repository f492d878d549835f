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

    /**
     * Boots {@code image} on {@code board} silently and runs it to its exit; anything but exit 0
     * throws, so a benchmark never reports the speed of a run that went wrong.
     */
    static io.twinboard.emu.machine.RunResult runToCleanExit(String board, io.twinboard.emu.elf.ElfImage image, boolean cycleAccounting) {
        var o = io.twinboard.bench.board.BoardOptions.defaults().withConsole(java.io.OutputStream.nullOutputStream())
                .withDiagnostics(null).withCycleAccounting(cycleAccounting);
        try (var b = io.twinboard.bench.board.BoardBuilder.build(io.twinboard.bench.board.BoardCatalog.load(board), o)) {
            b.load(image);
            var r = b.run(io.twinboard.emu.time.VirtualTime.ofSeconds(600));
            if (!(r.reason() instanceof io.twinboard.emu.cpu.StopReason.Exit e) || e.code() != 0)
                throw new IllegalStateException(image.path() + " on " + board + " did not exit cleanly: " + r.reason());
            return r;
        }
    }

    static Path image(String board, String app) {
        Path elf = root().resolve("firmware-images/build").resolve(board).resolve(app + ".elf");
        if (!Files.isRegularFile(elf)) throw new IllegalStateException(elf + " is not built: run ./twinboard setup");
        return elf;
    }
}
