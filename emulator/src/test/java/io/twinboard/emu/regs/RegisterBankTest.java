package io.twinboard.emu.regs;

import io.twinboard.emu.log.GuestLog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RegisterBankTest {
    private final GuestLog log = new GuestLog(null);

    @Test
    void resetValuesMasksAndWriteOneToClear() {
        RegisterBank b = new RegisterBank("DEV", 0x10, log);
        Register sr = b.reg(0x0, "SR").reset(0xC0).writeMask(0x0F).w1c(0x30);
        sr.set(0xF0);
        b.write(0x0, 4, 0x1F); // low nibble written, bit 4 cleared, bits 6/7 read-only
        assertEquals(0xEF, b.read(0x0, 4));
        b.reset();
        assertEquals(0xC0, b.read(0x0, 4));
    }

    @Test
    void narrowAccessesReadAndMergeTheCoveredBytes() {
        RegisterBank b = new RegisterBank("DEV", 0x10, log);
        b.reg(0x4, "DR").reset(0x11223344);
        assertEquals(0x33, b.read(0x5, 1));
        assertEquals(0x1122, b.read(0x6, 2));
        b.write(0x5, 1, 0xAA);
        assertEquals(0x1122AA44, b.read(0x4, 4));
    }

    @Test
    void narrowWriteDoesNotClearOtherW1cBits() {
        RegisterBank b = new RegisterBank("DEV", 0x10, log);
        Register ir = b.reg(0x0, "IR").w1c(0xFFFF);
        ir.set(0x0101);
        b.write(0x1, 1, 0x01); // clear bit 8 only
        assertEquals(0x0001, ir.get());
    }

    @Test
    void hooksSeeOldAndNewValues() {
        RegisterBank b = new RegisterBank("DEV", 0x10, log);
        int[] seen = new int[3];
        b.reg(0x8, "CR").onWrite((o, n, raw) -> { seen[0] = o; seen[1] = n; seen[2] = raw; }).writeMask(0xFF);
        b.reg(0xC, "CNT").onRead(() -> 42);
        b.write(0x8, 4, 0x1234);
        assertArrayEquals(new int[]{0, 0x34, 0x1234}, seen);
        assertEquals(42, b.read(0xC, 4));
    }

    @Test
    void undeclaredOffsetsReadZeroAndAreReportedOnce() {
        RegisterBank b = new RegisterBank("DEV", 0x10, log);
        b.reg(0x0, "A");
        assertEquals(0, b.read(0x8, 4));
        b.read(0x8, 4);
        b.write(0x8, 4, 1);
        assertEquals(2, log.entries().size(), log.entries().toString());
        assertEquals(GuestLog.Kind.GUEST_ERROR, log.entries().get(0).kind());
    }

    @Test
    void unmodelledBitsAreReportedOnceWhenSet() {
        RegisterBank b = new RegisterBank("DEV", 0x10, log);
        b.reg(0x0, "CR").unmodelled(0x80, "DMA request");
        b.write(0x0, 4, 0x01);
        assertTrue(log.entries().isEmpty());
        b.write(0x0, 4, 0x81);
        b.write(0x0, 4, 0x81);
        assertEquals(1, log.entries().size());
        assertTrue(log.entries().get(0).message().contains("DMA request"));
    }

    @Test
    void eightBitRegistersPackTightly() {
        RegisterBank b = new RegisterBank("W", 4, 8, log);
        b.reg(0, "A").width(8).reset(1);
        b.reg(1, "B").width(8).reset(2);
        b.reg(2, "C").width(16).reset(0x0403);
        assertEquals(0x04030201, b.read(0, 4));
        assertThrows(IllegalArgumentException.class, () -> b.reg(1, "D").width(8));
    }
}
