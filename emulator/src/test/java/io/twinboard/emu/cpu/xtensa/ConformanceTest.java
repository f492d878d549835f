package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.elf.ElfImage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The LX106 conformance suite (conformance/xtensa): each hand-written program is assembled with
 * the cross toolchain, run on our interpreter in a QEMU-sim-like machine, and its semihosting
 * output + exit code compared with the committed expectation that {@code regen.sh} recorded from
 * QEMU. When {@code qemu-system-xtensa} is installed the expectation is also re-checked against
 * QEMU itself, so a stale file cannot hide a difference.
 */
class ConformanceTest {
    static final Path DIR = findSuite();
    static final String GCC = "xtensa-lx106-elf-gcc";
    static final String QEMU = "qemu-system-xtensa";

    @TestFactory
    Stream<DynamicTest> programs() throws IOException {
        if (!onPath(GCC)) fail(GCC + " is not installed (Debian package gcc-xtensa-lx106); the LX106 conformance suite needs it to assemble its programs");
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.filter(p -> p.toString().endsWith(".S")).sorted().forEach(sources::add);
        }
        assertTrue(sources.size() >= 5, "conformance programs missing in " + DIR);
        boolean qemu = onPath(QEMU);
        return sources.stream().map(src -> DynamicTest.dynamicTest(src.getFileName().toString(), () -> check(src, qemu)));
    }

    private static void check(Path src, boolean qemu) throws Exception {
        String name = src.getFileName().toString().replace(".S", "");
        Path expectedFile = DIR.resolve("expected").resolve(name + ".txt");
        assertTrue(Files.exists(expectedFile), "no expectation " + expectedFile + ": run conformance/xtensa/regen.sh " + name);
        String expected = Files.readString(expectedFile);
        Path elf = assemble(src, name);
        if (qemu) {
            assertEquals(expected, runQemu(elf), name + ": committed expectation differs from what QEMU prints now; run regen.sh " + name);
        }
        try (SimMachine m = SimMachine.boot(ElfImage.load(elf))) {
            StopReason r = m.run(200_000_000L);
            String actual = normalise(m.output(), r instanceof StopReason.Exit e ? e.code() & 0xFF : -1);
            if (!(r instanceof StopReason.Exit)) actual += "stop=" + r + "\n";
            assertEquals(expected, actual, name + " on the interpreter (left: QEMU)");
        }
    }

    static String normalise(String output, int code) {
        String out = output;
        while (out.endsWith("\n")) out = out.substring(0, out.length() - 1);
        return out + "\nexit=" + code + "\n";
    }

    static Path assemble(Path src, String name) throws Exception {
        Path outDir = Path.of("target", "xtensa-conformance");
        Files.createDirectories(outDir);
        Path elf = outDir.resolve(name + ".elf");
        Process p = new ProcessBuilder(GCC, "-nostdlib", "-Wl,--no-warn-rwx-segments", "-T", DIR.resolve("link.ld").toString(),
            "-I", DIR.toString(), "-o", elf.toString(), src.toString()).redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail("assembling " + src + " failed:\n" + msg);
        return elf;
    }

    /**
     * Runs {@code elf} on QEMU. {@code -icount} makes QEMU's CCOUNT follow executed instructions
     * rather than host time, so timer programs do not depend on how loaded the host is.
     */
    static String runQemu(Path elf) throws Exception {
        Path out = Files.createTempFile("qemu-xtensa", ".out");
        try {
            Process p = new ProcessBuilder(QEMU_COMMAND(elf)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("QEMU did not finish " + elf + " within 20 s");
            }
            return normalise(Files.readString(out), p.exitValue());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static List<String> QEMU_COMMAND(Path elf) {
        return List.of(QEMU, "-M", "sim", "-cpu", "lx106", "-semihosting", "-nographic", "-monitor", "none",
            "-icount", "shift=0,sleep=off", "-kernel", elf.toString());
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    private static Path findSuite() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path c = p.resolve("conformance").resolve("xtensa");
            if (Files.isDirectory(c)) return c;
            p = p.getParent();
        }
        throw new IllegalStateException("conformance/xtensa not found above " + Path.of("").toAbsolutePath());
    }
}
