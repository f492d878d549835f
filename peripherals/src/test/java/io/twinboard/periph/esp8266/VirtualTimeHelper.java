package io.twinboard.periph.esp8266;

import io.twinboard.emu.time.VirtualTime;

/** Short names for test durations (ps). */
final class VirtualTimeHelper {
    static final long US = VirtualTime.PS_PER_US, MS = VirtualTime.PS_PER_MS, S = VirtualTime.PS_PER_S;
    private VirtualTimeHelper() {}
}
