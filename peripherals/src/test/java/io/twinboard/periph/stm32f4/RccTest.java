package io.twinboard.periph.stm32f4;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RccTest {
    final Scheduler sched = new Scheduler();
    final GuestLog log = new GuestLog(null);
    final ClockDomain core = new ClockDomain("core", 16_000_000L);
    final List<Boolean> irq = new ArrayList<>();
    final Rcc rcc = new Rcc(sched, log, core, 8_000_000L, irq::add);

    void run(long ps) { sched.advanceTo(sched.now() + ps); }

    @Test void resetValues() {
        assertEquals(0x0000_0083, rcc.read(Rcc.CR, 4));
        assertEquals(0x2400_3010, rcc.read(Rcc.PLLCFGR, 4));
        assertEquals(0, rcc.read(Rcc.CFGR, 4));
        assertEquals(0x0010_0000, rcc.read(Rcc.AHB1ENR, 4));
        assertEquals(0x0E00_0000, rcc.read(Rcc.CSR, 4));
        assertEquals(0x2000_3000, rcc.read(0x84, 4));
        assertEquals(16_000_000L, core.hz());
        assertEquals(16_000_000L, rcc.apb1().hz());
        assertEquals(16_000_000L, rcc.apb2().hz());
    }

    @Test void readyFlagsAreReadOnly() {
        rcc.write(Rcc.CR, 4, 0x80); // HSI is SYSCLK: HSION stays on; ready bits not writable
        assertEquals(0x83, rcc.read(Rcc.CR, 4));
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.HSERDY | Rcc.PLLRDY);
        assertEquals(0x83, rcc.read(Rcc.CR, 4));
    }

    @Test void hseBypassReadyAfterStartup() {
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.HSEON | Rcc.HSEBYP);
        assertEquals(0, rcc.read(Rcc.CR, 4) & Rcc.HSERDY);
        run(Rcc.HSE_BYPASS_STARTUP - 1);
        assertEquals(0, rcc.read(Rcc.CR, 4) & Rcc.HSERDY);
        run(1);
        assertNotEquals(0, rcc.read(Rcc.CR, 4) & Rcc.HSERDY);
    }

    @Test void hseCrystalTakesLonger() {
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.HSEON);
        run(VirtualTime.ofMillis(1));
        assertEquals(0, rcc.read(Rcc.CR, 4) & Rcc.HSERDY);
        run(VirtualTime.ofMillis(1));
        assertNotEquals(0, rcc.read(Rcc.CR, 4) & Rcc.HSERDY);
    }

    static int pllcfgr(int m, int n, int p, int q, boolean hse) {
        return m | n << 6 | ((p / 2) - 1) << 16 | (hse ? 1 << 22 : 0) | q << 24;
    }

    @Test void switchTo168MHzFromHse8MHz() {
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.HSEON | Rcc.HSEBYP);
        run(VirtualTime.ofMicros(5));
        rcc.write(Rcc.PLLCFGR, 4, pllcfgr(8, 336, 2, 7, true));
        rcc.write(Rcc.CR, 4, rcc.read(Rcc.CR, 4) | Rcc.PLLON);
        run(Rcc.PLL_LOCK - 1);
        assertEquals(0, rcc.read(Rcc.CR, 4) & Rcc.PLLRDY, "PLL not locked before lock time");
        run(1);
        assertNotEquals(0, rcc.read(Rcc.CR, 4) & Rcc.PLLRDY);
        // HPRE /1, PPRE1 /4 (101), PPRE2 /2 (100), SW = PLL
        rcc.write(Rcc.CFGR, 4, 5 << 10 | 4 << 13 | 2);
        assertEquals(2, rcc.read(Rcc.CFGR, 4) >>> 2 & 3, "SWS follows SW");
        assertEquals(168_000_000L, core.hz());
        assertEquals(168_000_000L, rcc.sysclkHz());
        assertEquals(42_000_000L, rcc.apb1().hz());
        assertEquals(84_000_000L, rcc.apb2().hz());
        assertEquals(84_000_000L, rcc.apb1Timer().hz());
        assertEquals(168_000_000L, rcc.apb2Timer().hz());
        assertEquals(48_000_000L, rcc.pll48().hz());
        assertTrue(log.entries().isEmpty(), log.entries().toString());
        // PLL feeds SYSCLK: it cannot be switched off
        rcc.write(Rcc.CR, 4, 0);
        assertNotEquals(0, rcc.read(Rcc.CR, 4) & Rcc.PLLON);
    }

    @Test void ahbPrescalerDividesCoreClock() {
        rcc.write(Rcc.CFGR, 4, 0b1000 << 4); // HCLK = SYSCLK / 2
        assertEquals(8_000_000L, core.hz());
        assertEquals(8_000_000L, rcc.apb1().hz());
        rcc.write(Rcc.CFGR, 4, 0b1111 << 4); // / 512
        assertEquals(16_000_000L / 512, core.hz());
    }

    @Test void switchWaitsForSourceReady() {
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.HSEON);
        rcc.write(Rcc.CFGR, 4, 1); // SW = HSE, not ready yet
        assertEquals(0, rcc.read(Rcc.CFGR, 4) >>> 2 & 3);
        assertEquals(16_000_000L, core.hz());
        run(Rcc.HSE_CRYSTAL_STARTUP);
        assertEquals(1, rcc.read(Rcc.CFGR, 4) >>> 2 & 3);
        assertEquals(8_000_000L, core.hz());
    }

    @Test void pllWaitsForItsSource() {
        rcc.write(Rcc.PLLCFGR, 4, pllcfgr(4, 168, 2, 7, true));
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.HSEON | Rcc.HSEBYP | Rcc.PLLON);
        run(Rcc.HSE_BYPASS_STARTUP + Rcc.PLL_LOCK - 1);
        assertEquals(0, rcc.read(Rcc.CR, 4) & Rcc.PLLRDY);
        run(1);
        assertNotEquals(0, rcc.read(Rcc.CR, 4) & Rcc.PLLRDY);
    }

    @Test void invalidPllIsReportedAndStillLocks() {
        rcc.write(Rcc.PLLCFGR, 4, pllcfgr(1, 40, 2, 1, false));
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.PLLON);
        run(Rcc.PLL_LOCK);
        assertNotEquals(0, rcc.read(Rcc.CR, 4) & Rcc.PLLRDY);
        assertTrue(log.entries().stream().anyMatch(e -> e.message().contains("out of range")), log.entries().toString());
        assertTrue(log.entries().stream().anyMatch(e -> e.message().contains("VCO input")));
    }

    @Test void sw3IsRejected() {
        rcc.write(Rcc.CFGR, 4, 3);
        assertEquals(0, rcc.read(Rcc.CFGR, 4) & 0xF);
        assertEquals(GuestLog.Kind.GUEST_ERROR, log.entries().getFirst().kind());
    }

    @Test void readyInterruptAndClear() {
        rcc.write(Rcc.CIR, 4, 1 << 11); // HSERDYIE
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.HSEON | Rcc.HSEBYP);
        run(Rcc.HSE_BYPASS_STARTUP);
        assertEquals(1 << 3, rcc.read(Rcc.CIR, 4) & 0xFF);
        assertEquals(List.of(true), irq);
        rcc.write(Rcc.CIR, 4, 1 << 11 | 1 << 19); // HSERDYC
        assertEquals(0, rcc.read(Rcc.CIR, 4) & 0xFF);
        assertEquals(List.of(true, false), irq);
    }

    @Test void readyFlagNotSetWithoutInterruptEnable() {
        rcc.write(Rcc.CR, 4, 0x83 | Rcc.HSEON | Rcc.HSEBYP);
        run(Rcc.HSE_BYPASS_STARTUP);
        assertEquals(0, rcc.read(Rcc.CIR, 4));
        assertTrue(irq.isEmpty());
    }

    @Test void enablesRecordedAndResetHooksRun() {
        rcc.write(Rcc.AHB1ENR, 4, 0x0010_0001 | 1 << 3);
        assertTrue(rcc.isClockEnabled(Rcc.AHB1ENR, 0));
        assertTrue(rcc.isClockEnabled(Rcc.AHB1ENR, 3));
        assertFalse(rcc.isClockEnabled(Rcc.AHB1ENR, 1));
        int[] resets = new int[1];
        rcc.onPeripheralReset(Rcc.APB2RSTR, 12, () -> resets[0]++); // SPI1RST
        rcc.write(Rcc.APB2RSTR, 4, 1 << 12);
        rcc.write(Rcc.APB2RSTR, 4, 1 << 12);
        rcc.write(Rcc.APB2RSTR, 4, 0);
        assertEquals(1, resets[0]);
    }

    @Test void lsiReady() {
        rcc.write(Rcc.CSR, 4, 1);
        assertEquals(0x0E00_0001, rcc.read(Rcc.CSR, 4));
        run(Rcc.LSI_STARTUP);
        assertEquals(0x0E00_0003, rcc.read(Rcc.CSR, 4));
        rcc.write(Rcc.CSR, 4, 1 << 24 | 1); // RMVF
        assertEquals(0x3, rcc.read(Rcc.CSR, 4));
    }

    @Test void gatedDeviceIsDeafWhileItsClockIsOff() {
        GpioPort d = new GpioPort(3, log);
        io.twinboard.emu.bus.MmioDevice gated = rcc.gate("GPIOD", Stm32f429Map.ENABLES.get("GPIOD"), d);
        gated.write(GpioPort.MODER, 4, 0x5555_5555);
        assertEquals(0, d.read(GpioPort.MODER, 4), "write dropped");
        assertEquals(1, log.entries().size());
        assertTrue(log.entries().getFirst().message().contains("RCC_AHB1ENR bit 3"), log.entries().toString());
        rcc.write(Rcc.AHB1ENR, 4, 0x0010_0008);
        gated.write(GpioPort.MODER, 4, 0x5555_5555);
        assertEquals(0x5555_5555, gated.read(GpioPort.MODER, 4));
        rcc.write(Rcc.AHB1ENR, 4, 0x0010_0000);
        assertEquals(0, gated.read(GpioPort.MODER, 4), "reads 0 while unclocked");
        assertEquals(1, log.entries().size(), "reported once");
    }

    /** The core answers re-reads of repeatable registers itself (MmioDevice.repeatableRead):
     *  through the gate only while the clock runs, and only what the device allows. */
    @Test void gatePassesOnRepeatableReadsWhileClocked() {
        GpioPort d = new GpioPort(3, log);
        io.twinboard.emu.bus.MmioDevice gated = rcc.gate("GPIOD", Stm32f429Map.ENABLES.get("GPIOD"), d);
        assertTrue(d.repeatableRead(GpioPort.IDR, 4));
        assertTrue(!gated.repeatableRead(GpioPort.IDR, 4), "unclocked: reads are errors, each reported");
        rcc.write(Rcc.AHB1ENR, 4, 0x0010_0008);
        assertTrue(gated.repeatableRead(GpioPort.IDR, 4));
        assertTrue(!gated.repeatableRead(GpioPort.IDR, 2), "only whole-register reads");
        assertTrue(!gated.repeatableRead(GpioPort.ODR, 4), "ODR is not declared repeatable");
    }

    @Test void boardWithoutHseNeverReadies() {
        Rcc noHse = new Rcc(sched, log, core, 0, l -> {});
        noHse.write(Rcc.CR, 4, 0x83 | Rcc.HSEON);
        noHse.write(Rcc.CFGR, 4, 1);
        run(VirtualTime.ofMillis(10));
        assertEquals(0, noHse.read(Rcc.CR, 4) & Rcc.HSERDY);
        assertEquals(0, noHse.read(Rcc.CFGR, 4) >>> 2 & 3, "SYSCLK stays on HSI");
        assertEquals(16_000_000L, core.hz());
        assertEquals("RCC", log.entries().getFirst().source());
    }
}
