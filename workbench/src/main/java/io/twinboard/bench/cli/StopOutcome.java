package io.twinboard.bench.cli;

import io.twinboard.emu.cpu.StopReason;

import java.io.PrintStream;

/**
 * Why a run stopped, as {@code twinboard run} reports it: the exit status (README, "Running
 * firmware") and one line saying why. Plain runs and {@code run --broker} both go through here,
 * so a stop reason maps to the same status either way.
 *
 * @param exitCode    the process exit status
 * @param why         one line for stderr, without the {@code twinboard: } prefix
 * @param faultReport the decoded fault report, or null when the firmware did not fault
 */
record StopOutcome(int exitCode, String why, String faultReport) {
    /**
     * @param reason the run's stop reason; null when the time limit was reached
     * @param pc     where the core stopped, as {@code 0x... <symbol+offset>}
     */
    static StopOutcome of(StopReason reason, String pc) {
        return switch (reason) {
            case null -> new StopOutcome(ExitCodes.TIME_LIMIT, "--max-time reached at pc " + pc, null);
            case StopReason.Exit e -> new StopOutcome(e.code() & 0xFF, "firmware exited with code " + e.code(), null);
            case StopReason.Fault f -> new StopOutcome(ExitCodes.FAULT, "firmware fault", f.report().report());
            case StopReason.Idle i -> new StopOutcome(ExitCodes.IDLE,
                    "firmware asleep (WFI/WAITI) with nothing scheduled that could wake it, at pc " + pc, null);
            default -> new StopOutcome(ExitCodes.INTERNAL, "stopped: " + reason, null);
        };
    }

    /** Prints the fault report, if any, then the why line (which {@code quiet} drops on a clean exit). */
    void print(PrintStream err, boolean quiet) {
        if (faultReport != null) err.println(faultReport);
        if (!quiet || exitCode != ExitCodes.OK) err.println("twinboard: " + why);
    }
}
