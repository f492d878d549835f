package io.twinboard.periph.stm32f4;

import java.util.List;
import java.util.Map;

/**
 * STM32F429 peripheral base addresses (RM0090 §2.3, table 1 "STM32F4xx register boundary
 * addresses") and NVIC interrupt numbers (RM0090 §12.1.3, table 62 "Vector table for
 * STM32F42xxx and STM32F43xxx"). The board description maps devices with these; the
 * {@link #BLOCKS} table also names the peripherals {@link UnmodelledPeripheral} reports.
 */
public final class Stm32f429Map {
    private Stm32f429Map() {}

    /** A peripheral's register window: {@code size} bytes from {@code base}. */
    public record Block(String name, long base, long size, boolean modelled) {
        public long end() { return base + size; }
    }

    // ---- APB1 -----------------------------------------------------------------------------
    public static final long SPI2 = 0x4000_3800L;
    public static final long SPI3 = 0x4000_3C00L;
    public static final long USART2 = 0x4000_4400L;
    public static final long USART3 = 0x4000_4800L;
    public static final long PWR = 0x4000_7000L;
    // ---- APB2 -----------------------------------------------------------------------------
    public static final long USART1 = 0x4001_1000L;
    public static final long USART6 = 0x4001_1400L;
    public static final long SPI1 = 0x4001_3000L;
    public static final long SPI4 = 0x4001_3400L;
    public static final long SYSCFG = 0x4001_3800L;
    public static final long EXTI = 0x4001_3C00L;
    public static final long SPI5 = 0x4001_5000L;
    public static final long SPI6 = 0x4001_5400L;
    // ---- AHB1 -----------------------------------------------------------------------------
    /** GPIOA; port {@code n} (A = 0 ... K = 10) is at {@code GPIOA + n * GPIO_STRIDE}. */
    public static final long GPIOA = 0x4002_0000L;
    public static final long GPIO_STRIDE = 0x400L;
    public static final int GPIO_PORTS = 11;
    public static final long RCC = 0x4002_3800L;
    public static final long FLASH_R = 0x4002_3C00L;
    // ---- AHB2 -----------------------------------------------------------------------------
    public static final long RNG = 0x5006_0800L;

    /** Size of each modelled device window in bytes (all are 1 KiB on the F429). */
    public static final long WINDOW = 0x400L;

    public static long gpio(int port) { return GPIOA + port * GPIO_STRIDE; }

    // ---- NVIC interrupt numbers (position in the vector table minus 16) --------------------
    public static final int IRQ_PVD = 1;
    public static final int IRQ_TAMP_STAMP = 2;
    public static final int IRQ_RTC_WKUP = 3;
    public static final int IRQ_FLASH = 4;
    public static final int IRQ_RCC = 5;
    public static final int IRQ_EXTI0 = 6;
    public static final int IRQ_EXTI1 = 7;
    public static final int IRQ_EXTI2 = 8;
    public static final int IRQ_EXTI3 = 9;
    public static final int IRQ_EXTI4 = 10;
    public static final int IRQ_EXTI9_5 = 23;
    public static final int IRQ_SPI1 = 35;
    public static final int IRQ_SPI2 = 36;
    public static final int IRQ_USART1 = 37;
    public static final int IRQ_USART2 = 38;
    public static final int IRQ_USART3 = 39;
    public static final int IRQ_EXTI15_10 = 40;
    public static final int IRQ_RTC_ALARM = 41;
    public static final int IRQ_OTG_FS_WKUP = 42;
    public static final int IRQ_SPI3 = 51;
    public static final int IRQ_ETH_WKUP = 62;
    public static final int IRQ_USART6 = 71;
    public static final int IRQ_OTG_HS_WKUP = 76;
    public static final int IRQ_HASH_RNG = 80;
    public static final int IRQ_SPI4 = 84;
    public static final int IRQ_SPI5 = 85;
    public static final int IRQ_SPI6 = 86;

