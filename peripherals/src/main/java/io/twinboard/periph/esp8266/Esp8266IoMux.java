package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;

import java.util.ArrayList;
import java.util.List;

/**
 * IO_MUX at 0x60000800 (no interrupt): one register per pad choosing its function and pulls.
 * Layout from the SDK's {@code eagle_soc.h} (PERIPHS_IO_MUX_*_U) and the Arduino core's
 * {@code esp8266_peri.h}: IO_MUX_CONF at 0x00 (bits 8/9: SPI0/SPI1 clock equals system clock),
 * then MTDI (GPIO12) 0x04, MTCK (13) 0x08, MTMS (14) 0x0C, MTDO (15) 0x10, U0RXD (3) 0x14,
 * U0TXD (1) 0x18, SD_CLK (6) 0x1C, SD_DATA0..3 (7..10) 0x20..0x2C, SD_CMD (11) 0x30, GPIO0 0x34,
 * GPIO2 0x38, GPIO4 0x3C, GPIO5 0x40.
 *
 * <p>Pad register bits: 0 SLEEP_OE, 1 SLEEP_SEL, 2 SLEEP_PULLDOWN, 3 SLEEP_PULLUP, 4..5 function
 * bits 0..1, 6 PULLDOWN, 7 PULLUP, 8 function bit 2. The function number is recorded and
 * consulted by {@link Esp8266Gpio} (does the GPIO matrix own the pad?) and {@link Esp8266Spi}
 * (is HSPI CS0 on GPIO15?). GPIO is function 0 on GPIO0/2/4/5 and function 3 elsewhere; HSPI
 * (MISO/MOSI/CLK/CS0) is function 2 on GPIO12..15. Pull-up is what {@link Esp8266Gpio} assumes
 * for released pads; sleep settings and pull-down are stored and declared unmodelled. IO_MUX_CONF
 * is stored only: the SPI clock follows SPI_CLOCK.CLK_EQU_SYSCLK alone.
 */
public final class Esp8266IoMux implements MmioDevice {
    public static final int FUNC_HSPI = 2;
    /** Pad register offset for GPIO 0..15. */
    private static final int[] OFFSET_OF_GPIO = {
            0x34, 0x18, 0x38, 0x14, 0x3C, 0x40, 0x1C, 0x20, 0x24, 0x28, 0x2C, 0x30, 0x04, 0x08, 0x0C, 0x10};
    private static final String[] PAD_NAME = {
            "GPIO0_U", "U0TXD_U", "GPIO2_U", "U0RXD_U", "GPIO4_U", "GPIO5_U", "SD_CLK_U", "SD_DATA0_U",
            "SD_DATA1_U", "SD_DATA2_U", "SD_DATA3_U", "SD_CMD_U", "MTDI_U", "MTCK_U", "MTMS_U", "MTDO_U"};

    private final RegisterBank regs;
    private final Register[] pad = new Register[16];
    private final List<Runnable> listeners = new ArrayList<>(2);

    public Esp8266IoMux(GuestLog log) {
        regs = new RegisterBank("IO_MUX", (int) Esp8266Map.BLOCK_SIZE, log);
        regs.reg(0x00, "IO_MUX_CONF").field("SPI0_CLK_EQU_SYS_CLK", 8, 1).field("SPI1_CLK_EQU_SYS_CLK", 9, 1);
        for (int gpio = 0; gpio < 16; gpio++) {
            pad[gpio] = regs.reg(OFFSET_OF_GPIO[gpio], "PERIPHS_IO_MUX_" + PAD_NAME[gpio]).writeMask(0x1FF)
                    .field("SLEEP_OE", 0, 1).field("SLEEP_SEL", 1, 1).field("SLEEP_PULLDOWN", 2, 1)
                    .field("SLEEP_PULLUP", 3, 1).field("FUNC_LO", 4, 2).field("PULLDOWN", 6, 1)
                    .field("PULLUP", 7, 1).field("FUNC_HI", 8, 1)
                    .unmodelled(0x4F, "sleep-mode pad settings and pull-down (released pads are pulled up)")
                    .onWrite((o, n, raw) -> { if (functionOf(o) != functionOf(n)) fireChange(); });
        }
    }

    /** Function number (0..7) selected on GPIO {@code gpio}'s pad. */
    public int function(int gpio) { return functionOf(pad[gpio].get()); }

    /** True when GPIO {@code gpio}'s pad is in its GPIO function. */
    public boolean isGpio(int gpio) { return function(gpio) == gpioFunction(gpio); }

    /** The function number that makes a pad a GPIO: 0 for GPIO0/2/4/5, 3 otherwise. */
    public static int gpioFunction(int gpio) {
        return gpio == 0 || gpio == 2 || gpio == 4 || gpio == 5 ? 0 : 3;
    }

    /** Runs after any pad's function changes. */
    public void onFunctionChange(Runnable listener) { listeners.add(listener); }

    public RegisterBank registers() { return regs; }

    @Override public int read(int offset, int size) { return regs.read(offset, size); }

    @Override public void write(int offset, int size, int value) { regs.write(offset, size, value); }

    private static int functionOf(int value) { return ((value >>> 4) & 3) | ((value >>> 6) & 4); }

    private void fireChange() { for (Runnable r : listeners) r.run(); }
}
