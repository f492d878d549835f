package io.twinboard.emu.cpu;

import io.twinboard.emu.time.ClockDomain;

/**
 * A CPU core behind our own interface (DESIGN.md: no backend type escapes its package).
 *
 * <p>Time: the core counts cycles of its {@link #clock()}; {@link #run} executes until the core's
 * time reaches {@code deadline} (virtual ps) or something stops it. While it runs, every MMIO
 * access first brings the scheduler to the core's current time, so devices see exact times. An
 * event scheduled during the run earlier than the deadline makes the core stop at that event's
 * time (it polls {@code Scheduler.deadlineVersion()} at block boundaries).
 */
public interface Cpu extends AutoCloseable {
    /** Architecture name, e.g. {@code cortex-m4} or {@code lx106}. */
    String name();

    /** Runs until virtual time {@code deadline} (ps) or another stop reason. */
    StopReason run(long deadline);

    /** Stops a running core at the next block boundary; safe from device callbacks. */
    void requestStop();

    /** Core cycles since reset (including idle cycles spent in WFI/WAITI). */
    long cycles();

    /** Of {@link #cycles()}, those the core spent asleep (WFI/WFE, WAITI) waiting for an event. */
    long idleCycles();

    /** Instructions retired since reset. */
    long instructions();

    /** The core clock; its frequency follows the firmware's clock configuration. */
    ClockDomain clock();

    int readRegister(CpuRegister r);

    void writeRegister(CpuRegister r, int value);

    int pc();

    /** Resets the core as at power-on (the machine reloads memory first if needed). */
    void reset();

    void addBreakpoint(int address);

    void removeBreakpoint(int address);

    @Override void close();
}