    /** Every peripheral block of RM0090 §2.3 table 1, in address order. */
    public static final List<Block> BLOCKS = List.of(
            b("TIM2", 0x4000_0000L), b("TIM3", 0x4000_0400L), b("TIM4", 0x4000_0800L), b("TIM5", 0x4000_0C00L),
            b("TIM6", 0x4000_1000L), b("TIM7", 0x4000_1400L), b("TIM12", 0x4000_1800L), b("TIM13", 0x4000_1C00L),
            b("TIM14", 0x4000_2000L), b("RTC_BKP", 0x4000_2800L), b("WWDG", 0x4000_2C00L), b("IWDG", 0x4000_3000L),
            b("I2S2ext", 0x4000_3400L), m("SPI2", SPI2), m("SPI3", SPI3), b("I2S3ext", 0x4000_4000L),
            m("USART2", USART2), m("USART3", USART3), b("UART4", 0x4000_4C00L), b("UART5", 0x4000_5000L),
            b("I2C1", 0x4000_5400L), b("I2C2", 0x4000_5800L), b("I2C3", 0x4000_5C00L), b("CAN1", 0x4000_6400L),
            b("CAN2", 0x4000_6800L), m("PWR", PWR), b("DAC", 0x4000_7400L), b("UART7", 0x4000_7800L),
            b("UART8", 0x4000_7C00L),
            b("TIM1", 0x4001_0000L), b("TIM8", 0x4001_0400L), m("USART1", USART1), m("USART6", USART6),
            b("ADC", 0x4001_2000L), b("SDIO", 0x4001_2C00L), m("SPI1", SPI1), m("SPI4", SPI4),
            m("SYSCFG", SYSCFG), m("EXTI", EXTI), b("TIM9", 0x4001_4000L), b("TIM10", 0x4001_4400L),
            b("TIM11", 0x4001_4800L), m("SPI5", SPI5), m("SPI6", SPI6), b("SAI1", 0x4001_5800L),
            b("LTDC", 0x4001_6800L),
            m("GPIOA", gpio(0)), m("GPIOB", gpio(1)), m("GPIOC", gpio(2)), m("GPIOD", gpio(3)),
            m("GPIOE", gpio(4)), m("GPIOF", gpio(5)), m("GPIOG", gpio(6)), m("GPIOH", gpio(7)),
            m("GPIOI", gpio(8)), m("GPIOJ", gpio(9)), m("GPIOK", gpio(10)),
            b("CRC", 0x4002_3000L), m("RCC", RCC), m("FLASH", FLASH_R), new Block("BKPSRAM", 0x4002_4000L, 0x1000L, false),
            b("DMA1", 0x4002_6000L), b("DMA2", 0x4002_6400L), new Block("ETHERNET_MAC", 0x4002_8000L, 0x1400L, false),
            new Block("DMA2D", 0x4002_B000L, 0xC00L, false), new Block("USB_OTG_HS", 0x4004_0000L, 0x40000L, false),
            new Block("USB_OTG_FS", 0x5000_0000L, 0x40000L, false), b("DCMI", 0x5005_0000L),
            b("CRYP", 0x5006_0000L), b("HASH", 0x5006_0400L), m("RNG", RNG),
            new Block("FMC", 0xA000_0000L, 0x1000L, false));

    private static Block b(String name, long base) { return new Block(name, base, WINDOW, false); }
    private static Block m(String name, long base) { return new Block(name, base, WINDOW, true); }

    /** The block containing {@code address}, or null in a reserved gap. */
    public static Block blockAt(long address) {
        int lo = 0, hi = BLOCKS.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Block b = BLOCKS.get(mid);
            if (address < b.base()) hi = mid - 1;
            else if (address >= b.end()) lo = mid + 1;
            else return b;
        }
        return null;
    }

    /** Name of the peripheral at {@code address}, or {@code "reserved"}. */
    public static String nameAt(long address) {
        Block b = blockAt(address);
        return b == null ? "reserved" : b.name();
    }

    /** A peripheral's clock-enable bit: bit {@code bit} of the RCC register at {@code enrOffset}. */
    public record Enable(int enrOffset, int bit) {}

    /**
     * RCC enable bits of the modelled peripherals that have one (RM0090 §6.3.10-6.3.14); RCC,
     * FLASH and EXTI are always clocked.
     */
    public static final Map<String, Enable> ENABLES = Map.ofEntries(
            Map.entry("GPIOA", new Enable(Rcc.AHB1ENR, 0)), Map.entry("GPIOB", new Enable(Rcc.AHB1ENR, 1)),
            Map.entry("GPIOC", new Enable(Rcc.AHB1ENR, 2)), Map.entry("GPIOD", new Enable(Rcc.AHB1ENR, 3)),
            Map.entry("GPIOE", new Enable(Rcc.AHB1ENR, 4)), Map.entry("GPIOF", new Enable(Rcc.AHB1ENR, 5)),
            Map.entry("GPIOG", new Enable(Rcc.AHB1ENR, 6)), Map.entry("GPIOH", new Enable(Rcc.AHB1ENR, 7)),
            Map.entry("GPIOI", new Enable(Rcc.AHB1ENR, 8)), Map.entry("GPIOJ", new Enable(Rcc.AHB1ENR, 9)),
            Map.entry("GPIOK", new Enable(Rcc.AHB1ENR, 10)), Map.entry("RNG", new Enable(Rcc.AHB2ENR, 6)),
            Map.entry("SPI2", new Enable(Rcc.APB1ENR, 14)), Map.entry("SPI3", new Enable(Rcc.APB1ENR, 15)),
            Map.entry("USART2", new Enable(Rcc.APB1ENR, 17)), Map.entry("USART3", new Enable(Rcc.APB1ENR, 18)),
            Map.entry("PWR", new Enable(Rcc.APB1ENR, 28)), Map.entry("USART1", new Enable(Rcc.APB2ENR, 4)),
            Map.entry("USART6", new Enable(Rcc.APB2ENR, 5)), Map.entry("SPI1", new Enable(Rcc.APB2ENR, 12)),
            Map.entry("SPI4", new Enable(Rcc.APB2ENR, 13)), Map.entry("SYSCFG", new Enable(Rcc.APB2ENR, 14)),
            Map.entry("SPI5", new Enable(Rcc.APB2ENR, 20)), Map.entry("SPI6", new Enable(Rcc.APB2ENR, 21)));

    /** The blocks this package does not model, for mapping {@link UnmodelledPeripheral}s. */
    public static List<Block> unmodelledBlocks() {
        return BLOCKS.stream().filter(b -> !b.modelled()).toList();
    }
}
