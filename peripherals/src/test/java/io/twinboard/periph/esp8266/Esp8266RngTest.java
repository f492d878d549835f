package io.twinboard.periph.esp8266;

import io.twinboard.emu.log.GuestLog;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class Esp8266RngTest {
    @Test void sameSeedSameSequenceDifferentSeedDifferentSequence() {
        GuestLog log = new GuestLog(null);
        Esp8266Rng a = new Esp8266Rng(42, log), b = new Esp8266Rng(42, log), c = new Esp8266Rng(43, log);
        Set<Integer> seen = new HashSet<>();
        boolean differs = false;
        for (int i = 0; i < 1000; i++) {
            int va = a.read(0, 4);
            assertEquals(va, b.read(0, 4));
            differs |= va != c.read(0, 4);
            seen.add(va);
        }
        assertTrue(differs);
        assertEquals(1000, seen.size(), "no repeats in a short run");
    }

    @Test void readThroughTheWdevBlockAtItsAddress() {
        GuestLog log = new GuestLog(null);
        Esp8266Rng expected = new Esp8266Rng(Esp8266Rng.DEFAULT_SEED, log);
        Esp8266Wdev wdev = new Esp8266Wdev(new Esp8266Rng(Esp8266Rng.DEFAULT_SEED, log), log);
        int off = (int) (Esp8266Map.RNG_ADDR - Esp8266Map.WDEV_BASE);
        assertEquals(expected.next(), wdev.read(off, 4));
        assertEquals(expected.next(), wdev.read(off, 4));
        assertTrue(log.entries().isEmpty());
        assertEquals(0, wdev.read(0x100, 4));
        assertEquals(0, wdev.read(0x100, 4));
        assertEquals(1, log.entries().size(), "unmodelled address reported once");
        boolean[] uart1 = {true};
        wdev.setUartInterruptSources(() -> false, () -> uart1[0]);
        assertEquals(4, wdev.read(0x20, 4));
    }
}
