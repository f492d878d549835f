package io.twinboard.periph.esp8266;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.twinboard.periph.esp8266.VirtualTimeHelper.MS;
import static io.twinboard.periph.esp8266.VirtualTimeHelper.US;
import static org.junit.jupiter.api.Assertions.*;

class Esp8266TimersTest {
    static final int LOAD1 = 0x00, COUNT1 = 0x04, CTRL1 = 0x08, INT1 = 0x0C;
    static final int LOAD2 = 0x20, COUNT2 = 0x24, CTRL2 = 0x28, INT2 = 0x2C, ALARM2 = 0x30;
    static final int LEVEL = 1, DIV16 = 1 << 2, DIV256 = 2 << 2, AUTO = 1 << 6, ENABLE = 1 << 7, STATUS = 1 << 8;

    Scheduler scheduler;
    GuestLog log;
    IrqProbe irq1, irq2;
    Esp8266Dport dport;
    Esp8266Timers timers;

    @BeforeEach void setUp() {
        scheduler = new Scheduler();
        log = new GuestLog(null);
        irq1 = new IrqProbe();
        irq2 = new IrqProbe();
        timers = new Esp8266Timers(scheduler, new ClockDomain("apb", 80_000_000), irq1, irq2, log);
        dport = new Esp8266Dport(scheduler, new ClockDomain("cpu", 80_000_000), log);
        timers.setEdgeEnables(() -> dport.edgeInterruptEnabled(Esp8266Dport.EDGE_FRC1),
                () -> dport.edgeInterruptEnabled(Esp8266Dport.EDGE_FRC2));
    }

    @Test void frc1CountsDownAtApbOver16AndReloads() {
        dport.write(0x04, 4, Esp8266Dport.EDGE_FRC1); // TM1_EDGE_INT_ENABLE
        timers.write(CTRL1, 4, DIV16 | AUTO | ENABLE); // edge interrupt
        timers.write(LOAD1, 4, 5000); // 5000 ticks of 200 ns = 1 ms
        assertEquals(5000, timers.read(COUNT1, 4));
        scheduler.advanceTo(100 * US);
        assertEquals(4500, timers.read(COUNT1, 4));
        scheduler.advanceTo(MS - 1);
        assertEquals(0, irq1.rises);
        assertEquals(1, timers.read(COUNT1, 4));
        scheduler.advanceTo(MS);
        assertEquals(1, irq1.rises, "one pulse at zero");
        assertFalse(irq1.high, "edge mode: a pulse, not a level");
        assertEquals(5000, timers.read(COUNT1, 4), "auto-load: back to LOAD");
        scheduler.advanceTo(10 * MS);
        assertEquals(10, irq1.rises);
        assertEquals(0, timers.read(CTRL1, 4) & STATUS, "edge mode status clears by itself");
    }

    @Test void frc1EdgeInterruptNeedsTheDportEnable() {
        timers.write(CTRL1, 4, AUTO | ENABLE);
        timers.write(LOAD1, 4, 80); // 1 us at APB/1
        scheduler.advanceTo(10 * US);
        assertEquals(0, irq1.rises);
        dport.write(0x04, 4, Esp8266Dport.EDGE_FRC1);
        scheduler.advanceTo(20 * US);
        assertEquals(10, irq1.rises);
    }

    @Test void frc1LevelModeHoldsUntilIntIsWritten() {
        timers.write(CTRL1, 4, LEVEL | DIV256 | ENABLE); // no auto-load
        timers.write(LOAD1, 4, 3125); // 3125 * 3.2 us = 10 ms
        scheduler.advanceTo(10 * MS);
        assertTrue(irq1.high);
        assertEquals(STATUS, timers.read(CTRL1, 4) & STATUS);
        assertEquals(0, timers.read(COUNT1, 4), "zero at the interrupt instant");
        scheduler.advanceTo(10 * MS + 3200 * 1000);
        assertEquals(0x7F_FFFF, timers.read(COUNT1, 4), "without auto-load the count wraps to 0x7FFFFF");
        // RTC_CLR_REG_MASK(FRC1_INT_ADDRESS, FRC1_INT_CLR_MASK): read, clear bit 0, write back.
        timers.write(INT1, 4, timers.read(INT1, 4) & ~1);
        assertFalse(irq1.high);
        assertEquals(0, timers.read(CTRL1, 4) & STATUS);
        scheduler.advanceTo(10 * MS + 32 * US);
        assertEquals(0x7F_FFFF - 9, timers.read(COUNT1, 4));
        assertEquals(1, irq1.rises);
    }

    @Test void disablingFreezesTheCount() {
        timers.write(CTRL1, 4, DIV16 | ENABLE);
        timers.write(LOAD1, 4, 100_000);
        scheduler.advanceTo(MS); // 5000 ticks
        timers.write(CTRL1, 4, DIV16);
        assertEquals(95_000, timers.read(COUNT1, 4));
        scheduler.advanceTo(5 * MS);
        assertEquals(95_000, timers.read(COUNT1, 4));
        timers.write(CTRL1, 4, DIV16 | ENABLE);
        scheduler.advanceTo(6 * MS);
        assertEquals(90_000, timers.read(COUNT1, 4));
    }

    @Test void frc2CountsUpAndFiresOnAlarm() {
        dport.write(0x04, 4, Esp8266Dport.EDGE_FRC2);
        timers.write(CTRL2, 4, DIV256 | ENABLE); // 312.5 kHz, as the SDK's system time
        timers.write(LOAD2, 4, 0);
        timers.write(ALARM2, 4, 3125); // 10 ms
        scheduler.advanceTo(5 * MS);
        assertEquals(1562, timers.read(COUNT2, 4));
        scheduler.advanceTo(10 * MS - 1);
        assertEquals(0, irq2.rises);
        scheduler.advanceTo(10 * MS);
        assertEquals(1, irq2.rises);
        timers.write(ALARM2, 4, 3125 + 312);
        scheduler.advanceTo(11 * MS);
        assertEquals(2, irq2.rises);
        assertEquals(0, irq1.rises);
    }

    @Test void frc2HasItsOwnWindowForBoardsThatMapItApart() {
        var frc2 = timers.frc2Window();
        frc2.write(0x08, 4, ENABLE);
        frc2.write(0x00, 4, 100);
        scheduler.advanceTo(US); // 80 ticks
        assertEquals(180, frc2.read(0x04, 4));
        assertEquals(180, timers.read(COUNT2, 4));
        assertSame(timers, timers.frc1Window());
    }

    @Test void frc2DoesNotDriftWhenAlarmAndCtrlAreRewritten() {
        timers.write(CTRL2, 4, DIV256 | ENABLE);
        timers.write(LOAD2, 4, 0);
        // The SDK re-arms ALARM at arbitrary times; the 312.5 kHz time base must not lose phase.
        for (int i = 1; i <= 1000; i++) {
            scheduler.advanceTo(i * 997 * US);
            timers.write(ALARM2, 4, timers.read(COUNT2, 4) + 50);
            timers.write(CTRL2, 4, DIV256 | ENABLE);
        }
        scheduler.advanceTo(VirtualTimeHelper.S);
        assertEquals(312_500, timers.read(COUNT2, 4));
    }

    @Test void frc2CountWrapsAt32Bits() {
        timers.write(CTRL2, 4, ENABLE);
        timers.write(LOAD2, 4, 0xFFFF_FFF0);
        scheduler.advanceTo(32 * 12_500);
        assertEquals(0x10, timers.read(COUNT2, 4));
    }
}
