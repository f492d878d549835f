package io.twinboard.bench.cli;

import io.twinboard.bench.firmware.Images;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input gives one clear line on stderr and exit status 2, never a stack trace. */
class CliBadInputTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldErr, oldOut;

    @BeforeEach void capture() {
        // demo finds its image under twinboard.home (the launcher sets it): a bad option must fail
        // on its own account, not because the image was not found.
        System.setProperty("twinboard.home", Images.root().toString());
        oldErr = System.err;
        oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach void restore() {
        System.clearProperty("twinboard.home");
        System.setErr(oldErr);
        System.setOut(oldOut);
    }

    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    private void assertOneLine(int status, String expectedFragment) {
        assertEquals(ExitCodes.BAD_INPUT, status, stderr());
        assertTrue(stderr().contains(expectedFragment), stderr());
        assertFalse(stderr().contains("\tat "), "stack trace printed: " + stderr());
    }

    @Test void missingFile() {
        assertOneLine(Main.execute("run", "/nonexistent/fw.elf"), "no such file");
    }

    @Test void notAnElf(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fw.elf");
        Files.writeString(f, "this is not firmware");
        assertOneLine(Main.execute("run", f.toString()), "not an ELF file");
    }

    @Test void truncatedElf(@TempDir Path dir) throws Exception {
        Path elf = Images.require("nucleo-f429zi", "selftest");
        Path f = dir.resolve("cut.elf");
        Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(elf), 4000));
        assertOneLine(Main.execute("run", f.toString()), "truncated");
    }

    @Test void unknownBoard() {
        Path elf = Images.require("nucleo-f429zi", "selftest");
        assertOneLine(Main.execute("run", "--board", "arduino-uno", elf.toString()), "unknown board 'arduino-uno'");
    }

    @Test void wrongArchitecture() {
        Path elf = Images.require("esp8266-w5500", "selftest");
        assertOneLine(Main.execute("run", "--board", "nucleo-f429zi", elf.toString()), "Xtensa image, but board nucleo-f429zi");
    }

    @Test void badDuration() {
        Path elf = Images.require("nucleo-f429zi", "selftest");
        assertOneLine(Main.execute("run", "--max-time", "soon", elf.toString()), "not a duration");
    }

    @ParameterizedTest(name = "demo {0} {1}")
    @CsvSource({"--count, -1, --count must be at least 1", "--count, 0, --count must be at least 1",
            "--interval, -5, --interval must be at least 0", "--link, moon, --link: unknown link profile 'moon'",
            "--pacing, fast, --pacing: unknown pacing 'fast'", "--key, dsa, --key must be ec or rsa",
            "--max-time, 0s, --max-time must be more than 0", "--capture, /nonexistent/dir/x.pcapng, --capture: cannot write",
            "--keepalive, 70000, --keepalive must be from 0 to 65535", "--qos, 2, --qos must be from 0 to 1"})
    void demoChecksEveryOptionBeforeTheBrokerStarts(String option, String value, String message) {
        assertOneLine(Main.execute("demo", option, value), message);
        assertFalse(stderr().contains("embedded MQTT broker on"), "the broker started first: " + stderr());
    }

    @ParameterizedTest(name = "run --broker {0} {1}")
    @CsvSource({"--count, -1, --count must be at least 1", "--link, moon, --link: unknown link profile 'moon'",
            "--pacing, fast, --pacing: unknown pacing 'fast'", "--cert, /nonexistent/c.pem, --cert: cannot read",
            "--keepalive, -1, --keepalive must be from 0 to 65535", "--qos, 3, --qos must be from 0 to 1"})
    void runAgainstABrokerChecksItsOptions(String option, String value, String message, @TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
        Path elf = Images.require("nucleo-f429zi", "mqtt-tls-client");
        List<String> args = new ArrayList<>(List.of("run", "--broker", "mqtts://127.0.0.1:1", "--ca", ca.toString(), option, value));
        if (option.equals("--cert")) args.addAll(List.of("--key", ca.toString()));
        args.add(elf.toString());
        assertOneLine(Main.execute(args.toArray(String[]::new)), message);
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("TB "), "the firmware ran: " + out);
    }

    @Test void stdinIsRefusedWithABroker(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
        Path elf = Images.require("nucleo-f429zi", "mqtt-tls-client");
        assertOneLine(Main.execute("run", "--stdin", "--broker", "mqtts://127.0.0.1:1", "--ca", ca.toString(), elf.toString()),
                "--stdin cannot be combined with --broker");
    }

    @Test void noCycleModelIsRefusedOffCortexM4() {
        Path elf = Images.require("esp8266-w5500", "selftest");
        assertOneLine(Main.execute("run", "--no-cycle-model", elf.toString()), "--no-cycle-model is for Cortex-M4 boards; esp8266-w5500 has an lx106 core");
    }

    /** Every option picocli knows for {@code run} and {@code demo}, argument groups included, is in its --help. */
    @ParameterizedTest
    @ValueSource(strings = {"run", "demo"})
    void helpListsEveryOption(String command) {
        CommandSpec spec = new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec();
        List<String> options = spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> Arrays.stream(o.names())).toList();
        assertTrue(options.containsAll(List.of("--board", "--max-time", "--pacing", "--help")), options.toString());
        if (command.equals("run")) assertTrue(options.containsAll(List.of("--broker", "--ca", "--quiet", "--stdin")), options.toString());
        assertEquals(0, Main.execute(command, "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        // as a whole word: --ca must not pass because --capture is there
        for (String o : options) assertTrue(Pattern.compile("(?<![\\w-])" + o + "(?![\\w-])").matcher(help).find(), o + " missing from: " + help);
    }
}
