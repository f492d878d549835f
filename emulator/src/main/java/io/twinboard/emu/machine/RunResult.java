package io.twinboard.emu.machine;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;

/**
 * What one {@link Machine#run} did.
 *
 * @param reason       why it stopped; {@code null} when the time limit was reached
 * @param virtualTime  virtual time elapsed (ps)
 * @param cycles       core cycles elapsed
 * @param instructions instructions retired
 * @param hostNanos    wall-clock time the run took (ns)
 * @param coreHz       core clock at the end of the run
 */
public record RunResult(StopReason reason, long virtualTime, long cycles, long instructions, long hostNanos, long coreHz) {
    public boolean timeLimitReached() { return reason == null; }

    /** Emulated core cycles per host second, in MHz. */
    public double emulatedMhz() { return hostNanos == 0 ? 0 : cycles * 1e3 / hostNanos; }

    /** Guest instructions per host second, in millions. */
    public double mips() { return hostNanos == 0 ? 0 : instructions * 1e3 / hostNanos; }

    /** Virtual time / host time: 1.0 means real time. */
    public double realTimeRatio() { return hostNanos == 0 ? 0 : virtualTime / 1e3 / hostNanos; }

    /** The one-paragraph summary the CLI prints to stderr. */
    public String summary() {
        return String.format("instructions %,d | cycles %,d | virtual time %s | host time %.3f s | %.1f MIPS | emulated %.1f MHz (%.2fx real time at %.1f MHz)",
                instructions, cycles, VirtualTime.format(virtualTime), hostNanos / 1e9, mips(), emulatedMhz(), realTimeRatio(), coreHz / 1e6);
    }
}
