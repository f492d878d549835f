package io.twinboard.periph.stm32f4;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.Scheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FlashPwrTest {
    final Scheduler sched = new Scheduler();
    final GuestLog log = new GuestLog(null);

    @Test void acrListenerFollowsWrites() {
        List<Integer> seen = new ArrayList<>();
        FlashInterface f = new FlashInterface(log, seen::add);
        assertEquals(List.of(0), seen);
        f.write(FlashInterface.ACR, 4, 0x0705); // 5 WS, PRFTEN, ICEN, DCEN
        assertEquals(0x705, f.read(FlashInterface.ACR, 4));
        assertEquals(5, f.latency());
        assertEquals(List.of(0, 0x705), seen);
        f.write(FlashInterface.ACR, 4, 0xFFFF_FFFF);
        assertEquals(0x1F0F, f.read(FlashInterface.ACR, 4), "reserved bits read 0");
        assertTrue(log.entries().stream().anyMatch(e -> e.message().contains("ICRST")), "cache reset while enabled reported");
    }

    @Test void flashResetValuesAndUnlock() {
        FlashInterface f = new FlashInterface(log, v -> {});
        assertEquals(0x8000_0000, f.read(FlashInterface.CR, 4));
        assertEquals(0x0FFF_AAED, f.read(FlashInterface.OPTCR, 4));
        assertEquals(0x0FFF_0000, f.read(FlashInterface.OPTCR1, 4));
        f.write(FlashInterface.CR, 4, 0x200); // locked: ignored
        assertEquals(0x8000_0000, f.read(FlashInterface.CR, 4));
        f.write(FlashInterface.KEYR, 4, FlashInterface.KEY1);
        f.write(FlashInterface.KEYR, 4, FlashInterface.KEY2);
        assertEquals(0, f.read(FlashInterface.CR, 4));
        f.write(FlashInterface.CR, 4, 0x200);
        assertEquals(0x200, f.read(FlashInterface.CR, 4));
        f.write(FlashInterface.CR, 4, 0x8000_0200);
        assertEquals(0x8000_0200, f.read(FlashInterface.CR, 4), "LOCK set again by software");
        f.write(FlashInterface.OPTKEYR, 4, FlashInterface.OPTKEY1);
        f.write(FlashInterface.OPTKEYR, 4, FlashInterface.OPTKEY2);
        assertEquals(0x0FFF_AAEC, f.read(FlashInterface.OPTCR, 4));
    }

    @Test void wrongKeyLocksUntilReset() {
        FlashInterface f = new FlashInterface(log, v -> {});
        f.write(FlashInterface.KEYR, 4, 0x1234);
        f.write(FlashInterface.KEYR, 4, FlashInterface.KEY1);
        f.write(FlashInterface.KEYR, 4, FlashInterface.KEY2);
        assertEquals(0x8000_0000, f.read(FlashInterface.CR, 4));
        f.reset();
        f.write(FlashInterface.KEYR, 4, FlashInterface.KEY1);
        f.write(FlashInterface.KEYR, 4, FlashInterface.KEY2);
        assertEquals(0, f.read(FlashInterface.CR, 4));
    }

    @Test void pwrResetValues() {
        Pwr p = new Pwr(sched, log, () -> false);
        assertEquals(0x0000_C000, p.read(Pwr.CR, 4));
        assertEquals(0, p.read(Pwr.CSR, 4));
    }

    @Test void overDriveSequence() {
        boolean[] pll = {false};
        Pwr p = new Pwr(sched, log, () -> pll[0]);
        assertEquals(0, p.read(Pwr.CSR, 4) & Pwr.VOSRDY);
        pll[0] = true;
        assertNotEquals(0, p.read(Pwr.CSR, 4) & Pwr.VOSRDY);
        p.write(Pwr.CR, 4, 0xC000 | Pwr.ODSWEN); // too early: ignored
        assertEquals(0xC000, p.read(Pwr.CR, 4));
        p.write(Pwr.CR, 4, 0xC000 | Pwr.ODEN);
        sched.advanceTo(Pwr.OD_READY - 1);
        assertEquals(0, p.read(Pwr.CSR, 4) & Pwr.ODRDY);
        sched.advanceTo(Pwr.OD_READY);
        assertNotEquals(0, p.read(Pwr.CSR, 4) & Pwr.ODRDY);
        p.write(Pwr.CR, 4, 0xC000 | Pwr.ODEN | Pwr.ODSWEN);
        assertFalse(p.overDriveActive());
        sched.advanceTo(sched.now() + Pwr.OD_SWITCH);
        assertTrue(p.overDriveActive());
        assertEquals(Pwr.VOSRDY | Pwr.ODRDY | Pwr.ODSWRDY, p.read(Pwr.CSR, 4));
        p.write(Pwr.CR, 4, 0xC000);
        assertEquals(Pwr.VOSRDY, p.read(Pwr.CSR, 4));
        assertEquals(0xC000, p.read(Pwr.CR, 4));
    }
}
