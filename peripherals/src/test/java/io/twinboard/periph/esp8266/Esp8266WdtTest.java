package io.twinboard.periph.esp8266;

import io.twinboard.emu.log.GuestLog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class Esp8266WdtTest {
    @Test void feedsAreStoredAndReportedOnce() {
        GuestLog log = new GuestLog(null);
        Esp8266Wdt wdt = new Esp8266Wdt(log);
        for (int i = 0; i < 100; i++) wdt.write(0x14, 4, 0x73); // WDT_FEED()
        assertEquals(1, log.entries().size());
        assertEquals(0x73, wdt.read(0x14, 4));
        assertEquals(0x73, wdt.read(0x14, 4));
        assertEquals(2, log.entries().size(), "one write report, one read report");
        assertTrue(log.entries().stream().allMatch(e -> e.kind() == GuestLog.Kind.UNIMPLEMENTED));
        wdt.write(0x00, 4, 0);
        assertEquals(3, log.entries().size(), "each register reported on its own");
    }
}
