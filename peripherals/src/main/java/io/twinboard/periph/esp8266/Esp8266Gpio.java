package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.periph.signal.Wire;

/**
 * GPIO0..15 at 0x60000300; interrupt: core {@link Esp8266Map#INUM_GPIO} (4). (GPIO16 lives in
 * the RTC block and is not modelled.)
 *
 * <p>Registers (ESP8266 TRM ch. 2 "GPIO"; SDK {@code gpio_register.h}; Arduino
 * {@code esp8266_peri.h}): GPIO_OUT 0x00, OUT_W1TS 0x04, OUT_W1TC 0x08, GPIO_ENABLE 0x0C,
 * ENABLE_W1TS 0x10, ENABLE_W1TC 0x14, GPIO_IN 0x18 (read-only), GPIO_STATUS 0x1C (interrupt
 * status), STATUS_W1TS 0x20, STATUS_W1TC 0x24, GPIO_PIN0..15 0x28..0x64 (bit 0 SOURCE, bit 2
 * DRIVER open drain, bits 7..9 INT_TYPE 0 off / 1 rising / 2 falling / 3 any edge / 4 low level /
 * 5 high level, bit 10 WAKEUP_ENABLE), GPIO_SIGMA_DELTA 0x68, RTC_CALIB_SYNC 0x6C,
 * RTC_CALIB_VALUE 0x70.
 *
 * <p>Each pad is a {@link Wire} owned by this block ({@link #pin}, named {@code gpio.N}, idle
 * high). A pad is driven from GPIO_OUT while its GPIO_ENABLE bit is set, IO_MUX selects the GPIO
 * function (when an {@link Esp8266IoMux} is given) and the board has not declared an external
 * driver for it ({@link #connectExternalDriver}, e.g. the W5500's INTn). When the GPIO stops
 * driving a pad that is still in its GPIO function, the pad returns high (pull-up assumed: the
 * NodeMCU pads the board uses have pull-ups or are driven by the W5500); a pad handed to another
 * function (HSPI CS0) is left to that function. Open drain: a 1 releases to the pull-up, so it
 * is driven high like push-pull. GPIO_IN reads the pad wires. Edge interrupt types set GPIO_STATUS on wire changes (the pad's own
 * output included, as on the chip); level types set it while the level holds, re-evaluated after
 * STATUS is cleared. The interrupt output is GPIO_STATUS != 0.
 */
public final class Esp8266Gpio implements MmioDevice {
    public static final int PINS = 16;
    private static final int INT_RISING = 1, INT_FALLING = 2, INT_ANY = 3, INT_LOW = 4, INT_HIGH = 5;

    private final String name = "GPIO";
    private final IrqLine irq;
    private final RegisterBank regs;
    private Register out, enable, status;
    private final Register[] pinConf;
    private final Wire[] pads = new Wire[PINS];
    private final GuestLog log;
    private Esp8266IoMux ioMux;
    private int external;
    private int driven;
    private boolean irqLevel;

