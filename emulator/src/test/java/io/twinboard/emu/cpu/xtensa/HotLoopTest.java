package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.elf.ElfImage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * gcc -O2 output (ChaCha20 blocks + 16-bit multiply-accumulate, hotloop.c) runs on the
 * interpreter and computes the same checksum as the Java reference below; the run also prints
 * the emulation speed in emulated MHz (core cycles per wall-clock second) for information.
 */
class HotLoopTest {
    @Test
    void compiledCryptoLoopComputesTheReferenceChecksum() throws Exception {
        Path elf = build();
        ElfImage image = ElfImage.load(elf);
        long resultAddr = image.symbols().find("result").orElseThrow().address();
        double bestMhz = 0, bestCpuMhz = 0;
        long cycles = 0, insns = 0;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int run = 0; run < 6; run++) {
            try (SimMachine m = SimMachine.boot(image)) {
                long t0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime();
                StopReason r = m.run(50_000_000_000L);
                long dt = System.nanoTime() - t0, dc = threads.getCurrentThreadCpuTime() - c0;
                bestCpuMhz = Math.max(bestCpuMhz, m.cpu.cycles() / (dc / 1e3));
                assertInstanceOf(StopReason.Exit.class, r, () -> "hot loop stopped with " + r);
                assertEquals(reference(), m.bus.read(resultAddr, 4), "checksum");
                cycles = m.cpu.cycles();
                insns = m.cpu.instructions();
                bestMhz = Math.max(bestMhz, cycles / (dt / 1e3));
            }
        }
        // Wall-clock MHz suffers when the host is shared; per-thread CPU time shows the speed the
        // interpreter reaches on an idle core.
        System.out.printf("lx106 hot loop: %d instructions, %d cycles (CPI %.2f), best %.1f emulated MHz wall, %.1f MHz per CPU second%n",
            insns, cycles, cycles / (double) insns, bestMhz, bestCpuMhz);
    }

    static Path build() throws Exception {
        if (!ConformanceTest.onPath(ConformanceTest.GCC)) fail(ConformanceTest.GCC + " is not installed (Debian package gcc-xtensa-lx106)");
        Path dir = Path.of("target", "xtensa-hotloop");
        Files.createDirectories(dir);
        Path src = dir.resolve("hotloop.c");
        Path ld = dir.resolve("hotloop.ld");
        try (var in = HotLoopTest.class.getResourceAsStream("hotloop.c"); var lin = HotLoopTest.class.getResourceAsStream("hotloop.ld")) {
            Files.write(src, in.readAllBytes());
            Files.write(ld, lin.readAllBytes());
        }
        Path elf = dir.resolve("hotloop.elf");
        Process p = new ProcessBuilder(ConformanceTest.GCC, "-O2", "-nostdlib", "-ffreestanding", "-Wl,--no-warn-rwx-segments",
            "-T", ld.toString(), "-o", elf.toString(), src.toString())
            .redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail("building hotloop.c failed:\n" + msg);
        return elf;
    }

    /** The checksum of hotloop.c computed in Java. */
    static int reference() {
        int[] state = new int[16], out = new int[16];
        short[] la = new short[64], lb = new short[64];
        for (int i = 0; i < 16; i++) state[i] = 0x61707865 * (i + 1);
        int sum = 0;
        for (int n = 0; n < 2000; n++) {
            state[12] = n;
            chacha(out, state);
            for (int i = 0; i < 16; i++) sum = Integer.rotateLeft(sum, 5) ^ out[i];
            for (int i = 0; i < 64; i++) {
                la[i] = (short) (out[i & 15] >>> (i & 16));
                lb[i] = (short) (sum + i);
            }
            int acc = 0;
            for (int i = 0; i < 64; i++) acc = acc * 31 + (la[i] & 0xFFFF) * (lb[63 - i] & 0xFFFF);
            sum += acc;
        }
        return sum;
    }

    private static void chacha(int[] out, int[] in) {
        int[] x = in.clone();
        for (int i = 0; i < 10; i++) {
            qr(x, 0, 4, 8, 12); qr(x, 1, 5, 9, 13); qr(x, 2, 6, 10, 14); qr(x, 3, 7, 11, 15);
            qr(x, 0, 5, 10, 15); qr(x, 1, 6, 11, 12); qr(x, 2, 7, 8, 13); qr(x, 3, 4, 9, 14);
        }
        for (int i = 0; i < 16; i++) out[i] = x[i] + in[i];
    }

    private static void qr(int[] x, int a, int b, int c, int d) {
        x[a] += x[b]; x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d]; x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b]; x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d]; x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
    }
}
