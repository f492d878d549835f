package io.twinboard.emu.time;

/**
 * Units of the virtual timeline. Virtual time is a {@code long} count of picoseconds since the
 * machine was created (2^63 ps is about 106 days of guest time). Picoseconds keep one cycle of a
 * 168 MHz core (5952.38 ps) and one bit of a 42 MHz SPI clock representable without drift when
 * converted from cycle counts (see {@link ClockDomain}).
 */
public final class VirtualTime {
    public static final long PS_PER_NS = 1_000L;
    public static final long PS_PER_US = 1_000_000L;
    public static final long PS_PER_MS = 1_000_000_000L;
    public static final long PS_PER_S = 1_000_000_000_000L;
    /** "Never": the deadline of an empty scheduler. */
    public static final long NEVER = Long.MAX_VALUE;

    private VirtualTime() {}

    public static long ofNanos(long ns) { return Math.multiplyExact(ns, PS_PER_NS); }
    public static long ofMicros(long us) { return Math.multiplyExact(us, PS_PER_US); }
    public static long ofMillis(long ms) { return Math.multiplyExact(ms, PS_PER_MS); }
    public static long ofSeconds(long s) { return Math.multiplyExact(s, PS_PER_S); }

    /** Human form with a unit that keeps three significant decimals, e.g. {@code 12.345 ms}. */
    public static String format(long ps) {
        if (ps == NEVER) return "never";
        double abs = Math.abs((double) ps);
        if (abs >= PS_PER_S) return String.format("%.3f s", ps / (double) PS_PER_S);
        if (abs >= PS_PER_MS) return String.format("%.3f ms", ps / (double) PS_PER_MS);
        if (abs >= PS_PER_US) return String.format("%.3f us", ps / (double) PS_PER_US);
        return String.format("%.3f ns", ps / (double) PS_PER_NS);
    }
}
