package io.twinboard.periph.esp8266;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import org.junit.jupiter.api.Test;

import static io.twinboard.periph.esp8266.VirtualTimeHelper.US;
import static org.junit.jupiter.api.Assertions.*;

class Esp8266DportTest {
    @Test void cpu2xSwitchesTheCoreClockAtTheTimeOfTheWrite() {
        Scheduler scheduler = new Scheduler();
        ClockDomain cpu = new ClockDomain("cpu", Esp8266Map.CPU_HZ_DEFAULT);
        Esp8266Dport dport = new Esp8266Dport(scheduler, cpu, new GuestLog(null));
        scheduler.advanceTo(10 * US);
        assertEquals(800, cpu.cycleAt(scheduler.now()));
        dport.write(0x14, 4, 1); // CPU2X
        assertEquals(160_000_000, cpu.hz());
        assertTrue(dport.cpuDoubled());
        assertEquals(1, dport.read(0x14, 4));
        scheduler.advanceTo(20 * US);
        assertEquals(800 + 1600, cpu.cycleAt(scheduler.now()), "cycles before the switch keep their 80 MHz length");
        dport.write(0x14, 4, 0);
        assertEquals(80_000_000, cpu.hz());
    }

    @Test void spiInterruptStatusAndEdgeEnable() {
        Scheduler scheduler = new Scheduler();
        Esp8266Dport dport = new Esp8266Dport(scheduler, new ClockDomain("cpu", 80_000_000), new GuestLog(null));
        boolean[] hspi = {false};
        dport.setSpiInterruptSources(() -> false, () -> hspi[0], () -> false);
        assertEquals(0, dport.read(0x20, 4));
        hspi[0] = true;
        assertEquals(1 << 7, dport.read(0x20, 4));
        assertFalse(dport.edgeInterruptEnabled(Esp8266Dport.EDGE_FRC1));
        dport.write(0x04, 4, 0xFF);
        assertEquals(7, dport.read(0x04, 4), "three enable bits");
        assertTrue(dport.edgeInterruptEnabled(Esp8266Dport.EDGE_FRC1 | Esp8266Dport.EDGE_FRC2));
    }

    @Test void unmodelledRegistersAreReportedNotThrown() {
        GuestLog log = new GuestLog(null);
        Esp8266Dport dport = new Esp8266Dport(new Scheduler(), new ClockDomain("cpu", 80_000_000), log);
        dport.write(0x28, 4, 1); // PERI_IO_SWAP
        dport.write(0x28, 4, 1);
        assertEquals(1, log.entries().size());
        assertEquals(GuestLog.Kind.UNIMPLEMENTED, log.entries().get(0).kind());
        dport.setOtp(0x1, 0x2, 0x00C0FFEE, 0x3);
        assertEquals(0x00C0FFEE, dport.read(0x58, 4));
    }
}
