package io.twinboard.bench.cli;

import io.twinboard.bench.board.Board;
import io.twinboard.bench.board.BoardBuilder;
import io.twinboard.bench.board.BoardCatalog;
import io.twinboard.bench.board.BoardDescription;
import io.twinboard.bench.board.BoardException;
import io.twinboard.bench.board.BoardOptions;
import io.twinboard.emu.elf.ElfFormatException;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.machine.RunResult;
import io.twinboard.emu.time.VirtualTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code twinboard run}: boot an ELF on a board and stream its console. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Boot a firmware ELF on an emulated board, stream its console UART to stdout, and print a run summary to stderr.",
                "Stops when the firmware exits (semihosting SYS_EXIT / Xtensa simcall exit: the exit status is the firmware's),"
                + " on a firmware fault (a decoded report is printed), when it sleeps with nothing left to wake it, or at --max-time."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.elf", description = "Firmware image (ELF32, ARM or Xtensa).")
    Path elf;

    @Option(names = "--board", paramLabel = "NAME",
            description = "Board: nucleo-f429zi or esp8266-w5500, or a path to a .yaml board file. Default: from the ELF's architecture (ARM: nucleo-f429zi, Xtensa: esp8266-w5500).")
    String board;

    @Option(names = "--max-time", paramLabel = "DURATION", converter = DurationParser.class,
            description = "Stop after this much virtual (emulated) time, e.g. 500ms, 30s, 2m. Default: no limit.")
    Long maxTime;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of every random source of the board (hardware RNG, link jitter); same seed, same run. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--stdin", description = "Send standard input to the console UART's receiver (not with --broker).")
    boolean stdin;

    @Option(names = "--no-cycle-model", description = {"Cortex-M4 boards only (refused on esp8266-w5500): run on bare Unicorn, without the cycle model (for speed comparisons).",
                    "Time then moves only 100 cycles per device access; no interrupts are taken."})
    boolean noCycleModel;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "%nNetwork firmware (mqtt-tls-client) against an external broker:%n")
    ExternalBroker external;

    /** Options that provision the firmware for a broker outside the workbench (and those of every MQTT session). */
    static final class ExternalBroker extends MqttSessionOptions {
        @Option(names = "--broker", required = true, paramLabel = "mqtts://HOST[:PORT]",
                description = "Broker the firmware connects to (TLS). The board may reach only this endpoint; its name resolves to it.")
        String broker;

        @Option(names = "--ca", required = true, paramLabel = "FILE", description = "PEM CA certificate(s) the firmware verifies the broker with.")
        Path ca;

        @Option(names = "--cert", paramLabel = "FILE", description = "PEM client certificate for mutual TLS (with --key).")
        Path cert;

        @Option(names = "--key", paramLabel = "FILE", description = "PEM private key of --cert.")
        Path key;

        @Option(names = "--user", paramLabel = "NAME", description = "MQTT user name.")
        String user;

        @Option(names = "--password", paramLabel = "SECRET", description = "MQTT password.")
        String password;
    }

    @Option(names = "--quiet", description = {"Do not print the run summary or unmodelled-feature notes; console and errors only"
            + " (with --broker: the stop line and the diagnosis only when the run fails; --trace still prints)."})
    boolean quiet;

    @Override public Integer call() {
        PrintStream err = System.err;
        ElfImage image;
        BoardDescription desc;
        try {
            image = ElfImage.load(elf);
            desc = BoardCatalog.load(board != null ? board : defaultBoard(image));
        } catch (ElfFormatException | BoardException e) {
            err.println("twinboard: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (noCycleModel && !"cortex-m4".equals(desc.cpu().type()))
            throw new IllegalArgumentException("--no-cycle-model is for Cortex-M4 boards; " + desc.name() + " has an "
                    + desc.cpu().type() + " core, whose interpreter always counts cycles");
        BoardOptions opts = BoardOptions.defaults().withSeed(seed).withCycleAccounting(!noCycleModel)
                .withDiagnostics(quiet ? null : err);
        if (external != null) return runAgainstExternalBroker(desc, image, opts, err);
        try (Board b = BoardBuilder.build(desc, opts)) {
            b.load(image);
            if (stdin) ConsoleInput.start(b);
            RunResult r = b.run(maxTime == null ? VirtualTime.NEVER : maxTime);
            System.out.flush();
            StopOutcome outcome = StopOutcome.of(r.reason(), b.machine().symbols().describe(Integer.toUnsignedLong(b.machine().cpu().pc())));
            outcome.print(err, quiet);
            if (!quiet) err.println("twinboard: " + b.description().name() + " | " + r.summary());
            return outcome.exitCode();
        } catch (BoardException e) {
            err.println("twinboard: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    private int runAgainstExternalBroker(BoardDescription desc, ElfImage image, BoardOptions opts, PrintStream err) {
        // The firmware reads no console input, and MqttRun owns the board: refuse rather than ignore.
        if (stdin) throw new IllegalArgumentException("--stdin cannot be combined with --broker (mqtt-tls-client reads no console input)");
        java.net.URI uri;
        try {
            uri = new java.net.URI(external.broker);
        } catch (java.net.URISyntaxException e) {
            err.println("twinboard: --broker: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (!"mqtts".equals(uri.getScheme()) || uri.getHost() == null) {
            err.println("twinboard: --broker must be mqtts://HOST[:PORT] (TLS), got " + external.broker);
            return ExitCodes.BAD_INPUT;
        }
        if ((external.cert == null) != (external.key == null)) {
            err.println("twinboard: --cert and --key go together");
            return ExitCodes.BAD_INPUT;
        }
        external.check();
        OptionChecks.readable("--ca", external.ca);
        OptionChecks.readable("--cert", external.cert);
        OptionChecks.readable("--key", external.key);
        int port = uri.getPort() < 0 ? 8883 : uri.getPort();
        var setup = external.provisioned(new io.twinboard.bench.mqtt.MqttSetup(uri.getHost(), uri.getHost(), port, external.ca,
                external.cert, external.key, "twinboard-" + desc.name(), external.user, external.password, "twinboard/" + desc.name(),
                external.count, 1000, 0, 2, external.linkProfile()));
        var r = io.twinboard.bench.mqtt.MqttRun.run(desc, image, setup, null, opts, System.out,
                maxTime == null ? VirtualTime.NEVER : maxTime, net -> net.setPacing(external.pacingMode()), external.capture);
        System.out.flush();
        StopOutcome outcome = StopOutcome.of(r.run().reason(), r.stopPc());
        outcome.print(err, quiet);
        if (!quiet) {
            err.println("twinboard: " + desc.name() + " against " + external.broker);
            MqttOutput.print(r, false, external.capture, err);
        } else if (outcome.exitCode() != ExitCodes.OK) {
            MqttOutput.diagnosis(r, err);     // the explanation of an error is not summary
        }
        if (external.trace) MqttOutput.trace(r, err);   // asked for explicitly, so --quiet keeps it
        return outcome.exitCode();
    }

    private static String defaultBoard(ElfImage image) {
        return switch (image.machine()) {
            case ElfImage.EM_ARM -> "nucleo-f429zi";
            case ElfImage.EM_XTENSA -> "esp8266-w5500";
            default -> throw new BoardException(image.path() + ": " + ElfImage.machineName(image.machine())
                    + " image; Twinboard runs ARM (nucleo-f429zi) and Xtensa (esp8266-w5500) firmware");
        };
    }
}
