package io.twinboard.periph.esp8266;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.periph.signal.Wire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class Esp8266GpioTest {
    static final int OUT = 0x00, OUT_W1TS = 0x04, OUT_W1TC = 0x08, ENABLE = 0x0C, ENABLE_W1TS = 0x10,
            ENABLE_W1TC = 0x14, IN = 0x18, STATUS = 0x1C, STATUS_W1TS = 0x20, STATUS_W1TC = 0x24, PIN0 = 0x28;
    static final int RISING = 1, FALLING = 2, ANY = 3, LOW = 4;

    GuestLog log;
    IrqProbe irq;
    Esp8266Gpio gpio;
    Wire rst, intn, cs;

    @BeforeEach void setUp() {
        log = new GuestLog(null);
        irq = new IrqProbe();
        gpio = new Esp8266Gpio(irq, log);
        rst = gpio.pin(4);
        cs = gpio.pin(15);
        gpio.connectExternalDriver(5);
        intn = gpio.pin(5); // driven by the W5500 in these tests
    }

    static int pinConf(int intType) { return intType << 7; }

    @Test void outputsDriveWiresOnlyWhenEnabled() {
        gpio.write(OUT_W1TC, 4, 1 << 4);
        assertTrue(rst.isHigh(), "not an output yet");
        gpio.write(ENABLE_W1TS, 4, 1 << 4 | 1 << 15);
        assertFalse(rst.isHigh());
        assertFalse(cs.isHigh(), "GPIO_OUT resets to 0");
        gpio.write(OUT_W1TS, 4, 1 << 4 | 1 << 15);
        assertTrue(rst.isHigh());
        assertTrue(cs.isHigh());
        assertEquals(1 << 4 | 1 << 15, gpio.read(OUT, 4) & 0xFFFF);
        assertEquals(1 << 4 | 1 << 15, gpio.read(ENABLE, 4) & 0xFFFF);
        gpio.write(OUT, 4, 0);
        assertFalse(cs.isHigh());
        gpio.write(ENABLE_W1TC, 4, 1 << 15);
        assertTrue(cs.isHigh(), "released pad returns to its pull-up");
    }

    @Test void externallyDrivenPadIsNeverDrivenByTheGpio() {
        gpio.write(ENABLE_W1TS, 4, 1 << 5);
        gpio.write(OUT_W1TC, 4, 1 << 5);
        assertTrue(intn.isHigh());
        assertEquals(1, log.entries().size(), "reported as a guest error");
        intn.drive(false);
        assertEquals(0, gpio.read(IN, 4) & 1 << 5);
    }

    @Test void inputReadsTheWires() {
        assertEquals(0xFFFF, gpio.read(IN, 4) & 0xFFFF, "pads idle high");
        intn.drive(false);
        assertEquals(0xFFFF & ~(1 << 5), gpio.read(IN, 4) & 0xFFFF);
        gpio.write(ENABLE_W1TS, 4, 1 << 4);
        assertEquals(0xFFFF & ~(1 << 5 | 1 << 4), gpio.read(IN, 4) & 0xFFFF, "an output reads back its pad");
    }

    @Test void fallingEdgeOnIntnRaisesGpioInterrupt() {
        gpio.write(PIN0 + 4 * 5, 4, pinConf(FALLING));
        intn.drive(false);
        assertTrue(irq.high);
        assertEquals(1 << 5, gpio.read(STATUS, 4));
        gpio.write(STATUS_W1TC, 4, 1 << 5);
        assertFalse(irq.high);
        intn.drive(true);
        assertFalse(irq.high, "rising edge ignored");
        intn.drive(false);
        assertTrue(irq.high);
        assertEquals(2, irq.rises);
    }

    @Test void edgeTypes() {
        gpio.write(PIN0 + 4 * 5, 4, pinConf(RISING));
        intn.drive(false);
        assertFalse(irq.high);
        intn.drive(true);
        assertTrue(irq.high);
        gpio.write(STATUS_W1TC, 4, 0xFFFF);
        gpio.write(PIN0 + 4 * 5, 4, pinConf(ANY));
        intn.drive(false);
        assertTrue(irq.high);
        gpio.write(STATUS, 4, 0);
        assertFalse(irq.high);
        intn.drive(true);
        assertTrue(irq.high);
    }

    @Test void lowLevelInterruptReassertsWhileLow() {
        intn.drive(false);
        gpio.write(PIN0 + 4 * 5, 4, pinConf(LOW));
        assertTrue(irq.high, "level already holds");
        gpio.write(STATUS_W1TC, 4, 1 << 5);
        assertTrue(irq.high, "still low: set again");
        intn.drive(true);
        gpio.write(STATUS_W1TC, 4, 1 << 5);
        assertFalse(irq.high);
    }

    @Test void softwareCanSetStatus() {
        gpio.write(STATUS_W1TS, 4, 1 << 2);
        assertTrue(irq.high);
        assertTrue(gpio.interruptPending());
    }

    @Test void ioMuxDecidesWhoDrivesThePad() {
        gpio = new Esp8266Gpio(irq, log);
        cs = gpio.pin(15);
        Esp8266IoMux mux = new Esp8266IoMux(log);
        gpio.setIoMux(mux);
        gpio.write(ENABLE_W1TS, 4, 1 << 15);
        gpio.write(OUT_W1TS, 4, 1 << 15);
        gpio.write(OUT_W1TC, 4, 1 << 15);
        assertTrue(cs.isHigh(), "MTDO resets to function 0 (not GPIO): GPIO does not drive it");
        mux.write(0x10, 4, 3 << 4); // FUNC_GPIO15
        assertFalse(cs.isHigh(), "selecting the GPIO function drives the current output");
        assertTrue(mux.isGpio(15));
        mux.write(0x10, 4, 2 << 4); // FUNC_HSPI_CS0
        assertEquals(Esp8266IoMux.FUNC_HSPI, mux.function(15));
        // GPIO4 is a GPIO in function 0.
        assertTrue(mux.isGpio(4));
        mux.write(0x3C, 4, 1 << 8); // function 4
        assertEquals(4, mux.function(4));
        assertTrue(log.entries().isEmpty());
        mux.write(0x3C, 4, 1 << 7); // PIN_PULLUP_EN: modelled
        assertTrue(log.entries().isEmpty());
        mux.write(0x3C, 4, 1 << 6); // pull-down: declared unmodelled
        assertEquals(GuestLog.Kind.UNIMPLEMENTED, log.entries().getFirst().kind());
    }
}
