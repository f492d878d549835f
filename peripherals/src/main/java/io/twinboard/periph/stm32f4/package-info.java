/**
 * STM32F429 on-chip peripherals (RM0090 rev 19), one class per device, each an
 * {@link io.twinboard.emu.bus.MmioDevice} over a declared {@link io.twinboard.emu.regs.RegisterBank}.
 * Addresses and IRQ numbers: {@link io.twinboard.periph.stm32f4.Stm32f429Map}.
 *
 * <p>A board builds them in this order (each takes its dependencies explicitly):
 * <pre>{@code
 * Rcc rcc = new Rcc(scheduler, log, coreClock, 8_000_000L, nvic.line(IRQ_RCC));   // sets coreClock
 * FlashInterface flash = new FlashInterface(log, flashAccelerator::configure);
 * Pwr pwr = new Pwr(scheduler, log, rcc::pllReady);
 * GpioPort[] gpio = new GpioPort[11];  for (int i = 0; i < 11; i++) gpio[i] = new GpioPort(i, log);
 * Syscfg syscfg = new Syscfg(log);
 * Exti exti = new Exti(log, nvic::line);  exti.connectGpio(syscfg, gpio);
 * Usart usart3 = new Usart("USART3", scheduler, log, rcc.apb1(), nvic.line(IRQ_USART3), console::write);
 * Spi spi1 = new Spi("SPI1", scheduler, log, rcc.apb2(), nvic.line(IRQ_SPI1));  spi1.attach(w5500);
 * Rng rng = new Rng(scheduler, log, rcc.pll48(), rcc.hclk(), nvic.line(IRQ_HASH_RNG), seed);
 * // wiring: gpio[3].pin(14) -> w5500 chip select; gpio[5].pin(15) = RSTn; gpio[5].pin(13) = INTn
 * gpio[5].connectExternalDriver(13);
 * // optional: bus.mapDevice("spi1", SPI1, WINDOW, rcc.gate("SPI1", ENABLES.get("SPI1"), spi1));
 * // the rest: new UnmodelledPeripheral(gapBase, log) over each unmodelled gap
 * }</pre>
 * All timing is in virtual time on the one {@link io.twinboard.emu.time.Scheduler}; no device
 * reads the wall clock. Every device has {@code reset()} for a system reset (AIRCR.SYSRESETREQ).
 */
package io.twinboard.periph.stm32f4;
