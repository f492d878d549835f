package io.twinboard.emu.cpu;

/** Why {@link Cpu#run} returned. */
public sealed interface StopReason {
    /** Virtual time reached the deadline; the run loop fires due events and continues. */
    record Deadline() implements StopReason {}

    /** The firmware asked to exit (semihosting SYS_EXIT, Xtensa simcall exit). */
    record Exit(int code) implements StopReason {}

    /** A fault the firmware cannot recover from in the emulator (decoded report inside). */
    record Fault(FaultReport report) implements StopReason {}

    /** Execution reached a breakpoint address (before executing it). */
    record Breakpoint(int pc) implements StopReason {}

    /** A watched address was accessed. */
    record Watchpoint(int pc, long address, boolean write) implements StopReason {}

    /** {@link Cpu#requestStop} was called (debugger, Ctrl-C, the workbench). */
    record Requested() implements StopReason {}

    /** The core sleeps (WFI/WAITI) and no event is scheduled: it would sleep forever. */
    record Idle() implements StopReason {}

    StopReason DEADLINE = new Deadline();
    StopReason REQUESTED = new Requested();
    StopReason IDLE = new Idle();
}
