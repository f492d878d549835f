package io.twinboard.periph.stm32f4;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.periph.signal.Wire;
import io.twinboard.periph.spi.SpiDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.twinboard.periph.stm32f4.Spi.*;
import static org.junit.jupiter.api.Assertions.*;

class SpiTest {
    final Scheduler sched = new Scheduler();
    final GuestLog log = new GuestLog(null);
    final ClockDomain apb2 = new ClockDomain("PCLK2", 84_000_000L);
    final List<Boolean> irq = new ArrayList<>();
    final Spi spi = new Spi("SPI1", sched, log, apb2, irq::add);

    /** Echoes MOSI back, delayed by one byte (like a shift register), and records what it saw. */
    static final class Loopback implements SpiDevice {
        final List<Integer> seen = new ArrayList<>();
        boolean selected = true;
        int last = 0xA5;
        @Override public int exchange(int mosi) {
            if (!selected) return NOT_DRIVEN;
            seen.add(mosi);
            int r = last;
            last = mosi;
            return r;
        }
        @Override public void chipSelect(boolean s) { selected = s; }
    }

    void master(int br, int extra) { spi.write(CR1, 4, MSTR | SSM | SSI | SPE | br << 3 | extra); }

    void at(long t) { sched.advanceTo(t); }

    @Test void resetValues() {
        assertEquals(0, spi.read(CR1, 4));
        assertEquals(0, spi.read(CR2, 4));
        assertEquals(TXE, spi.read(SR, 4));
        assertEquals(7, spi.read(CRCPR, 4));
        assertEquals(2, spi.read(I2SPR, 4));
        spi.write(CR2, 4, 0xFFFF_FFFF);
        assertEquals(0xF7, spi.read(CR2, 4));
        spi.write(SR, 4, 0xFF);
        assertEquals(TXE, spi.read(SR, 4), "status bits are read-only");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7})
    void byteTakesEightSpiClocks(int br) {
        Loopback dev = new Loopback();
        spi.attach(dev);
        master(br, 0);
        long frame = apb2.timeOf(8L << (br + 1));
        assertEquals(frame, spi.frameTime());
        spi.write(DR, 4, 0x3C);
        assertEquals(TXE | BSY, spi.read(SR, 4), "TXE returns as the shift register takes the byte");
        at(frame - 1);
        assertEquals(0, spi.read(SR, 4) & RXNE);
        assertTrue(dev.seen.isEmpty());
        at(frame);
        assertEquals(TXE | RXNE, spi.read(SR, 4));
        assertEquals(List.of(0x3C), dev.seen);
        assertEquals(0xA5, spi.read(DR, 4));
        assertEquals(TXE, spi.read(SR, 4));
    }

    @Test void prescaler2At84MHzIs190ns() {
        master(0, 0);
        assertEquals(190_476L, spi.frameTime()); // 16 cycles / 84 MHz
        master(0, DFF);
        assertEquals(380_952L, spi.frameTime());
    }

    @Test void backToBackBytesKeepBsy() {
        Loopback dev = new Loopback();
        spi.attach(dev);
        master(1, 0);
        long frame = apb2.timeOf(32);
        spi.write(DR, 4, 1);
        spi.write(DR, 4, 2);
        assertEquals(BSY, spi.read(SR, 4), "TX buffer full, TXE = 0");
        at(frame);
        assertEquals(TXE | BSY | RXNE, spi.read(SR, 4), "second byte moved into the shift register");
        assertEquals(0xA5, spi.read(DR, 4));
        at(apb2.timeOf(64));
        assertEquals(TXE | RXNE, spi.read(SR, 4));
        assertEquals(1, spi.read(DR, 4));
        assertEquals(List.of(1, 2), dev.seen);
    }

    @Test void noDeviceReadsFF() {
        Loopback dev = new Loopback();
        dev.selected = false;
        spi.attach(dev);
        master(0, 0);
        spi.write(DR, 1, 0x12);
        at(spi.frameTime());
        assertEquals(0xFF, spi.read(DR, 4));
        assertTrue(dev.seen.isEmpty());
    }

    @Test void overrunWhenRxneNotCleared() {
        spi.attach(new Loopback());
        master(0, 0);
        spi.write(DR, 4, 0x11);
        at(sched.now() + spi.frameTime());
        spi.write(DR, 4, 0x22);
        at(sched.now() + spi.frameTime());
        assertEquals(TXE | RXNE | OVR, spi.read(SR, 4));
        assertEquals(0xA5, spi.read(DR, 4), "the older frame is kept");
        assertEquals(TXE | OVR, spi.read(SR, 4), "SR read after DR read clears OVR, this read still shows it");
        assertEquals(TXE, spi.read(SR, 4));
    }

    @Test void sixteenBitFramesMsbFirst() {
        Loopback dev = new Loopback();
        spi.attach(dev);
        master(0, DFF);
        spi.write(DR, 4, 0xBEEF);
        at(apb2.timeOf(32));
        assertEquals(List.of(0xBE, 0xEF), dev.seen);
        assertEquals(0xA5BE, spi.read(DR, 4));
    }

    @Test void lsbFirstReversesBitsOnTheWire() {
        Loopback dev = new Loopback();
        dev.last = 0x80; // device sends 1000_0000 on the wire: LSB-first means value 0x01
        spi.attach(dev);
        master(0, LSBFIRST);
        spi.write(DR, 4, 0x01);
        at(spi.frameTime());
        assertEquals(List.of(0x80), dev.seen);
        assertEquals(0x01, spi.read(DR, 4));
    }

    @Test void nothingMovesUntilSpeSet() {
        Loopback dev = new Loopback();
        spi.attach(dev);
        spi.write(CR1, 4, MSTR | SSM | SSI);
        spi.write(DR, 4, 0x55);
        at(1_000_000);
        assertTrue(dev.seen.isEmpty());
        assertEquals(0, spi.read(SR, 4) & TXE);
        master(0, 0);
        at(sched.now() + spi.frameTime());
        assertEquals(List.of(0x55), dev.seen);
    }

    @Test void interrupts() {
        spi.attach(new Loopback());
        master(0, 0);
        spi.write(CR2, 4, RXNEIE);
        spi.write(DR, 4, 1);
        assertTrue(irq.isEmpty());
        at(spi.frameTime());
        assertEquals(List.of(true), irq);
        spi.read(DR, 4);
        assertEquals(List.of(true, false), irq);
        spi.write(CR2, 4, TXEIE);
        assertEquals(List.of(true, false, true), irq);
    }

    @Test void modeFaultWithInternalNssLow() {
        spi.write(CR1, 4, MSTR | SSM | SPE); // SSI = 0
        assertEquals(MODF, spi.read(SR, 4) & MODF);
        assertEquals(SSM, spi.read(CR1, 4), "SPE and MSTR cleared");
        spi.write(CR1, 4, MSTR | SSM | SSI | SPE); // SR was read: this write clears MODF
        assertEquals(0, spi.read(SR, 4) & MODF);
        assertEquals(GuestLog.Kind.GUEST_ERROR, log.entries().getFirst().kind());
    }

    @Test void ssoeDrivesNss() {
        Wire nss = new Wire("NSS", true);
        spi.setNssOutput(nss);
        spi.write(CR2, 4, SSOE);
        spi.write(CR1, 4, MSTR | SPE);
        assertFalse(nss.isHigh());
        spi.write(CR1, 4, MSTR);
        assertTrue(nss.isHigh());
    }
}
