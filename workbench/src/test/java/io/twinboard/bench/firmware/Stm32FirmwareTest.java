package io.twinboard.bench.firmware;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Tier-2 tests: real mbedTLS images booted on the nucleo-f429zi board. */
class Stm32FirmwareTest {
    private static final String BOARD = "nucleo-f429zi";

    @Test
    void selftestPassesEveryModule() throws Exception {
        BoardRun run = BoardRun.boot(BOARD, Images.require(BOARD, "selftest"), VirtualTime.ofSeconds(300));
        assertEquals(new StopReason.Exit(0), run.result().reason(), run.console());
        assertTrue(run.lines("SELFTEST ").stream().noneMatch(l -> l.contains(" FAIL")), run.console());
        String done = run.lines("SELFTEST done").getFirst();
        int passed = Integer.parseInt(done.replaceAll(".*passed=(\\d+).*", "$1"));
        assertTrue(passed >= 15, "expected the self tests of at least 15 modules: " + done);
        assertTrue(done.contains("failed=0"), done);
        // The firmware configured 168 MHz through RCC: the core clock followed it.
        assertTrue(run.console().contains("SELFTEST start board=nucleo-f429zi"), run.console());
    }

    @Test
    void cryptoBenchFiguresAreInASaneRange() throws Exception {
        BoardRun run = BoardRun.boot(BOARD, Images.require(BOARD, "crypto-bench"), VirtualTime.ofSeconds(600));
        assertEquals(new StopReason.Exit(0), run.result().reason(), run.console());
        assertTrue(run.console().contains("cpu_hz=168000000"), run.console());
        Map<String, Double> cpb = new HashMap<>(), ms = new HashMap<>();
        for (String l : run.lines("BENCH ")) {
            String[] p = l.split(" ");
            if (p.length < 3) continue;
            for (String kv : p) {
                if (kv.startsWith("cycles_per_byte=")) cpb.put(p[1], Double.parseDouble(kv.substring(16)));
                if (kv.startsWith("ms=")) ms.put(p[1], Double.parseDouble(kv.substring(3)));
            }
        }
        assertTrue(run.lines("BENCH done").size() == 1, run.console());
        // Published Cortex-M4 figures for mbedTLS (C, no assembler): SHA-256 ~30-60 c/B, AES-128
        // ~50-150 c/B, P-256 ECDSA sign tens to hundreds of ms at 168 MHz. A factor-of-3 window
        // around them catches a broken cycle model (e.g. every instruction 1 cycle, or wait states
        // counted per byte) without pinning our own numbers.
        assertInRange(cpb, "sha256", 15, 200);
        for (var e : cpb.entrySet()) assertInRange(cpb, e.getKey(), 5, 2000);
        for (var e : ms.entrySet()) assertInRange(ms, e.getKey(), 0.001, 20_000);
        assertFalse(ms.isEmpty(), "no per-operation figures: " + run.console());
    }

    private static void assertInRange(Map<String, Double> m, String key, double lo, double hi) {
        Double v = m.get(key);
        assertNotNull(v, key + " missing from " + m.keySet());
        assertTrue(v >= lo && v <= hi, key + " = " + v + " outside [" + lo + ", " + hi + "]");
    }
}
