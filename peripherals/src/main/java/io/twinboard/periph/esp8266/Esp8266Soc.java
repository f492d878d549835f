package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.periph.signal.Wire;
import io.twinboard.periph.spi.SpiDevice;

import java.util.function.IntFunction;

/**
 * The ESP8266EX chip's fixed parts — memory and every on-chip register block — created and mapped
 * on a {@link Bus}. What is wired <em>to</em> the chip (the W5500 on HSPI, pads, the console) is
 * the board's business: it uses the public fields and {@link #attachHspiDevice}.
 *
 * <p>Memory (see {@link Esp8266Map}): DRAM 0x3FFE8000..0x3FFFFFFF (96 KB: the SDK's 80 KB of user
 * data RAM plus the 16 KB the ROM would use, free here since no ROM runs), IRAM 0x40100000
 * (32 KB), flash-mapped code at 0x40200000 (guest read-only; the ELF loader writes it), RTC
 * memory page 0x60001000 (4 KB). The ROM at 0x40000000 is deliberately not mapped, so a call
 * into it faults and is reported by the CPU.
 *
 * <p>Register blocks: DPORT 0x3FF00000, WDEV (UART interrupt status + RNG) 0x3FF20000, UART0
 * 0x60000000, HSPI (SPI1) 0x60000100, SPI0 0x60000200, GPIO 0x60000300, FRC1/FRC2 0x60000600,
 * IO_MUX 0x60000800, WDT 0x60000900, UART1 0x60000F00; the rest of 0x3FF00000..0x3FF00FFF and
 * 0x60000000..0x60000FFF is {@link Esp8266Unmodelled}.
 *
 * <p>Interrupts to the core ({@code coreInterrupt.apply(n)}): UART0+UART1 → 5, SPI0+HSPI → 2,
 * GPIO → 4, FRC1 → 9, FRC2 → 10. CCOMPARE0 (6) and the software interrupt (7) are the CPU's own.
 */
public final class Esp8266Soc {
    public final ClockDomain apb;
    public final Esp8266Dport dport;
    public final Esp8266Rng rng;
    public final Esp8266Wdev wdev;
    public final Esp8266Uart uart0, uart1;
    public final Esp8266Spi hspi, spi0;
    public final Esp8266Gpio gpio;
    public final Esp8266IoMux ioMux;
    public final Esp8266Timers timers;
    public final Esp8266Wdt wdt;

