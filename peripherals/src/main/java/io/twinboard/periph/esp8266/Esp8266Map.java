package io.twinboard.periph.esp8266;

/**
 * ESP8266EX memory map and core interrupt numbers, as one place to look them up.
 *
 * <p>Sources: ESP8266 Technical Reference (Espressif, v1.x) — §1 memory map overview, UART
 * (ch. 11), SPI (ch. 8), GPIO (ch. 2), timers; the NONOS/RTOS SDK headers {@code eagle_soc.h},
 * {@code ets_sys.h}, {@code uart_register.h}, {@code spi_register.h}, {@code spi_struct.h};
 * where Espressif says nothing, esp-open-rtos' {@code esp/*_regs.h} (reverse engineered, marked
 * "observed") and the Arduino core's {@code esp8266_peri.h}.
 *
 * <p>Note the reversed SPI numbering: SPI0 (0x60000200) is the flash SPI used by the cache;
 * SPI1 (0x60000100) is the user controller the SDK calls HSPI ({@code REG_SPI_BASE(i) =
 * 0x60000200 - i*0x100}).
 *
 * <p>Core interrupts (Xtensa INTERRUPT bit numbers, {@code ets_sys.h}): several peripherals share
 * one input — both UARTs share 5 (the ISR tells them apart by DPORT 0x3FF20020), SPI0/SPI1/I2S
 * share 2 (DPORT 0x3FF00020 tells them apart).
 */
public final class Esp8266Map {
    private Esp8266Map() {}

    // ---- memory ----
    public static final long ROM_BASE = 0x4000_0000L, ROM_SIZE = 0x1_0000;
    public static final long IRAM_BASE = 0x4010_0000L, IRAM_SIZE = 0x8000;
    public static final long FLASH_MAPPED_BASE = 0x4020_0000L;
    public static final long DRAM_BASE = 0x3FFE_8000L, DRAM_SIZE = 0x1_4000;

    // ---- DPORT space ----
    /** DPORT block (CPU clock, edge interrupt enable, SPI interrupt status, OTP MAC/chip id). */
    public static final long DPORT_BASE = 0x3FF0_0000L, DPORT_SIZE = 0x100;
    /** "WDEV" block: UART interrupt status at +0x20, hardware RNG at +0xE44. */
    public static final long WDEV_BASE = 0x3FF2_0000L, WDEV_SIZE = 0x1000;
    /** Hardware random number register (read-only, 32 bits). */
    public static final long RNG_ADDR = 0x3FF2_0E44L;

    // ---- peripheral space 0x60000000 ----
    public static final long UART0_BASE = 0x6000_0000L;
    /** SPI1 = HSPI, the user SPI controller (W5500 on this board). */
    public static final long SPI1_HSPI_BASE = 0x6000_0100L;
    /** SPI0 = flash SPI (used by the flash cache). */
    public static final long SPI0_FLASH_BASE = 0x6000_0200L;
    public static final long GPIO_BASE = 0x6000_0300L;
    /** FRC1 at +0x00, FRC2 at +0x20. */
    public static final long TIMER_BASE = 0x6000_0600L;
    public static final long FRC1_BASE = 0x6000_0600L;
    public static final long FRC2_BASE = 0x6000_0620L;
    /** RTC block (also holds GPIO16 at 0x60000768..0x600007A0); unmodelled. */
    public static final long RTC_BASE = 0x6000_0700L;
    public static final long IO_MUX_BASE = 0x6000_0800L;
    public static final long WDT_BASE = 0x6000_0900L;
    public static final long UART1_BASE = 0x6000_0F00L;
    /** Size of each 0x6000xx00 peripheral block. */
    public static final long BLOCK_SIZE = 0x100;
    /** End (exclusive) of the register space 0x60000000.. that the SoC decodes. */
    public static final long PERIPHERAL_END = 0x6000_2000L;

    // ---- core interrupt numbers (ets_sys.h) ----
    public static final int INUM_SLC = 1;
    /** SPI0, SPI1 (HSPI) and I2S; DPORT SPI_INT_STATUS (0x3FF00020) bits 4/7/9 say which. */
    public static final int INUM_SPI = 2;
    public static final int INUM_GPIO = 4;
    /** UART0 and UART1; 0x3FF20020 bits 0/2 say which. */
    public static final int INUM_UART = 5;
    /** Core-internal: CCOUNT == CCOMPARE0 (raised by the CPU model, not by a device). */
    public static final int INUM_CCOMPARE0 = 6;
    /** Software interrupt (INTSET), core-internal. */
    public static final int INUM_SOFT = 7;
    public static final int INUM_WDT = 8;
    /** FRC1; the SDK enables it in DPORT EDGE_INT_ENABLE bit 1. */
    public static final int INUM_FRC_TIMER1 = 9;
    /** FRC2 (esp-open-rtos {@code INUM_TIMER_FRC2}; not named in ets_sys.h). */
    public static final int INUM_FRC_TIMER2 = 10;

    // ---- clocks ----
    /** APB clock: UART, SPI and timers count it; it stays 80 MHz when the CPU runs at 160. */
    public static final long APB_HZ = 80_000_000L;
    public static final long CPU_HZ_DEFAULT = 80_000_000L;
    public static final long CPU_HZ_DOUBLE = 160_000_000L;

    // ---- board wiring of the NodeMCU + W5500 module ----
    public static final int GPIO_W5500_RST = 4;
    public static final int GPIO_W5500_INT = 5;
    public static final int GPIO_HSPI_MISO = 12;
    public static final int GPIO_HSPI_MOSI = 13;
    public static final int GPIO_HSPI_CLK = 14;
    /** HSPI hardware CS0 when IO_MUX selects function 2 on MTDO. */
    public static final int GPIO_HSPI_CS0 = 15;
}
