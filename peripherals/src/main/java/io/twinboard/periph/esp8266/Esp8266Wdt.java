package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;

/**
 * The hardware watchdog at 0x60000900 (interrupt {@link Esp8266Map#INUM_WDT}, 8), declared and
 * not modelled: it never bites. Registers as the SDK/ROM use them (Arduino {@code esp8266_peri.h},
 * esp-open-rtos {@code registers.h}): WDT_CTL 0x00 (writing 0 disables), WDT_OP 0x04,
 * WDT_OP_ND 0x08, WDT_RST 0x14 (feed by writing 0x73); the others in 0x00..0x18 are declared with
 * placeholder names. Values are stored and read back; the first read and the first write of each
 * register are reported as unmodelled (later ones cost nothing: feeding the dog is frequent).
 */
public final class Esp8266Wdt implements MmioDevice {
    private static final String[] NAMES = {"WDT_CTL", "WDT_OP", "WDT_OP_ND", "WDT_UNKNOWN_0C", "WDT_UNKNOWN_10", "WDT_RST", "WDT_UNKNOWN_18"};
    private final RegisterBank regs;

    public Esp8266Wdt(GuestLog log) {
        regs = new RegisterBank("WDT", (int) Esp8266Map.BLOCK_SIZE, log);
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            Register r = regs.reg(4 * i, name);
            boolean[] seen = new boolean[2];
            r.onRead(() -> {
                if (!seen[0]) { seen[0] = true; log.unimplemented("WDT", name + "/r", "read of " + name + ": the watchdog is not modelled"); }
                return r.get();
            });
            r.onWrite((o, n, raw) -> {
                if (!seen[1]) { seen[1] = true; log.unimplemented("WDT", name + "/w", String.format("write 0x%x to %s: the watchdog is not modelled (it never resets the chip)", raw, name)); }
            });
        }
    }

    public RegisterBank registers() { return regs; }

    @Override public int read(int offset, int size) { return regs.read(offset, size); }

    @Override public void write(int offset, int size, int value) { regs.write(offset, size, value); }
}
