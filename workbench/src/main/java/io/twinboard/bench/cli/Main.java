package io.twinboard.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code twinboard} command line. */
@Command(name = "twinboard", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
                "Cycle-level emulator of IoT boards (STM32F429 Cortex-M4 or ESP8266 LX106, with a W5500) running real firmware.",
                "",
                "Exit status of 'run': the firmware's own exit code when it exits; otherwise",
                "  " + ExitCodes.BAD_INPUT + " bad input (missing or corrupt ELF, wrong architecture, unknown board, bad option)",
                "  " + ExitCodes.TIME_LIMIT + " --max-time reached",
                "  " + ExitCodes.IDLE + " firmware asleep with nothing left that could wake it",
                "  " + ExitCodes.FAULT + " firmware fault (a decoded report is printed)",
                "  " + ExitCodes.INTERNAL + " emulator error (a bug: please report it)"},
        subcommands = {RunCommand.class, BoardsCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("twinboard: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return ExitCodes.INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("twinboard: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"twinboard " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
