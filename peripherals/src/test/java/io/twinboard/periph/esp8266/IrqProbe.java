package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.IrqLine;

/** Test double for an interrupt input: remembers the level and counts rising edges. */
final class IrqProbe implements IrqLine {
    boolean high;
    int rises;

    @Override public void set(boolean level) {
        if (level && !high) rises++;
        high = level;
    }
}
