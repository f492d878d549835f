package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.RegisterBank;

/**
 * The hardware watchdog at 0x60000900 (interrupt {@link Esp8266Map#INUM_WDT}, 8), declared and
 * not modelled: it never bites. Registers as the SDK/ROM use them (Arduino {@code esp8266_peri.h},
 * esp-open-rtos {@code registers.h}): WDT_CTL 0x00 (writing 0 disables), WDT_OP 0x04,
 * WDT_OP_ND 0x08, WDT_RST 0x14 (feed by writing 0x73). Values are stored; a write with any bit
 * set is reported once per register as unmodelled.
 */
public final class Esp8266Wdt implements MmioDevice {
    private static final String WHY = "watchdog timeouts are not modelled (it never resets the chip)";
    private final RegisterBank regs;

    public Esp8266Wdt(GuestLog log) {
        regs = new RegisterBank("WDT", (int) Esp8266Map.BLOCK_SIZE, log);
        regs.reg(0x00, "WDT_CTL").unmodelled(-1, WHY);
        regs.reg(0x04, "WDT_OP").unmodelled(-1, WHY);
        regs.reg(0x08, "WDT_OP_ND").unmodelled(-1, WHY);
        regs.reg(0x0C, "WDT_UNKNOWN_0C").unmodelled(-1, WHY);
        regs.reg(0x10, "WDT_UNKNOWN_10").unmodelled(-1, WHY);
        regs.reg(0x14, "WDT_RST").unmodelled(-1, WHY);
        regs.reg(0x18, "WDT_UNKNOWN_18").unmodelled(-1, WHY);
    }

    public RegisterBank registers() { return regs; }

    @Override public int read(int offset, int size) { return regs.read(offset, size); }

    @Override public void write(int offset, int size, int value) { regs.write(offset, size, value); }
}
