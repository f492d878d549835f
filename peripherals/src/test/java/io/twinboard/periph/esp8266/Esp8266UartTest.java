package io.twinboard.periph.esp8266;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Esp8266UartTest {
    static final int FIFO = 0x00, INT_RAW = 0x04, INT_ST = 0x08, INT_ENA = 0x0C, INT_CLR = 0x10,
            CLKDIV = 0x14, STATUS = 0x1C, CONF0 = 0x20, CONF1 = 0x24, DATE = 0x78;
    /** One APB cycle at 80 MHz. */
    static final long CYCLE_PS = 12_500;

    Scheduler scheduler;
    GuestLog log;
    IrqProbe irq;
    Esp8266Uart uart;
    List<Integer> sent;
    List<Long> sentAt;

    @BeforeEach void setUp() {
        scheduler = new Scheduler();
        log = new GuestLog(null);
        irq = new IrqProbe();
        uart = new Esp8266Uart("UART0", scheduler, new ClockDomain("apb", 80_000_000), irq, log);
        sent = new ArrayList<>();
        sentAt = new ArrayList<>();
        uart.setSink(b -> { sent.add(b); sentAt.add(scheduler.now()); });
    }

    @Test void resetValuesFromTheSdkHeaders() {
        assertEquals(0x2B6, uart.read(CLKDIV, 4));
        assertEquals(0x1C, uart.read(CONF0, 4));
        assertEquals(0x062000, uart.read(DATE, 4));
        assertEquals(0, uart.read(STATUS, 4) & 0x00FF_00FF);
    }

    @Test void bytesLeaveAtTheBaudRateOneFrameEach() {
        uart.write(CLKDIV, 4, 694); // 115200 baud at 80 MHz
        for (int b : new int[] {'O', 'K', '\n'}) uart.write(FIFO, 4, b);
        long frame = 10 * 694 * CYCLE_PS; // start + 8 data + 1 stop
        scheduler.advanceTo(frame - 1);
        assertTrue(sent.isEmpty(), "nothing before the first stop bit ends");
        scheduler.advanceTo(10 * frame);
        assertEquals(List.of((int) 'O', (int) 'K', (int) '\n'), sent);
        assertEquals(List.of(frame, 2 * frame, 3 * frame), sentAt);
    }

    @Test void frameFormatChangesTheFrameTime() {
        uart.write(CLKDIV, 4, 100);
        // 7 data bits (BIT_NUM=2), parity enabled, 2 stop bits (STOP_BIT_NUM=3): 1+7+1+2 = 11 bits.
        uart.write(CONF0, 4, (3 << 4) | (2 << 2) | 0b10);
        uart.write(FIFO, 4, 0x55);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertEquals(List.of(11 * 100 * CYCLE_PS), sentAt);
        // 1.5 stop bits with 8N: 1+8+1.5 = 10.5 bits.
        uart.write(CONF0, 4, (2 << 4) | (3 << 2));
        long t0 = scheduler.now();
        uart.write(FIFO, 4, 0x55);
        scheduler.advanceTo(t0 + VirtualTimeHelper.MS);
        assertEquals(t0 + 21 * 100 * CYCLE_PS / 2, sentAt.get(1));
    }

    @Test void txFifoCountExcludesTheByteBeingShifted() {
        uart.write(CLKDIV, 4, 80);
        for (int i = 0; i < 10; i++) uart.write(FIFO, 1, i);
        assertEquals(9, txCount());
        assertEquals(0, uart.read(STATUS, 4) >>> 31, "TXD is low while a frame is on the line");
        long frame = 10 * 80 * CYCLE_PS;
        scheduler.advanceTo(frame);
        assertEquals(8, txCount());
        scheduler.advanceTo(10 * frame);
        assertEquals(0, txCount());
        assertEquals(1, uart.read(STATUS, 4) >>> 31);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sent);
    }

    @Test void fullTxFifoDropsAndReportsTheGuestError() {
        for (int i = 0; i < 129; i++) uart.write(FIFO, 4, i); // 1 shifting + 128 waiting
        assertEquals(128, txCount());
        assertTrue(log.entries().isEmpty());
        uart.write(FIFO, 4, 0xEE);
        assertEquals(128, txCount());
        assertEquals(1, log.entries().size());
        scheduler.advanceTo(VirtualTimeHelper.S);
        assertEquals(129, sent.size());
        assertFalse(sent.contains(0xEE));
    }

    @Test void txFifoEmptyInterruptWhenBelowThreshold() {
        uart.write(CLKDIV, 4, 80);
        uart.write(CONF1, 4, 16 << 8 | 0x60); // TXFIFO_EMPTY_THRHD = 16
        for (int i = 0; i < 21; i++) uart.write(FIFO, 4, i); // 20 waiting
        uart.write(INT_CLR, 4, 0x1FF);
        uart.write(INT_ENA, 4, Esp8266Uart.INT_TXFIFO_EMPTY);
        assertFalse(irq.high);
        long frame = 10 * 80 * CYCLE_PS;
        scheduler.advanceTo(4 * frame); // 16 waiting: not yet below
        assertFalse(irq.high);
        scheduler.advanceTo(5 * frame); // 15 waiting
        assertTrue(irq.high);
        assertEquals(Esp8266Uart.INT_TXFIFO_EMPTY, uart.read(INT_ST, 4));
        uart.write(INT_CLR, 4, Esp8266Uart.INT_TXFIFO_EMPTY);
        assertTrue(irq.high, "condition still holds, the raw bit sets again");
        uart.write(INT_ENA, 4, 0);
        assertFalse(irq.high);
    }

    @Test void receivedBytesAreReadInOrderAndCounted() {
        for (int b : new int[] {0x31, 0x32, 0x33}) assertTrue(uart.receive(b));
        assertEquals(3, uart.read(STATUS, 4) & 0xFF);
        assertEquals(0x31, uart.read(FIFO, 4));
        assertEquals(0x32, uart.read(FIFO, 1));
        assertEquals(1, uart.read(STATUS, 4) & 0xFF);
        assertEquals(0x33, uart.read(FIFO, 4));
        assertEquals(0, uart.read(STATUS, 4) & 0xFF);
    }

    @Test void rxFullInterruptAboveThresholdAndOverflow() {
        uart.write(CONF1, 4, 2); // RXFIFO_FULL_THRHD = 2
        uart.write(INT_ENA, 4, Esp8266Uart.INT_RXFIFO_FULL | Esp8266Uart.INT_RXFIFO_OVF);
        uart.receive(1);
        uart.receive(2);
        assertFalse(irq.high);
        uart.receive(3);
        assertTrue(irq.high);
        for (int i = 0; i < 3; i++) uart.read(FIFO, 4);
        uart.write(INT_CLR, 4, Esp8266Uart.INT_RXFIFO_FULL);
        assertFalse(irq.high);
        for (int i = 0; i < 128; i++) assertTrue(uart.receive(i));
        uart.write(INT_CLR, 4, 0x1FF);
        assertTrue(irq.high, "128 > threshold keeps RXFIFO_FULL");
        assertFalse(uart.receive(0xFF));
        assertEquals(Esp8266Uart.INT_RXFIFO_OVF, uart.read(INT_RAW, 4) & Esp8266Uart.INT_RXFIFO_OVF);
    }

    @Test void rxTimeoutAfterThresholdFrameTimes() {
        uart.write(CLKDIV, 4, 80);
        uart.write(CONF1, 4, (1 << 31) | (3 << 24) | 0x60); // timeout 3 frame times
        uart.write(INT_ENA, 4, Esp8266Uart.INT_RXFIFO_TOUT);
        uart.receive('a');
        long frame = 10 * 80 * CYCLE_PS;
        scheduler.advanceTo(3 * frame - 1);
        assertFalse(irq.high);
        scheduler.advanceTo(3 * frame);
        assertTrue(irq.high);
        assertEquals(1, irq.rises);
    }

    @Test void fifoResetBitsEmptyTheFifos() {
        uart.receive(1);
        uart.write(CLKDIV, 4, 1000);
        uart.write(FIFO, 4, 1);
        uart.write(FIFO, 4, 2);
        uart.write(CONF0, 4, 0x1C | (1 << 17) | (1 << 18));
        uart.write(CONF0, 4, 0x1C);
        assertEquals(0, uart.read(STATUS, 4) & 0x00FF_00FF);
    }

    @Test void drainDeliversInFlightBytesAtOnce() {
        for (int b : new int[] {'b', 'y', 'e'}) uart.write(FIFO, 4, b);
        assertEquals(3, uart.drain());
        assertEquals(List.of((int) 'b', (int) 'y', (int) 'e'), sent);
        assertEquals(0, txCount());
        scheduler.advanceTo(VirtualTimeHelper.S);
        assertEquals(3, sent.size(), "nothing delivered twice");
    }

    private int txCount() { return (uart.read(STATUS, 4) >>> 16) & 0xFF; }
}
