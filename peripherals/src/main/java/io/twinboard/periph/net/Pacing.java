package io.twinboard.periph.net;

/**
 * How the {@link Network} keeps virtual time in step with wall-clock time while a real host peer
 * is connected (docs/workbench.md, "Live peers and time"). Emulation slower than real time is never throttled
 * in either mode: virtual time then lags, and the board sees its peers answer a little early.
 */
public enum Pacing {
    /**
     * Virtual time never leads wall-clock time by more than one live slice (10 ms): a peer's
     * answer reaches the firmware after the wall-clock time it took, and the firmware's timeouts
     * run in the seconds the peer's run in. A board that computes faster than real time waits
     * for wall-clock time at the end of each slice.
     */
    STRICT,
    /**
     * As {@link #STRICT}, except that a slice in which the firmware neither touched the network
     * chip (no SPI byte exchanged with the W5500), nor slept (WFI/WFE/WAITI), and in which no
     * host data arrived, keeps the lead it gained: the firmware was computing and could not have
     * seen the network, so nothing it observes changes, and the time it gained is not slept away.
     * Peers see a board that computes faster than the real one. What the firmware can notice: a
     * peer message sent within that lead after such a slice reaches it up to that lead late
     * (never earlier than in {@link #STRICT}); a firmware that waits for the network by polling
     * a RAM flag set from an interrupt with a cycle-counter timeout sees such waits shortened. Use
     * {@link #STRICT} for those.
     */
    CONTACT;

    /** The mode named {@code name} ({@code strict} or {@code contact}, any case). */
    public static Pacing named(String name) {
        for (Pacing p : values()) if (p.name().equalsIgnoreCase(name)) return p;
        throw new IllegalArgumentException("unknown pacing '" + name + "' (strict or contact)");
    }
}
