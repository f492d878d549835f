package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.RegisterBank;

import java.util.function.BooleanSupplier;

/**
 * The "WDEV" block at 0x3FF20000 (4 KB; mostly Wi-Fi, unmodelled). Two registers matter to
 * firmware without Wi-Fi: UART_INT_STATUS at +0x20 (read-only; bit 0 UART0, bit 2 UART1 has an
 * interrupt pending — Arduino {@code esp8266_peri.h} "UIS") and the RNG at +0xE44
 * ({@link Esp8266Rng}). Everything else reads 0 and is reported once per address.
 */
public final class Esp8266Wdev implements MmioDevice {
    private static final int UART_STATUS = 0x20, RNG = 0xE44;

    private final RegisterBank uartStatus;
    private final Esp8266Rng rng;
    private final Esp8266Unmodelled rest;
    private BooleanSupplier uart0Pending = () -> false, uart1Pending = () -> false;

    public Esp8266Wdev(Esp8266Rng rng, GuestLog log) {
        this.rng = rng;
        this.rest = new Esp8266Unmodelled("WDEV", Esp8266Map.WDEV_BASE, log);
        uartStatus = new RegisterBank("WDEV", 4, log);
        uartStatus.reg(0, "UART_INT_STATUS").readOnly().field("UART0", 0, 1).field("UART1", 2, 1)
                .onRead(() -> (uart0Pending.getAsBoolean() ? 1 : 0) | (uart1Pending.getAsBoolean() ? 4 : 0));
    }

    /** Sources of UART_INT_STATUS (typically each UART's INT_ST != 0). */
    public void setUartInterruptSources(BooleanSupplier uart0, BooleanSupplier uart1) {
        uart0Pending = uart0;
        uart1Pending = uart1;
    }

    @Override public int read(int offset, int size) {
        if (offset >= RNG && offset < RNG + 4) return rng.read(offset - RNG, size);
        if (offset >= UART_STATUS && offset < UART_STATUS + 4) return uartStatus.read(offset - UART_STATUS, size);
        return rest.read(offset, size);
    }

    @Override public void write(int offset, int size, int value) {
        if (offset >= RNG && offset < RNG + 4) { rng.write(offset - RNG, size, value); return; }
        if (offset >= UART_STATUS && offset < UART_STATUS + 4) { uartStatus.write(offset - UART_STATUS, size, value); return; }
        rest.write(offset, size, value);
    }
}
