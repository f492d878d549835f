package io.twinboard.emu.bus;

/** A level-sensitive interrupt request wire from a device to an interrupt controller (or a pin). */
@FunctionalInterface
public interface IrqLine {
    void set(boolean level);

    default void raise() { set(true); }
    default void lower() { set(false); }

    /** A line connected to nothing. */
    IrqLine NONE = level -> {};
}