    /** @param irq core interrupt 4 */
    public Esp8266Gpio(IrqLine irq, GuestLog log) {
        this.irq = irq;
        this.log = log;
        regs = new RegisterBank(name, (int) Esp8266Map.BLOCK_SIZE, log);
        out = regs.reg(0x00, "GPIO_OUT").field("GPIO_OUT_DATA", 0, 16).field("GPIO_BT_SEL", 16, 16)
                .onWrite((o, n, raw) -> refreshOutputs());
        regs.reg(0x04, "GPIO_OUT_W1TS").readOnly().onWrite((o, n, raw) -> { out.set(out.get() | (raw & 0xFFFF)); refreshOutputs(); });
        regs.reg(0x08, "GPIO_OUT_W1TC").readOnly().onWrite((o, n, raw) -> { out.set(out.get() & ~(raw & 0xFFFF)); refreshOutputs(); });
        enable = regs.reg(0x0C, "GPIO_ENABLE").writeMask(0x3F_FFFF).field("GPIO_ENABLE_DATA", 0, 16)
                .field("GPIO_SDIO_SEL", 16, 6).unmodelled(0x3F_0000, "SDIO pin selection")
                .onWrite((o, n, raw) -> refreshOutputs());
        regs.reg(0x10, "GPIO_ENABLE_W1TS").readOnly().onWrite((o, n, raw) -> { enable.set(enable.get() | (raw & 0xFFFF)); refreshOutputs(); });
        regs.reg(0x14, "GPIO_ENABLE_W1TC").readOnly().onWrite((o, n, raw) -> { enable.set(enable.get() & ~(raw & 0xFFFF)); refreshOutputs(); });
        regs.reg(0x18, "GPIO_IN").readOnly().field("GPIO_IN_DATA", 0, 16).field("GPIO_STRAPPING", 16, 16)
                .onRead(this::inputLevels);
        status = regs.reg(0x1C, "GPIO_STATUS").writeMask(0xFFFF).field("GPIO_STATUS_INTERRUPT", 0, 16)
                .onWrite((o, n, raw) -> statusChanged());
        regs.reg(0x20, "GPIO_STATUS_W1TS").readOnly().onWrite((o, n, raw) -> { status.set(status.get() | (raw & 0xFFFF)); statusChanged(); });
        regs.reg(0x24, "GPIO_STATUS_W1TC").readOnly().onWrite((o, n, raw) -> { status.set(status.get() & ~(raw & 0xFFFF)); statusChanged(); });
        pinConf = regs.array(0x28, 4, PINS, "GPIO_PIN");
        for (Register r : pinConf) {
            r.writeMask(0x785).field("GPIO_PIN_SOURCE", 0, 1).field("GPIO_PIN_DRIVER", 2, 1)
                    .field("GPIO_PIN_INT_TYPE", 7, 3).field("GPIO_PIN_WAKEUP_ENABLE", 10, 1)
                    .unmodelled(0x401, "sigma-delta source and wake-up")
                    .onWrite((o, n, raw) -> { refreshOutputs(); statusChanged(); });
        }
        regs.reg(0x68, "GPIO_SIGMA_DELTA").unmodelled(-1, "sigma-delta modulator");
        regs.reg(0x6C, "GPIO_RTC_CALIB_SYNC").unmodelled(-1, "RTC clock calibration");
        regs.reg(0x70, "GPIO_RTC_CALIB_VALUE").readOnly();
        for (int p = 0; p < PINS; p++) {
            int pin = p;
            pads[p] = new Wire("gpio." + p, true);
            pads[p].onChange(high -> pinChanged(pin, high));
        }
    }

    /** The pad wire of GPIO {@code n} (0..15). */
    public Wire pin(int n) { return pads[n]; }

    /**
     * Declares that something on the board drives pad {@code n} (e.g. the W5500's INTn on GPIO5):
     * the GPIO block then never drives that wire, even if the firmware enables the output.
     */
    public void connectExternalDriver(int n) {
        external |= 1 << n;
        driven &= ~(1 << n);
    }

    /** Lets IO_MUX decide which pads the GPIO block drives. */
    public void setIoMux(Esp8266IoMux mux) {
        this.ioMux = mux;
        mux.onFunctionChange(this::refreshOutputs);
        refreshOutputs();
    }

    /** True while GPIO_STATUS != 0. */
    public boolean interruptPending() { return irqLevel; }

    public RegisterBank registers() { return regs; }

    @Override public int read(int offset, int size) { return regs.read(offset, size); }

    @Override public void write(int offset, int size, int value) { regs.write(offset, size, value); }

    private boolean gpioFunction(int p) { return ioMux == null || ioMux.isGpio(p); }

    private boolean drivesPad(int p) {
        return (enable.get() >>> p & 1) != 0 && gpioFunction(p) && (external >>> p & 1) == 0;
    }

    private void refreshOutputs() {
        for (int p = 0; p < PINS; p++) {
            int bit = 1 << p;
            if (drivesPad(p)) {
                driven |= bit;
                pads[p].drive((out.get() & bit) != 0);
            } else if ((driven & bit) != 0) {
                driven &= ~bit;
                if (gpioFunction(p)) pads[p].drive(true); // released: pull-up
            } else if ((external & bit) != 0 && (enable.get() & bit) != 0) {
                log.guestError(name, "extdrive" + p, "GPIO" + p + " enabled as output, but the board drives this pad (output ignored)");
            }
        }
    }

    private int inputLevels() {
        int v = 0;
        for (int p = 0; p < PINS; p++) if (pads[p].isHigh()) v |= 1 << p;
        return v;
    }

    private int intType(int p) { return (pinConf[p].get() >>> 7) & 7; }

    private void pinChanged(int p, boolean high) {
        int t = intType(p);
        if (t == INT_ANY || (t == INT_RISING && high) || (t == INT_FALLING && !high)) status.set(status.get() | 1 << p);
        statusChanged();
    }

    /** Re-asserts level-type interrupts whose level holds, then updates the output. */
    private void statusChanged() {
        int s = status.get();
        for (int p = 0; p < PINS; p++) {
            int t = intType(p);
            if (t != INT_LOW && t != INT_HIGH) continue;
            if (pads[p].isHigh() == (t == INT_HIGH)) s |= 1 << p;
        }
        status.set(s);
        boolean level = (s & 0xFFFF) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
