package io.twinboard.periph.esp8266;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.periph.signal.Wire;
import io.twinboard.periph.spi.SpiDevice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Esp8266SpiTest {
    static final int CMD = 0x00, ADDR = 0x04, CTRL = 0x08, CLOCK = 0x18, USER = 0x1C, USER1 = 0x20,
            USER2 = 0x24, PIN = 0x2C, SLAVE = 0x30, W0 = 0x40, W8 = 0x60;
    static final int USR = 1 << 18;
    static final int U_DUPLEX = 1, U_CS_SETUP = 1 << 5, U_CS_HOLD = 1 << 4, U_RD_BE = 1 << 10, U_WR_BE = 1 << 11,
            U_MOSI = 1 << 27, U_MISO = 1 << 28, U_DUMMY = 1 << 29, U_ADDR = 1 << 30, U_CMD = 1 << 31;
    static final long CYCLE_PS = 12_500;

    /** Records MOSI and chip-select; answers from a script, or does not drive while deselected. */
    static final class Recorder implements SpiDevice {
        final List<Integer> mosi = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        boolean selected;
        boolean requireSelect;
        int next = 0xA0;

        @Override public int exchange(int b) {
            if (requireSelect && !selected) return NOT_DRIVEN;
            mosi.add(b);
            return next++;
        }

        @Override public void chipSelect(boolean sel) { selected = sel; events.add(sel ? "select" : "deselect"); }
    }

    Scheduler scheduler;
    GuestLog log;
    IrqProbe irq;
    Esp8266Spi spi;
    Recorder dev;

    @BeforeEach void setUp() {
        scheduler = new Scheduler();
        log = new GuestLog(null);
        irq = new IrqProbe();
        spi = new Esp8266Spi("HSPI", scheduler, new ClockDomain("apb", 80_000_000), irq, log);
        dev = new Recorder();
        spi.attach(dev, null);
        spi.write(CLOCK, 4, clock(0, 3)); // 80 MHz / 4 = 20 MHz
    }

    static int clock(int pre, int n) { return pre << 18 | n << 12 | ((n + 1) / 2 - 1) << 6 | n; }

    static int user1(int addrBits, int mosiBits, int misoBits, int dummy) {
        return (addrBits - 1) << 26 | (mosiBits - 1) << 17 | (misoBits - 1) << 8 | (dummy - 1);
    }

    @Test void fullDuplexWordExchangesLittleEndianBytesMsbFirst() {
        spi.write(W0, 4, 0x4433_2211);
        spi.write(USER, 4, U_MOSI | U_MISO | U_DUPLEX);
        spi.write(USER1, 4, user1(1, 32, 32, 1));
        spi.write(CMD, 4, USR);
        assertEquals(USR, spi.read(CMD, 4) & USR, "busy until the bits have been clocked");
        long end = 32 * 4 * CYCLE_PS; // 32 bits at 20 MHz = 1.6 us
        scheduler.advanceTo(end - 1);
        assertEquals(USR, spi.read(CMD, 4) & USR);
        assertTrue(dev.mosi.isEmpty(), "bytes reach the device when they have been clocked");
        scheduler.advanceTo(end);
        assertEquals(0, spi.read(CMD, 4) & USR);
        assertEquals(List.of(0x11, 0x22, 0x33, 0x44), dev.mosi);
        assertEquals(0xA3A2_A1A0, spi.read(W0, 4));
        assertEquals(1, spi.transactions());
    }

    @Test void commandAddressAndDataPhasesInWireOrder() {
        // W5500-style frame: 16-bit address, 8-bit control as command-less address+data.
        spi.write(USER, 4, U_CMD | U_ADDR | U_MOSI);
        spi.write(USER2, 4, (8 - 1) << 28 | 0xAB);
        spi.write(ADDR, 4, 0x1234 << 16); // address is left-aligned, sent from bit 31
        spi.write(USER1, 4, user1(16, 16, 1, 1));
        spi.write(W0, 4, 0xBBAA);
        spi.write(CMD, 4, USR);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertEquals(List.of(0xAB, 0x12, 0x34, 0xAA, 0xBB), dev.mosi);
    }

    @Test void sixteenBitCommandGoesLowByteFirst() {
        spi.write(USER, 4, U_CMD);
        spi.write(USER2, 4, (16 - 1) << 28 | 0x3412);
        spi.write(CMD, 4, USR);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertEquals(List.of(0x12, 0x34), dev.mosi);
    }

    @Test void halfDuplexReadFollowsWriteAndFillsTheBuffer() {
        spi.write(W0, 4, 0x0F);
        spi.write(W8, 4, 0xDEAD_BEEF);
        spi.write(USER, 4, U_MOSI | U_MISO | U_DUMMY);
        spi.write(USER1, 4, user1(1, 8, 24, 8));
        spi.write(CMD, 4, USR);
        long end = (8 + 8 + 24) * 4 * CYCLE_PS;
        scheduler.advanceTo(end);
        assertEquals(0, spi.read(CMD, 4) & USR);
        // Phase order command, address, dummy, MOSI, MISO: a dummy byte of zeros, MOSI 0x0F,
        // then 3 bytes sent as zeros while reading.
        assertEquals(List.of(0x00, 0x0F, 0x00, 0x00, 0x00), dev.mosi);
        // Answers A0 (dummy), A1 (to 0x0F), then A2 A3 A4 captured; W0's top byte is kept.
        assertEquals(0x00A4_A3A2, spi.read(W0, 4));
        assertEquals(0xDEAD_BEEF, spi.read(W8, 4), "high part untouched");
    }

    @Test void highPartAndBigEndianByteOrder() {
        spi.write(W8, 4, 0x1122_3344);
        spi.write(USER, 4, U_MOSI | U_MISO | U_DUPLEX | 1 << 25 | 1 << 24 | U_WR_BE | U_RD_BE);
        spi.write(USER1, 4, user1(1, 32, 32, 1));
        spi.write(CMD, 4, USR);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertEquals(List.of(0x11, 0x22, 0x33, 0x44), dev.mosi);
        assertEquals(0xA0A1_A2A3, spi.read(W8, 4));
        assertEquals(0, spi.read(W0, 4));
    }

    @Test void lsbFirstBitOrder() {
        spi.write(CTRL, 4, 1 << 26 | 1 << 25);
        spi.write(W0, 4, 0x01);
        spi.write(USER, 4, U_MOSI | U_MISO | U_DUPLEX);
        spi.write(USER1, 4, user1(1, 8, 8, 1));
        spi.write(CMD, 4, USR);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertEquals(List.of(0x80), dev.mosi);
        assertEquals(Integer.reverse(0xA0) >>> 24, spi.read(W0, 4));
    }

    @ParameterizedTest(name = "pre={0} n={1} sysclk={2}: {3} ps for 8 bits")
    @CsvSource({
            "0, 0, false, 100000",     // 80 MHz
            "0, 0, true, 100000",      // CLK_EQU_SYSCLK
            "0, 3, false, 400000",     // 20 MHz
            "1, 9, false, 2000000",    // 80/2/10 = 4 MHz
            "9, 7, false, 8000000"})   // 80/10/8 = 1 MHz
    void transactionTimeFollowsTheClockDividers(int pre, int n, boolean sysclk, long expectedPs) {
        spi.write(CLOCK, 4, clock(pre, n) | (sysclk ? 1 << 31 : 0));
        spi.write(USER, 4, U_MOSI);
        spi.write(USER1, 4, user1(1, 8, 1, 1));
        spi.write(CMD, 4, USR);
        scheduler.advanceTo(expectedPs - 1);
        assertEquals(USR, spi.read(CMD, 4) & USR);
        scheduler.advanceTo(expectedPs);
        assertEquals(0, spi.read(CMD, 4) & USR);
    }

    @Test void csSetupAndHoldAddOneClockEach() {
        spi.write(USER, 4, U_MOSI | U_CS_SETUP | U_CS_HOLD);
        spi.write(USER1, 4, user1(1, 8, 1, 1));
        spi.write(CMD, 4, USR);
        scheduler.advanceTo(10 * 4 * CYCLE_PS - 1);
        assertEquals(USR, spi.read(CMD, 4) & USR);
        scheduler.advanceTo(10 * 4 * CYCLE_PS);
        assertEquals(0, spi.read(CMD, 4) & USR);
    }

    @Test void hardwareCs0DrivesTheWireForTheTransaction() {
        Wire cs = new Wire("GPIO15", true);
        Recorder w5500 = new Recorder();
        w5500.requireSelect = true;
        Esp8266Spi hspi = new Esp8266Spi("HSPI", scheduler, new ClockDomain("apb", 80_000_000), irq, log);
        hspi.attach(w5500, cs);
        Esp8266IoMux mux = new Esp8266IoMux(log);
        hspi.connectCs0(cs, () -> mux.function(15) == Esp8266IoMux.FUNC_HSPI);
        mux.write(0x10, 4, 2 << 4); // MTDO = function 2: HSPI_CS0
        hspi.write(USER, 4, U_MOSI);
        hspi.write(USER1, 4, user1(1, 16, 1, 1));
        hspi.write(W0, 4, 0x0201);
        hspi.write(CMD, 4, USR);
        assertFalse(cs.isHigh(), "CS0 low from the start of the transaction");
        assertTrue(w5500.selected);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertTrue(cs.isHigh());
        assertEquals(List.of(1, 2), w5500.mosi);
        assertEquals(List.of("select", "deselect"), w5500.events);

        // CS0_DIS: the firmware drives chip select itself; the controller leaves the wire alone.
        hspi.write(PIN, 4, 1);
        hspi.write(USER, 4, U_MOSI | U_MISO | U_DUPLEX);
        hspi.write(USER1, 4, user1(1, 16, 16, 1));
        hspi.write(CMD, 4, USR);
        assertTrue(cs.isHigh());
        scheduler.advanceTo(2 * VirtualTimeHelper.MS);
        assertEquals(2, w5500.mosi.size(), "deselected device saw nothing");
        assertEquals(0xFFFF, hspi.read(W0, 4) & 0xFFFF, "undriven MISO reads 1s");
    }

    @Test void bitBangedCsOnAGpioPadIsLeftToTheGpio() {
        Esp8266IoMux mux = new Esp8266IoMux(log);
        Esp8266Gpio gpio = new Esp8266Gpio(new IrqProbe(), log);
        gpio.setIoMux(mux);
        Wire cs = gpio.pin(15);
        spi.connectCs0(cs, () -> mux.function(15) == Esp8266IoMux.FUNC_HSPI);
        mux.write(0x10, 4, 3 << 4); // MTDO = function 3: GPIO15
        gpio.write(0x10, 4, 1 << 15); // ENABLE_W1TS
        gpio.write(0x08, 4, 1 << 15); // OUT_W1TC: CS low
        assertFalse(cs.isHigh());
        spi.write(USER, 4, U_MOSI);
        spi.write(USER1, 4, user1(1, 8, 1, 1));
        spi.write(CMD, 4, USR);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertFalse(cs.isHigh(), "SPI did not raise a CS it does not own");
        spi.write(CMD, 4, USR);
        scheduler.advanceTo(2 * VirtualTimeHelper.MS);
        assertFalse(cs.isHigh());
        gpio.write(0x04, 4, 1 << 15);
        assertTrue(cs.isHigh());
        // Handing the pad to HSPI: the controller idles it high even after a GPIO low.
        gpio.write(0x08, 4, 1 << 15);
        assertFalse(cs.isHigh());
        mux.onFunctionChange(spi::refreshCs0);
        mux.write(0x10, 4, 2 << 4);
        assertTrue(cs.isHigh());
    }

    @Test void transDoneInterruptWhenEnabled() {
        spi.write(SLAVE, 4, 1 << 9); // TRANS_INTEN
        spi.write(USER, 4, U_MOSI);
        spi.write(USER1, 4, user1(1, 8, 1, 1));
        spi.write(CMD, 4, USR);
        assertFalse(irq.high);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertTrue(irq.high);
        assertTrue(spi.interruptPending());
        assertEquals(1 << 4, spi.read(SLAVE, 4) & 1 << 4);
        spi.write(SLAVE, 4, spi.read(SLAVE, 4) & ~(1 << 4));
        assertFalse(irq.high);
    }

    @Test void startWhileBusyIsAGuestErrorNotAnException() {
        spi.write(USER, 4, U_MOSI);
        spi.write(USER1, 4, user1(1, 8, 1, 1));
        spi.write(CMD, 4, USR);
        spi.write(CMD, 4, USR);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertEquals(1, spi.transactions());
        assertEquals(1, log.entries().size());
    }
}
