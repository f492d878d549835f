package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.periph.signal.Wire;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class GpioExtiTest {
    final GuestLog log = new GuestLog(null);

    @Test void resetValuesPerPort() {
        GpioPort a = new GpioPort(0, log), b = new GpioPort(1, log), d = new GpioPort(3, log);
        assertEquals(0xA800_0000, a.read(GpioPort.MODER, 4));
        assertEquals(0x0C00_0000, a.read(GpioPort.OSPEEDR, 4));
        assertEquals(0x6400_0000, a.read(GpioPort.PUPDR, 4));
        assertEquals(0x0000_0280, b.read(GpioPort.MODER, 4));
        assertEquals(0x0000_00C0, b.read(GpioPort.OSPEEDR, 4));
        assertEquals(0x0000_0100, b.read(GpioPort.PUPDR, 4));
        assertEquals(0, d.read(GpioPort.MODER, 4));
        assertEquals(0, d.read(GpioPort.ODR, 4));
        // PA13 and PA15 pulled up, PA14 pulled down
        assertEquals(0xA000, a.read(GpioPort.IDR, 4));
        assertEquals("GPIOD", d.name());
    }

    @Test void outputDrivesWireThroughOdrAndBsrr() {
        GpioPort d = new GpioPort(3, log);
        Wire cs = d.pin(14);
        List<Boolean> seen = new ArrayList<>();
        cs.onChange(seen::add);
        d.write(GpioPort.MODER, 4, 1 << 28); // PD14 output
        assertFalse(cs.isHigh());
        d.write(GpioPort.BSRR, 4, 1 << 14);
        assertTrue(cs.isHigh());
        assertEquals(1 << 14, d.read(GpioPort.ODR, 4));
        assertEquals(0, d.read(GpioPort.BSRR, 4), "BSRR reads 0");
        d.write(GpioPort.BSRR + 2, 2, 1 << 14); // 16-bit write of BR14
        assertFalse(cs.isHigh());
        d.write(GpioPort.BSRR, 4, 1 << 14 | 1 << 30); // set wins over reset
        assertTrue(cs.isHigh());
        d.write(GpioPort.ODR, 4, 0);
        assertFalse(cs.isHigh());
        assertEquals(List.of(true, false, true, false), seen);
        assertEquals(0, d.read(GpioPort.IDR, 4) & 1 << 14);
        d.write(GpioPort.ODR, 4, 0xFFFF_FFFF);
        assertEquals(0xFFFF, d.read(GpioPort.ODR, 4), "ODR has 16 bits");
    }

    @Test void openDrainReleasesHighToPull() {
        GpioPort b = new GpioPort(2, log);
        b.write(GpioPort.PUPDR, 4, 2); // pin 0 pull-down
        b.write(GpioPort.OTYPER, 4, 1);
        b.write(GpioPort.MODER, 4, 1);
        b.write(GpioPort.ODR, 4, 1); // released: pull-down wins
        assertFalse(b.pin(0).isHigh());
        b.write(GpioPort.PUPDR, 4, 1); // pull-up
        assertTrue(b.pin(0).isHigh());
        b.write(GpioPort.ODR, 4, 0);
        assertFalse(b.pin(0).isHigh());
    }

    @Test void inputReadsExternalWireAndPulls() {
        GpioPort f = new GpioPort(5, log);
        f.write(GpioPort.PUPDR, 4, 1 << 26 | 1 << 2); // PF13 and PF1 pull-up
        assertEquals(1 << 13 | 1 << 1, f.read(GpioPort.IDR, 4));
        f.connectExternalDriver(13);
        f.pin(13).drive(false); // INTn asserted
        assertEquals(1 << 1, f.read(GpioPort.IDR, 4));
        f.write(GpioPort.PUPDR, 4, 1 << 26); // re-evaluating pulls does not fight the driver
        assertFalse(f.pin(13).isHigh());
        f.write(GpioPort.MODER, 4, 3 << 26); // analog reads 0
        f.pin(13).drive(true);
        assertEquals(0, f.read(GpioPort.IDR, 4) & 1 << 13);
        f.write(GpioPort.IDR, 4, 0xFFFF);
        assertEquals(1 << 1, f.read(GpioPort.IDR, 4) & 0xFF, "IDR is read-only; floating PF1 keeps its level");
    }

    @Test void boardPullUpHoldsReleasedPinHigh() {
        GpioPort f = new GpioPort(5, log);
        f.connectBoardPull(15, true); // WIZ850io RSTn pull-up
        assertTrue(f.pin(15).isHigh());
        f.write(GpioPort.MODER, 4, 1 << 30); // output, ODR = 0: drives low
        assertFalse(f.pin(15).isHigh());
        f.write(GpioPort.MODER, 4, 0); // input again: released, the resistor wins over PUPDR pull-down
        f.write(GpioPort.PUPDR, 4, 2 << 30);
        assertTrue(f.pin(15).isHigh());
    }

    @Test void lockSequenceFreezesConfiguration() {
        GpioPort c = new GpioPort(2, log);
        int key = 1 << 3;
        c.write(GpioPort.LCKR, 4, GpioPort.LCKK | key);
        c.write(GpioPort.LCKR, 4, key);
        c.write(GpioPort.LCKR, 4, GpioPort.LCKK | key);
        assertEquals(GpioPort.LCKK | key, c.read(GpioPort.LCKR, 4));
        c.write(GpioPort.MODER, 4, 0xFFFF_FFFF);
        assertEquals(0xFFFF_FF3F, c.read(GpioPort.MODER, 4), "pin 3 mode locked");
        c.write(GpioPort.AFRL, 4, 0xFFFF_FFFF);
        assertEquals(0xFFFF_0FFF, c.read(GpioPort.AFRL, 4));
        c.write(GpioPort.LCKR, 4, 0);
        assertEquals(GpioPort.LCKK | key, c.read(GpioPort.LCKR, 4), "LCKR frozen until reset");
        c.reset();
        c.write(GpioPort.MODER, 4, 0xFFFF_FFFF);
        assertEquals(0xFFFF_FFFF, c.read(GpioPort.MODER, 4));
    }

    @Test void brokenLockSequenceDoesNotLock() {
        GpioPort c = new GpioPort(2, log);
        c.write(GpioPort.LCKR, 4, GpioPort.LCKK | 1);
        c.write(GpioPort.LCKR, 4, 2); // different key
        c.write(GpioPort.LCKR, 4, GpioPort.LCKK | 1);
        assertEquals(0, c.read(GpioPort.LCKR, 4) & GpioPort.LCKK);
        c.write(GpioPort.MODER, 4, 0xFFFF_FFFF);
        assertEquals(0xFFFF_FFFF, c.read(GpioPort.MODER, 4));
    }

    static final class Nvic {
        final Map<Integer, List<Boolean>> levels = new HashMap<>();
        IrqLine line(int irq) { return level -> levels.computeIfAbsent(irq, k -> new ArrayList<>()).add(level); }
        List<Boolean> of(int irq) { return levels.getOrDefault(irq, List.of()); }
    }

    @Test void fallingEdgeOnPf13RaisesExti15_10() {
        Nvic nvic = new Nvic();
        Exti exti = new Exti(log, nvic::line);
        Syscfg syscfg = new Syscfg(log);
        GpioPort[] ports = new GpioPort[11];
        for (int i = 0; i < 11; i++) ports[i] = new GpioPort(i, log);
        exti.connectGpio(syscfg, ports);
        GpioPort f = ports[5];
        f.connectExternalDriver(13);
        f.pin(13).drive(true);
        syscfg.write(Syscfg.EXTICR1 + 12, 4, 5 << 4); // EXTI13 = port F
        assertEquals(5, syscfg.extiPort(13));
        exti.write(Exti.FTSR, 4, 1 << 13);
        exti.write(Exti.IMR, 4, 1 << 13);
        f.pin(13).drive(false);
        assertEquals(1 << 13, exti.read(Exti.PR, 4));
        assertEquals(List.of(true), nvic.of(Stm32f429Map.IRQ_EXTI15_10));
        f.pin(13).drive(true); // rising edge not selected
        exti.write(Exti.PR, 4, 1 << 13);
        assertEquals(0, exti.read(Exti.PR, 4));
        assertEquals(List.of(true, false), nvic.of(Stm32f429Map.IRQ_EXTI15_10));
        // the same pin number on another port does not reach the line
        ports[0].connectExternalDriver(13);
        ports[0].pin(13).drive(false);
        assertEquals(0, exti.read(Exti.PR, 4));
    }

    @Test void maskedLineStaysIdleAndSwierTriggers() {
        Nvic nvic = new Nvic();
        Exti exti = new Exti(log, nvic::line);
        exti.write(Exti.RTSR, 4, 1);
        exti.edge(0, true);
        assertEquals(0, exti.read(Exti.PR, 4), "masked line: no pending request");
        exti.write(Exti.IMR, 4, 1 | 1 << 7);
        exti.edge(0, true);
        assertEquals(List.of(true), nvic.of(Stm32f429Map.IRQ_EXTI0));
        exti.write(Exti.SWIER, 4, 1 << 7);
        assertEquals(1 | 1 << 7, exti.read(Exti.PR, 4));
        assertEquals(List.of(true), nvic.of(Stm32f429Map.IRQ_EXTI9_5));
        exti.write(Exti.PR, 4, 1 << 7);
        assertEquals(0, exti.read(Exti.SWIER, 4), "clearing PR clears SWIER");
        assertEquals(List.of(true, false), nvic.of(Stm32f429Map.IRQ_EXTI9_5));
        assertEquals(List.of(true), nvic.of(Stm32f429Map.IRQ_EXTI0));
        exti.write(Exti.IMR, 4, 0x7FFF_FFFF);
        assertEquals(0x7F_FFFF, exti.read(Exti.IMR, 4), "23 lines");
    }

    @Test void syscfgCompensationCell() {
        Syscfg s = new Syscfg(log);
        assertEquals(0, s.read(Syscfg.CMPCR, 4));
        s.write(Syscfg.CMPCR, 4, 1);
        assertEquals(0x101, s.read(Syscfg.CMPCR, 4));
        s.write(Syscfg.MEMRMP, 4, 1);
        assertEquals(GuestLog.Kind.UNIMPLEMENTED, log.entries().getFirst().kind());
    }
}