    /**
     * @param cpu            core clock domain (80 MHz at reset; DPORT CPU2X switches it)
     * @param coreInterrupt  the CPU's interrupt inputs by number (0..14)
     * @param flashBytes     size of the flash-mapped window at 0x40200000 (multiple of 4 KB)
     * @param rngSeed        seed of the RNG sequence ({@link Esp8266Rng#DEFAULT_SEED} if unsure)
     */
    public Esp8266Soc(Bus bus, Scheduler scheduler, ClockDomain cpu, IntFunction<IrqLine> coreInterrupt,
                      long flashBytes, long rngSeed, GuestLog log) {
        apb = new ClockDomain("apb", Esp8266Map.APB_HZ);
        bus.mapMemory("dram", Esp8266Map.DRAM_BASE, 0x4000_0000L - Esp8266Map.DRAM_BASE, true);
        bus.mapMemory("iram", Esp8266Map.IRAM_BASE, Esp8266Map.IRAM_SIZE, true);
        bus.mapMemory("flash", Esp8266Map.FLASH_MAPPED_BASE, flashBytes, false);
        bus.mapMemory("rtc-ram", 0x6000_1000L, 0x1000, true);

        SharedIrqLine uartIrq = new SharedIrqLine(coreInterrupt.apply(Esp8266Map.INUM_UART));
        SharedIrqLine spiIrq = new SharedIrqLine(coreInterrupt.apply(Esp8266Map.INUM_SPI));

        dport = new Esp8266Dport(scheduler, cpu, log);
        rng = new Esp8266Rng(rngSeed, log);
        wdev = new Esp8266Wdev(rng, log);
        uart0 = new Esp8266Uart("UART0", scheduler, apb, uartIrq.input(0), log);
        uart1 = new Esp8266Uart("UART1", scheduler, apb, uartIrq.input(1), log);
        spi0 = new Esp8266Spi("SPI0", scheduler, apb, spiIrq.input(0), log);
        hspi = new Esp8266Spi("HSPI", scheduler, apb, spiIrq.input(1), log);
        gpio = new Esp8266Gpio(coreInterrupt.apply(Esp8266Map.INUM_GPIO), log);
        ioMux = new Esp8266IoMux(log);
        timers = new Esp8266Timers(scheduler, apb, coreInterrupt.apply(Esp8266Map.INUM_FRC_TIMER1),
                coreInterrupt.apply(Esp8266Map.INUM_FRC_TIMER2), log);
        wdt = new Esp8266Wdt(log);

        dport.setSpiInterruptSources(spi0::interruptPending, hspi::interruptPending, () -> false);
        dport.setSpi0Busy(spi0::busy);
        wdev.setUartInterruptSources(uart0::interruptPending, uart1::interruptPending);
        timers.setEdgeEnables(() -> dport.edgeInterruptEnabled(Esp8266Dport.EDGE_FRC1),
                () -> dport.edgeInterruptEnabled(Esp8266Dport.EDGE_FRC2));
        gpio.setIoMux(ioMux);
        ioMux.onFunctionChange(hspi::refreshCs0);

        long blk = Esp8266Map.BLOCK_SIZE;
        bus.mapDevice("DPORT", Esp8266Map.DPORT_BASE, 0x1000, dport);
        bus.mapDevice("WDEV", Esp8266Map.WDEV_BASE, Esp8266Map.WDEV_SIZE, wdev);
        bus.mapDevice("UART0", Esp8266Map.UART0_BASE, blk, uart0);
        bus.mapDevice("HSPI", Esp8266Map.SPI1_HSPI_BASE, blk, hspi);
        bus.mapDevice("SPI0", Esp8266Map.SPI0_FLASH_BASE, blk, spi0);
        bus.mapDevice("GPIO", Esp8266Map.GPIO_BASE, blk, gpio);
        unmodelled(bus, "SOC_0400", 0x6000_0400L, 0x200, log);
        bus.mapDevice("FRC", Esp8266Map.TIMER_BASE, 0x40, timers);
        unmodelled(bus, "FRC_0640", Esp8266Map.TIMER_BASE + 0x40, blk - 0x40, log);
        unmodelled(bus, "RTC", Esp8266Map.RTC_BASE, blk, log);
        bus.mapDevice("IO_MUX", Esp8266Map.IO_MUX_BASE, blk, ioMux);
        bus.mapDevice("WDT", Esp8266Map.WDT_BASE, blk, wdt);
        unmodelled(bus, "SDIO_SLC_I2C_I2S", 0x6000_0A00L, 0x500, log);
        bus.mapDevice("UART1", Esp8266Map.UART1_BASE, blk, uart1);
    }

    /**
     * Puts {@code device} on HSPI with its chip select on GPIO15's pad ({@code gpio.pin(15)}): the
     * GPIO block drives the pad when the firmware bit-bangs CS (IO_MUX function 3), HSPI's
     * hardware CS0 drives it when IO_MUX selects function 2 and SPI_PIN.CS0_DIS is clear.
     */
    public void attachHspiDevice(SpiDevice device) {
        Wire csPad = gpio.pin(Esp8266Map.GPIO_HSPI_CS0);
        hspi.connectCs0(csPad, () -> ioMux.function(Esp8266Map.GPIO_HSPI_CS0) == Esp8266IoMux.FUNC_HSPI);
        hspi.attach(device, csPad);
    }

    private static void unmodelled(Bus bus, String name, long base, long size, GuestLog log) {
        bus.mapDevice(name, base, size, new Esp8266Unmodelled(name, base, log));
    }
}
