package io.twinboard.emu.time;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A clock of the board (core clock, APB clock, SPI bit clock, timer clock): converts between its
 * cycles and virtual time. The frequency may change at run time (the firmware reprograms RCC or
 * DPORT); conversions are exact from the last change, so no rounding error accumulates.
 *
 * <p>Invariant: {@code timeOf(cycleAt(t)) <= t < timeOf(cycleAt(t) + 1)} for times after the last
 * frequency change.
 */
public final class ClockDomain {
    private final String name;
    private long hz;
    /** Virtual time (ps) and cycle count at the last frequency change. */
    private long epochTime;
    private long epochCycles;
    private final List<LongConsumer> listeners = new ArrayList<>(2);

    public ClockDomain(String name, long hz) {
        if (hz <= 0) throw new IllegalArgumentException(name + ": frequency must be positive, got " + hz);
        this.name = name;
        this.hz = hz;
    }

    public String name() { return name; }

    /** Frequency in Hz. */
    public long hz() { return hz; }

    /** Virtual time (ps) at which cycle number {@code cycles} of this clock starts. */
    public long timeOf(long cycles) {
        return epochTime + MulDiv.floor(cycles - epochCycles, VirtualTime.PS_PER_S, hz);
    }

    /** Number of whole cycles elapsed at virtual time {@code t} (ps). */
    public long cycleAt(long t) {
        return epochCycles + MulDiv.floor(t - epochTime, hz, VirtualTime.PS_PER_S);
    }

    /** First cycle number that starts at or after virtual time {@code t}. */
    public long firstCycleNotBefore(long t) {
        return epochCycles + MulDiv.ceil(t - epochTime, hz, VirtualTime.PS_PER_S);
    }

    /** Duration (ps) of {@code cycles} cycles at the current frequency. */
    public long durationOf(long cycles) {
        return MulDiv.floor(cycles, VirtualTime.PS_PER_S, hz);
    }

    /**
     * Changes the frequency from virtual time {@code now} on; listeners receive the new frequency.
     * {@code now} must not precede the last change.
     */
    public void setFrequency(long newHz, long now) {
        if (newHz <= 0) throw new IllegalArgumentException(name + ": frequency must be positive, got " + newHz);
        if (newHz == hz) return;
        long c = cycleAt(now);
        long t = timeOf(c);
        epochCycles = c;
        epochTime = t;
        hz = newHz;
        for (LongConsumer l : listeners) l.accept(newHz);
    }

    public void onFrequencyChange(LongConsumer listener) { listeners.add(listener); }

    @Override public String toString() { return name + "@" + hz + "Hz"; }
}
