package io.twinboard.bench.cli;

import io.twinboard.bench.board.Board;
import io.twinboard.bench.board.BoardBuilder;
import io.twinboard.bench.board.BoardCatalog;
import io.twinboard.bench.board.BoardDescription;
import io.twinboard.bench.board.BoardException;
import io.twinboard.bench.board.BoardOptions;
import io.twinboard.emu.cpu.StopReason;
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
                "Stops when the firmware exits (semihosting SYS_EXIT / Xtensa simcall exit: the exit status is the firmware's),",
                "on a firmware fault (a decoded report is printed), when it sleeps with nothing left to wake it, or at --max-time."})
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

    @Option(names = "--stdin", description = "Send standard input to the console UART's receiver.")
    boolean stdin;

    @Option(names = "--no-cycle-model", description = "Run the CPU without cycle accounting (bare engine speed; cycle counts are then instruction counts).")
    boolean noCycleModel;

    @Option(names = "--quiet", description = "Do not print the run summary or unmodelled-feature notes; console and errors only.")
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
        BoardOptions opts = BoardOptions.defaults().withSeed(seed).withCycleAccounting(!noCycleModel)
                .withDiagnostics(quiet ? null : err);
        try (Board b = BoardBuilder.build(desc, opts)) {
            b.load(image);
            if (stdin) ConsoleInput.start(b);
            RunResult r = b.run(maxTime == null ? VirtualTime.NEVER : maxTime);
            System.out.flush();
            return report(r, b, err);
        } catch (BoardException e) {
            err.println("twinboard: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    private int report(RunResult r, Board b, PrintStream err) {
        int code;
        String why;
        switch (r.reason()) {
            case null -> { code = ExitCodes.TIME_LIMIT; why = "--max-time reached at pc " + b.machine().symbols().describe(Integer.toUnsignedLong(b.machine().cpu().pc())); }
            case StopReason.Exit e -> { code = e.code() & 0xFF; why = "firmware exited with code " + e.code(); }
            case StopReason.Fault f -> { code = ExitCodes.FAULT; why = "firmware fault"; err.println(f.report().report()); }
            case StopReason.Idle i -> { code = ExitCodes.IDLE; why = "firmware asleep (WFI/WAITI) with nothing scheduled that could wake it, at pc " + b.machine().symbols().describe(Integer.toUnsignedLong(b.machine().cpu().pc())); }
            default -> { code = ExitCodes.INTERNAL; why = "stopped: " + r.reason(); }
        }
        if (!quiet || code != 0) err.println("twinboard: " + why);
        if (!quiet) err.println("twinboard: " + b.description().name() + " | " + r.summary());
        return code;
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
