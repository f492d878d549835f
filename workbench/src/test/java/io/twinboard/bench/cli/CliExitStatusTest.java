package io.twinboard.bench.cli;

import io.twinboard.bench.firmware.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The exit status of {@code twinboard run} (README, "Running firmware"), through {@link Main},
 * for a plain run and for {@code run --broker}: both map the firmware's stop the same way.
 */
class CliExitStatusTest {
    @TempDir Path dir;

    /** {@code run [--broker ...] elf}; the broker endpoint is never dialled by the tiny programs. */
    private CliRun run(boolean broker, Path elf, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--max-time", "50ms"));
        if (broker) {
            Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
            args.addAll(List.of("--broker", "mqtts://127.0.0.1:1", "--ca", ca.toString()));
        }
        args.addAll(List.of(more));
        args.add(elf.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "broker mode {0}")
    @ValueSource(booleans = {false, true})
    void theFirmwaresExitCodeIsTheStatus(boolean broker) throws Exception {
        CliRun r = run(broker, TinyArmElf.EXIT.write(dir, 42));
        assertEquals(42, r.status(), r.both());
        assertTrue(r.err().contains("firmware exited with code 42"), r.both());
    }

    @ParameterizedTest(name = "broker mode {0}")
    @ValueSource(booleans = {false, true})
    void maxTimeReachedIs124(boolean broker) throws Exception {
        CliRun r = run(broker, TinyArmElf.LOOP.write(dir));
        assertEquals(ExitCodes.TIME_LIMIT, r.status(), r.both());
        assertTrue(r.err().contains("--max-time reached at pc 0x08000050 <loop>"), r.both());
    }

    @ParameterizedTest(name = "broker mode {0}")
    @ValueSource(booleans = {false, true})
    void aFaultIs134WithItsDecodedReport(boolean broker) throws Exception {
        CliRun r = run(broker, TinyArmElf.FAULT.write(dir));
        assertEquals(ExitCodes.FAULT, r.status(), r.both());
        assertTrue(r.err().contains("HardFault") && r.err().contains("UNDEFINSTR"), r.both());
        assertTrue(r.err().contains("<fault>"), "the report names the faulting symbol: " + r.both());
    }

    @ParameterizedTest(name = "broker mode {0}")
    @ValueSource(booleans = {false, true})
    void sleepingWithNothingToWakeItIs125(boolean broker) throws Exception {
        CliRun r = run(broker, TinyArmElf.IDLE.write(dir));
        assertEquals(ExitCodes.IDLE, r.status(), r.both());
        assertTrue(r.err().contains("firmware asleep"), r.both());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void aRealImagesOwnExitCodePassesThrough(String board) {
        // mqtt-tls-client without a provisioning block exits with its EXIT_PROVISIONING (10).
        CliRun r = CliRun.of("run", "--board", board, "--max-time", "5s", Images.require(board, "mqtt-tls-client").toString());
        assertEquals(10, r.status(), r.both());
        assertTrue(r.out().contains("TB error provisioning block missing or malformed"), r.both());
    }

    @Test void quietBrokerModePrintsNoSummaryButStillSaysWhyItFailed() throws Exception {
        CliRun ok = run(true, TinyArmElf.EXIT.write(dir, 0), "--quiet");
        assertEquals(0, ok.status(), ok.both());
        assertEquals("", ok.err(), "--quiet and a clean exit: nothing on stderr");
        CliRun failed = run(true, TinyArmElf.LOOP.write(dir), "--quiet");
        assertEquals(ExitCodes.TIME_LIMIT, failed.status(), failed.both());
        assertTrue(failed.err().contains("--max-time reached"), failed.both());
        assertFalse(failed.err().contains("result ") || failed.err().contains(" against "), "summary printed: " + failed.both());
    }
}
