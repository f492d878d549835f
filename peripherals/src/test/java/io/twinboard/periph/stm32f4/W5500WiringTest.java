package io.twinboard.periph.stm32f4;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.periph.spi.SpiDevice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The devices together as the Nucleo-F429ZI + WIZ850io board wires them (issue 3): SPI1 on
 * APB2, chip select PD14, RSTn PF15, INTn PF13 through EXTI15_10, clocks from RCC at 168 MHz.
 * The chip here is a stand-in; the real W5500 model's INTn on the board file, from socket event
 * to NVIC pending and back, is {@code io.twinboard.bench.board.W5500InterruptBoardTest}.
 */
class W5500WiringTest {
    final Scheduler sched = new Scheduler();
    final GuestLog log = new GuestLog(null);
    final ClockDomain core = new ClockDomain("core", 16_000_000L);
    final Rcc rcc = new Rcc(sched, log, core, 8_000_000L, l -> {});

    /** A stand-in chip: answers 0x04 (VERSIONR) to every byte while selected and out of reset. */
    static final class FakeChip implements SpiDevice {
        boolean selected, inReset = true;
        final List<Integer> bytes = new ArrayList<>();
        @Override public int exchange(int mosi) {
            if (!selected || inReset) return NOT_DRIVEN;
            bytes.add(mosi);
            return 0x04;
        }
        @Override public void chipSelect(boolean s) { selected = s; }
    }

    @Test void firmwareStyleVersionReadOverSpi1() {
        // Clock tree as the firmware sets it: HSE bypass 8 MHz, PLL 168 MHz, APB2 84 MHz.
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.HSEON | Rcc.HSEBYP);
        sched.advanceTo(Rcc.HSE_BYPASS_STARTUP);
        rcc.write(Rcc.PLLCFGR, 4, RccTest.pllcfgr(8, 336, 2, 7, true));
        rcc.write(Rcc.CR, 4, rcc.read(Rcc.CR, 4) | Rcc.PLLON);
        sched.advanceTo(sched.now() + Rcc.PLL_LOCK);
        rcc.write(Rcc.CFGR, 4, 5 << 10 | 4 << 13 | 2);

        GpioPort d = new GpioPort(3, log), f = new GpioPort(5, log);
        Spi spi1 = new Spi("SPI1", sched, log, rcc.apb2(), l -> {});
        List<Boolean> extiIrq = new ArrayList<>();
        Exti exti = new Exti(log, irq -> irq == Stm32f429Map.IRQ_EXTI15_10 ? extiIrq::add : l -> {});
        Syscfg syscfg = new Syscfg(log);
        exti.connectGpio(syscfg, d, f);
        FakeChip chip = new FakeChip();
        spi1.attach(chip);
        d.pin(14).onChange(high -> chip.chipSelect(!high));
        f.pin(15).onChange(high -> chip.inReset = !high);
        f.connectExternalDriver(13);
        f.pin(13).drive(true); // INTn idle high

        // GPIO: PD14 output high (deselected), PF15 output (reset), then release reset.
        d.write(GpioPort.BSRR, 4, 1 << 14);
        d.write(GpioPort.MODER, 4, 1 << 28);
        f.write(GpioPort.MODER, 4, 1 << 30);
        assertTrue(chip.inReset);
        f.write(GpioPort.BSRR, 4, 1 << 15);
        assertFalse(chip.inReset);
        assertFalse(chip.selected);

        // EXTI13 from port F, falling edge.
        syscfg.write(Syscfg.EXTICR1 + 12, 4, 5 << 4);
        exti.write(Exti.FTSR, 4, 1 << 13);
        exti.write(Exti.IMR, 4, 1 << 13);

        // SPI1 master, /2 -> 42 MHz SCK; read VERSIONR: address 0x0039, control 0x00, one dummy.
        spi1.write(Spi.CR1, 4, Spi.MSTR | Spi.SSM | Spi.SSI | Spi.SPE);
        d.write(GpioPort.BSRR, 4, 1 << 30); // CS low
        assertTrue(chip.selected);
        int[] frame = {0x00, 0x39, 0x00, 0xFF};
        int last = -1;
        long start = sched.now();
        for (int b : frame) {
            while ((spi1.read(Spi.SR, 4) & Spi.TXE) == 0) sched.advanceTo(sched.now() + 1000);
            spi1.write(Spi.DR, 4, b);
            while ((spi1.read(Spi.SR, 4) & Spi.RXNE) == 0) sched.advanceTo(sched.now() + 1000);
            last = spi1.read(Spi.DR, 4);
        }
        d.write(GpioPort.BSRR, 4, 1 << 14); // CS high
        assertEquals(0x04, last);
        assertEquals(List.of(0x00, 0x39, 0x00, 0xFF), chip.bytes);
        long took = sched.now() - start;
        // each byte: 16 PCLK2 cycles, starting on the next PCLK2 edge (11.9 ns) after the poll that wrote DR
        assertTrue(took >= 4 * 190_476L && took < 4 * (190_476L + 11_905L + 1000), "4 bytes at 42 MHz SCK: " + took + " ps");

        // INTn asserted by the chip: EXTI15_10 pending.
        f.pin(13).drive(false);
        assertEquals(List.of(true), extiIrq);
        assertEquals(1 << 13, exti.pending());
        assertTrue(log.entries().isEmpty(), log.entries().toString());
    }
}
