package io.twinboard.periph.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * A digital signal between board parts (a GPIO pin to a chip-select or reset input, an INTn
 * output to a GPIO input). One driver at a time; listeners hear level changes only, in the order
 * they registered.
 */
public final class Wire {
    /** Hears a level change. */
    @FunctionalInterface
    public interface Listener { void changed(boolean high); }

    private final String name;
    private boolean high;
    private final List<Listener> listeners = new ArrayList<>(2);

    /** @param idleHigh the level before anyone drives it (a pull-up makes it high) */
    public Wire(String name, boolean idleHigh) {
        this.name = name;
        this.high = idleHigh;
    }

    public String name() { return name; }
    public boolean isHigh() { return high; }

    public void drive(boolean level) {
        if (level == high) return;
        high = level;
        for (Listener l : listeners) l.changed(level);
    }

    public void onChange(Listener l) { listeners.add(l); }

    @Override public String toString() { return name + (high ? "=1" : "=0"); }
}
