package io.twinboard.periph.w5500;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.periph.spi.SpiDevice;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** Register-level behaviour: reset values, SPI framing (VDM, FDM, malformed frames), resets. */
class W5500RegisterTest {
    /** Datasheet v1.0.9 §3.1 reset values of the common block, by offset. */
    static Map<Integer, Integer> commonResets() {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int a = 0x00; a <= 0x18; a++) m.put(a, 0);
        m.put(0x19, 0x07); m.put(0x1A, 0xD0); // RTR 0x07D0
        m.put(0x1B, 0x08);                    // RCR
        m.put(0x1C, 0x28);                    // PTIMER
        m.put(0x1D, 0x00);                    // PMAGIC
        for (int a = 0x1E; a <= 0x25; a++) m.put(a, 0); // PHAR, PSID
        m.put(0x26, 0xFF); m.put(0x27, 0xFF); // PMRU
        for (int a = 0x28; a <= 0x2D; a++) m.put(a, 0); // UIPR, UPORTR
        m.put(0x2E, 0xBF);                    // PHYCFGR 0b10111xxx, link up 100 Mbit/s full duplex
        m.put(0x39, 0x04);                    // VERSIONR
        return m;
    }

    /** Datasheet v1.0.9 §3.2 reset values of a socket block, by offset. */
    static Map<Integer, Integer> socketResets() {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int a = 0x00; a <= 0x05; a++) m.put(a, 0);
        for (int a = 0x06; a <= 0x0B; a++) m.put(a, 0xFF); // Sn_DHAR
        for (int a = 0x0C; a <= 0x13; a++) m.put(a, 0);    // DIPR, DPORT, MSSR
        m.put(0x15, 0);    // TOS
        m.put(0x16, 0x80); // TTL
        m.put(0x1E, 2); m.put(0x1F, 2);
        m.put(0x20, 0x08); m.put(0x21, 0x00); // TX_FSR 0x0800
        for (int a = 0x22; a <= 0x2B; a++) m.put(a, 0);
        m.put(0x2C, 0xFF);                    // Sn_IMR
        m.put(0x2D, 0x40); m.put(0x2E, 0x00); // Sn_FRAG 0x4000
        m.put(0x2F, 0);                       // KPALVTR
        return m;
    }

    private static void assertResetValues(WizHost h) {
        commonResets().forEach((a, v) -> assertEquals(v, h.read8(0, a), String.format("common 0x%02x", a)));
        for (int n = 0; n < 8; n++) {
            int s = n;
            socketResets().forEach((a, v) -> assertEquals(v, h.read8(WizHost.sreg(s), a), String.format("socket %d 0x%02x", s, a)));
        }
    }

    @Test void everyRegisterHasItsResetValue() {
        WizHost h = new WizHost();
        assertResetValues(h);
        assertTrue(h.log.entries().isEmpty(), () -> "declared registers must not log: " + h.log.entries());
    }

    @Test void headerBytesShiftOut010203AndVdmBurstReadsSequentially() {
        WizHost h = new WizHost();
        h.write(0, 0x0F, new byte[] {(byte) 192, (byte) 168, 1, 77});
        int[] miso = h.frame(0x00, 0x0F, 0x00, 0, 0, 0, 0);
        assertArrayEquals(new int[] {0x01, 0x02, 0x03, 192, 168, 1, 77}, miso);
    }

    @Test void fixedLengthFramesFollowEachOtherWithChipSelectLow() {
        WizHost h = new WizHost();
        h.chip.chipSelect(true);
        // FDM 4-byte write of SIPR, then FDM 2-byte read of SIPR2..3, then FDM 1-byte read of VERSIONR.
        int[] w = {0x00, 0x0F, 0x07, 10, 0, 0, 42};
        for (int b : w) h.chip.exchange(b);
        int[] r2 = new int[5];
        int[] q = {0x00, 0x11, 0x02, 0, 0};
        for (int i = 0; i < q.length; i++) r2[i] = h.chip.exchange(q[i]);
        int[] r1 = new int[4];
        int[] q1 = {0x00, 0x39, 0x01, 0};
        for (int i = 0; i < q1.length; i++) r1[i] = h.chip.exchange(q1[i]);
        h.chip.chipSelect(false);
        assertArrayEquals(new int[] {1, 2, 3, 0, 42}, r2);
        assertArrayEquals(new int[] {1, 2, 3, 4}, r1);
        assertEquals(10, h.read8(0, 0x0F));
        assertTrue(h.log.entries().isEmpty(), () -> h.log.entries().toString());
    }

    @Test void malformedFramesAreLoggedNotThrown() {
        WizHost h = new WizHost();
        int[] miso = h.frame(0x00, 0x39, 4 << 3, 0); // BSB 00100 is reserved
        assertEquals(0, miso[3]);
        h.frame(0x00);                                // SCSn raised after one address byte
        h.frame(0x00, 0x39, 0x03, 0);                 // FDM 4 cut short
        assertTrue(h.log.entries().stream().anyMatch(e -> e.kind() == GuestLog.Kind.GUEST_ERROR && e.message().contains("reserved block")));
        assertTrue(h.log.entries().stream().anyMatch(e -> e.message().contains("inside the frame header")));
        assertTrue(h.log.entries().stream().anyMatch(e -> e.message().contains("fixed-length")));
        assertEquals(4, h.read8(0, 0x39), "the chip keeps working after malformed frames");
        h.read8(WizHost.sreg(0), 0x14); // reserved socket register
        assertTrue(h.log.entries().stream().anyMatch(e -> e.message().contains("undeclared offset 0x014")));
    }

    @Test void resetPinHoldsChipAndRestoresEveryRegister() {
        WizHost h = new WizHost();
        h.write(0, 0x01, new byte[] {1, 2, 3, 4});
        h.write8(0, 0x1B, 3);
        h.write8(WizHost.sreg(5), 0x1F, 4);
        h.write8(WizHost.sreg(5), 0x16, 7);
        h.rstn.drive(false);
        assertTrue(h.chip.isInReset());
        h.chip.chipSelect(true);
        assertEquals(SpiDevice.NOT_DRIVEN, h.chip.exchange(0));
        h.chip.chipSelect(false);
        h.rstn.drive(true);
        assertResetValues(h);
    }

    @Test void softResetByModeRegister() {
        WizHost h = new WizHost();
        h.write8(0, 0x18, 0xFF);
        h.write16(0, 0x19, 1234);
        h.write8(WizHost.sreg(2), 0x00, 1);
        h.command(2, W5500Socket.CMD_OPEN);
        assertEquals(W5500Socket.SOCK_INIT, h.sr(2));
        h.write8(0, 0x00, 0x80);
        assertEquals(0, h.read8(0, 0x00), "MR.RST self-clears");
        assertResetValues(h);
    }

    @Test void phyLinkComesUpAfterConfiguredDelay() {
        WizHost h = new WizHost();
        h.chip.setLinkUpDelay(io.twinboard.emu.time.VirtualTime.ofMillis(3));
        h.rstn.drive(false);
        h.rstn.drive(true);
        assertEquals(0, h.read8(0, 0x2E) & 1);
        h.advance(io.twinboard.emu.time.VirtualTime.ofMillis(3));
        assertEquals(1, h.read8(0, 0x2E) & 1);
    }
    /** §4.2 Sn_IMR: reserved bits 7..5 keep their reset value 1 (the reading W5500Socket documents). */
    @Test void snImrReservedBitsKeepTheirResetValue() {
        WizHost h = new WizHost();
        h.write8(WizHost.sreg(0), 0x2C, 0x00);
        assertEquals(0xE0, h.read8(WizHost.sreg(0), 0x2C));
        h.write8(WizHost.sreg(0), 0x2C, 0xFF);
        assertEquals(0xFF, h.read8(WizHost.sreg(0), 0x2C));
        assertTrue(h.log.entries().isEmpty(), h.log.entries().toString());
    }
}
