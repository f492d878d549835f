package io.twinboard.bench.cli;

/** Exit statuses of the command line besides the firmware's own exit code. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Bad input: usage error, missing or corrupt ELF, wrong architecture, unknown board. */
    public static final int BAD_INPUT = 2;
    /** An emulator bug (uncaught exception). */
    public static final int INTERNAL = 70;
    /** {@code --max-time} of virtual time reached (as timeout(1)). */
    public static final int TIME_LIMIT = 124;
    /** The firmware sleeps (WFI/WAITI) with nothing scheduled that could wake it. */
    public static final int IDLE = 125;
    /** The firmware faulted (HardFault, IllegalInstruction, ...). */
    public static final int FAULT = 134;

    private ExitCodes() {}
}
