package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;

import java.util.function.IntConsumer;

/**
 * ESP8266 UART0 (0x60000000) / UART1 (0x60000F00); both raise core interrupt
 * {@link Esp8266Map#INUM_UART} (5) through a {@link SharedIrqLine}.
 *
 * <p>Register map from the ESP8266 Technical Reference ch. 11 (UART) and the SDK's
 * {@code uart_register.h}: FIFO 0x00, INT_RAW 0x04, INT_ST 0x08, INT_ENA 0x0C, INT_CLR 0x10,
 * CLKDIV 0x14, AUTOBAUD 0x18, STATUS 0x1C, CONF0 0x20, CONF1 0x24, LOWPULSE 0x28, HIGHPULSE 0x2C,
 * RXD_CNT 0x30, DATE 0x78, ID 0x7C.
 *
 * <p>Model: 128-byte TX and RX FIFOs. Baud rate = APB (80 MHz) / CLKDIV. A byte written to the
 * FIFO moves into the shift register as soon as the transmitter is idle (so STATUS.TXFIFO_CNT
 * counts only bytes still waiting) and reaches the console sink when its stop bit ends: one
 * frame = 1 start + 5..8 data + optional parity + 1/1.5/2 stop bits (CONF0), in virtual time.
 * Received bytes ({@link #receive}) enter the RX FIFO at once; the host paces them.
 *
 * <p>Interrupt raw bits modelled: RXFIFO_FULL (set while RX count &gt; CONF1.RXFIFO_FULL_THRHD),
 * TXFIFO_EMPTY (set while TX count &lt; CONF1.TXFIFO_EMPTY_THRHD), RXFIFO_OVF, RXFIFO_TOUT (after
 * CONF1.RX_TOUT_THRHD frame times without a new byte while data waits, when RX_TOUT_EN). The two
 * threshold conditions are re-evaluated after INT_CLR, so clearing them while the condition holds
 * sets them again (as the SDK ISRs expect: they disable the enable bit, not just clear).
 * Interrupt output = (INT_RAW &amp; INT_ENA) != 0. Parity/frame errors, break, flow control,
 * loopback, autobaud and signal inversion are declared unmodelled.
 */
public final class Esp8266Uart implements MmioDevice {
    public static final int FIFO_BYTES = 128;

    public static final int INT_RXFIFO_FULL = 1, INT_TXFIFO_EMPTY = 1 << 1, INT_PARITY_ERR = 1 << 2,
            INT_FRM_ERR = 1 << 3, INT_RXFIFO_OVF = 1 << 4, INT_DSR_CHG = 1 << 5, INT_CTS_CHG = 1 << 6,
            INT_BRK_DET = 1 << 7, INT_RXFIFO_TOUT = 1 << 8;
    private static final int INT_ALL = 0x1FF;
    private static final int CONF0_RXFIFO_RST = 1 << 17, CONF0_TXFIFO_RST = 1 << 18;
    private static final int CONF1_RX_TOUT_EN = 1 << 31;

    private final String name;
    private final Scheduler scheduler;
    private final ClockDomain apb;
    private final GuestLog log;
    private final IrqLine irq;
    private IntConsumer sink = b -> {};

    private final RegisterBank regs;
    private Register intRaw, intEna, clkdiv, conf0, conf1;

    private final byte[] txFifo = new byte[FIFO_BYTES];
    private int txHead, txCount;
    private final byte[] rxFifo = new byte[FIFO_BYTES];
    private int rxHead, rxCount;
    private boolean shifting;
    private int shiftByte;
    private Scheduler.Event frameEnd;
    private Scheduler.Event rxTimeout;
    private boolean irqLevel;
    private final Runnable frameSent = this::frameSent;
    private final String frameEventName, timeoutEventName;
    private final Runnable rxTimedOut = this::rxTimedOut;

    /**
     * @param name  "UART0" or "UART1" (for logs)
     * @param apb   the 80 MHz APB clock the baud divider counts
     * @param irq   this UART's input of the shared UART interrupt (core interrupt 5)
     */
    public Esp8266Uart(String name, Scheduler scheduler, ClockDomain apb, IrqLine irq, GuestLog log) {
        this.name = name;
        this.scheduler = scheduler;
        this.apb = apb;
        this.irq = irq;
        this.log = log;
        frameEventName = name + " TX frame";
        timeoutEventName = name + " RX timeout";
        regs = new RegisterBank(name, 0x100, log);
        regs.reg(0x00, "UART_FIFO").readOnly().field("RXFIFO_RD_BYTE", 0, 8)
                .onRead(this::popRx).onWrite((o, n, w) -> pushTx(w & 0xFF));
        intRaw = regs.reg(0x04, "UART_INT_RAW").readOnly()
                .field("RXFIFO_FULL", 0, 1).field("TXFIFO_EMPTY", 1, 1).field("PARITY_ERR", 2, 1)
                .field("FRM_ERR", 3, 1).field("RXFIFO_OVF", 4, 1).field("DSR_CHG", 5, 1)
                .field("CTS_CHG", 6, 1).field("BRK_DET", 7, 1).field("RXFIFO_TOUT", 8, 1);
        regs.reg(0x08, "UART_INT_ST").readOnly().onRead(() -> intRaw.get() & intEna.get());
        intEna = regs.reg(0x0C, "UART_INT_ENA").writeMask(INT_ALL).onWrite((o, n, w) -> updateIrq());
        regs.reg(0x10, "UART_INT_CLR").readOnly().onWrite((o, n, w) -> clearInterrupts(w & INT_ALL));
        // Reset 0x2B6 = 694: 115200 baud at 80 MHz.
        clkdiv = regs.reg(0x14, "UART_CLKDIV").reset(0x2B6).writeMask(0xFFFFF).field("CLKDIV_CNT", 0, 20);
        regs.reg(0x18, "UART_AUTOBAUD").reset(0x1000).writeMask(0xFF01)
                .field("AUTOBAUD_EN", 0, 1).field("GLITCH_FILT", 8, 8)
                .unmodelled(0x1, "baud-rate detection");
        regs.reg(0x1C, "UART_STATUS").readOnly().onRead(this::status)
                .field("RXFIFO_CNT", 0, 8).field("DSRN", 13, 1).field("CTSN", 14, 1).field("RXD", 15, 1)
                .field("TXFIFO_CNT", 16, 8).field("DTRN", 29, 1).field("RTSN", 30, 1).field("TXD", 31, 1);
        // Reset 0x1C: 8 data bits, 1 stop bit, no parity.
        conf0 = regs.reg(0x20, "UART_CONF0").reset(0x1C).writeMask(0x01FE_FFFF)
                .field("PARITY", 0, 1).field("PARITY_EN", 1, 1).field("BIT_NUM", 2, 2).field("STOP_BIT_NUM", 4, 2)
                .field("SW_RTS", 6, 1).field("SW_DTR", 7, 1).field("TXD_BRK", 8, 1).field("LOOPBACK", 14, 1)
                .field("TX_FLOW_EN", 15, 1).field("RXFIFO_RST", 17, 1).field("TXFIFO_RST", 18, 1)
                .field("INV", 19, 6)
                .unmodelled(0x01F0_C1C0, "break, loopback, flow control, modem lines and signal inversion")
                .onWrite((o, n, w) -> conf0Written(n));
        conf1 = regs.reg(0x24, "UART_CONF1").reset(0x0000_6060).writeMask(0xFFFF_7F7F)
                .field("RXFIFO_FULL_THRHD", 0, 7).field("TXFIFO_EMPTY_THRHD", 8, 7)
                .field("RX_FLOW_THRHD", 16, 7).field("RX_FLOW_EN", 23, 1)
                .field("RX_TOUT_THRHD", 24, 7).field("RX_TOUT_EN", 31, 1)
                .unmodelled(0x00FF_0000, "RX hardware flow control")
                .onWrite((o, n, w) -> { evaluateLevels(); updateIrq(); });
        regs.reg(0x28, "UART_LOWPULSE").reset(0xFFFFF).readOnly().field("LOWPULSE_MIN_CNT", 0, 20);
        regs.reg(0x2C, "UART_HIGHPULSE").reset(0xFFFFF).readOnly().field("HIGHPULSE_MIN_CNT", 0, 20);
        regs.reg(0x30, "UART_RXD_CNT").readOnly().field("RXD_EDGE_CNT", 0, 10);
        // "version value: 32'h062000" (uart_register.h).
        regs.reg(0x78, "UART_DATE").reset(0x062000).readOnly();
        regs.reg(0x7C, "UART_ID").readOnly();
        evaluateLevels();
    }

    /** Where transmitted bytes go (0..255), each at the virtual time its stop bit ends. */
    public void setSink(IntConsumer sink) { this.sink = sink; }

    /**
     * A byte arrives from the host on RXD. Returns false (and sets RXFIFO_OVF) when the RX FIFO
     * is full; the byte is lost, as on the chip.
     */
    public boolean receive(int b) {
        boolean accepted;
        if (rxCount == FIFO_BYTES) {
            intRaw.set(intRaw.get() | INT_RXFIFO_OVF);
            accepted = false;
        } else {
            rxFifo[(rxHead + rxCount) % FIFO_BYTES] = (byte) b;
            rxCount++;
            accepted = true;
        }
        armRxTimeout();
        evaluateLevels();
        updateIrq();
        return accepted;
    }

    /**
     * Host side, e.g. when the firmware exits: hands the frame on the line and every byte still in
     * the TX FIFO to the sink now, without waiting for their virtual transmit time (the guest
     * cannot observe it any more). Returns the number of bytes delivered.
     */
    public int drain() {
        int n = 0;
        if (frameEnd != null) { frameEnd.cancel(); frameEnd = null; }
        if (shifting) { shifting = false; sink.accept(shiftByte); n++; }
        while (txCount > 0) {
            sink.accept(txFifo[txHead] & 0xFF);
            txHead = (txHead + 1) % FIFO_BYTES;
            txCount--;
            n++;
        }
        evaluateLevels();
        updateIrq();
        return n;
    }

    /** Free room in the RX FIFO (bytes), for hosts that pace their input. */
    public int rxFree() { return FIFO_BYTES - rxCount; }

    /** Bytes waiting in the TX FIFO (not counting the one being shifted out). */
    public int txFifoCount() { return txCount; }

    /** True while a frame is on the TX line. */
    public boolean transmitting() { return shifting; }

    /** True while INT_RAW &amp; INT_ENA is non-zero (the interrupt output). */
    public boolean interruptPending() { return irqLevel; }

    /** Duration (ps) of one frame with the current CLKDIV and CONF0 format. */
    public long frameTime() {
        int c0 = conf0.get();
        int dataBits = 5 + ((c0 >>> 2) & 3);
        int parity = (c0 >>> 1) & 1;
        int stopHalfBits = switch ((c0 >>> 4) & 3) { case 2 -> 3; case 3 -> 4; default -> 2; };
        int halfBits = 2 * (1 + dataBits + parity) + stopHalfBits;
        int div = clkdiv.get() & 0xFFFFF;
        if (div == 0) {
            log.guestError(name, "clkdiv0", "UART_CLKDIV is 0; timing as CLKDIV=1");
            div = 1;
        }
        return apb.durationOf((long) halfBits * div) / 2;
    }

    public RegisterBank registers() { return regs; }

    @Override public int read(int offset, int size) { return regs.read(offset, size); }

    @Override public void write(int offset, int size, int value) { regs.write(offset, size, value); }

    // ---- transmitter ----

    private void pushTx(int b) {
        if (txCount == FIFO_BYTES) {
            log.guestError(name, "txovf", "write to a full TX FIFO (128 bytes); byte dropped");
            return;
        }
        txFifo[(txHead + txCount) % FIFO_BYTES] = (byte) b;
        txCount++;
        if (!shifting) startFrame();
        evaluateLevels();
        updateIrq();
    }

    private void startFrame() {
        if (txCount == 0) { shifting = false; return; }
        shiftByte = txFifo[txHead] & 0xFF;
        txHead = (txHead + 1) % FIFO_BYTES;
        txCount--;
        shifting = true;
        frameEnd = scheduler.scheduleIn(frameTime(), frameEventName, frameSent);
    }

    private void frameSent() {
        frameEnd = null;
        shifting = false;
        sink.accept(shiftByte);
        startFrame();
        evaluateLevels();
        updateIrq();
    }

    // ---- receiver ----

    private int popRx() {
        if (rxCount == 0) {
            log.guestError(name, "rxempty", "read of UART_FIFO with an empty RX FIFO (reads 0)");
            return 0;
        }
        int b = rxFifo[rxHead] & 0xFF;
        rxHead = (rxHead + 1) % FIFO_BYTES;
        rxCount--;
        // Condition-type bits follow the FIFO level only when re-evaluated: the guest still has
        // to clear RXFIFO_FULL in INT_CLR, as on the chip.
        return b;
    }

    private void armRxTimeout() {
        if (rxTimeout != null) { rxTimeout.cancel(); rxTimeout = null; }
        int c1 = conf1.get();
        if ((c1 & CONF1_RX_TOUT_EN) == 0) return;
        int threshold = (c1 >>> 24) & 0x7F;
        rxTimeout = scheduler.scheduleIn(Math.max(1, threshold) * frameTime(), timeoutEventName, rxTimedOut);
    }

    private void rxTimedOut() {
        rxTimeout = null;
        if (rxCount > 0) {
            intRaw.set(intRaw.get() | INT_RXFIFO_TOUT);
            updateIrq();
        }
    }

    // ---- control ----

    private void conf0Written(int value) {
        if ((value & CONF0_TXFIFO_RST) != 0) { txHead = 0; txCount = 0; }
        if ((value & CONF0_RXFIFO_RST) != 0) { rxHead = 0; rxCount = 0; }
        evaluateLevels();
        updateIrq();
    }

    private void clearInterrupts(int mask) {
        intRaw.set(intRaw.get() & ~mask);
        evaluateLevels();
        updateIrq();
    }

    /** Sets the threshold-type raw bits whose condition holds now. */
    private void evaluateLevels() {
        int c1 = conf1.get();
        int raw = intRaw.get();
        if (rxCount > (c1 & 0x7F)) raw |= INT_RXFIFO_FULL;
        if (txCount < ((c1 >>> 8) & 0x7F)) raw |= INT_TXFIFO_EMPTY;
        intRaw.set(raw);
    }

    private void updateIrq() {
        boolean level = (intRaw.get() & intEna.get()) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    private int status() {
        // TXD reads 1 (idle, mark) between frames; RXD, CTSn, DSRn idle high.
        int s = rxCount | (txCount << 16) | (1 << 15) | (1 << 14) | (1 << 13);
        if (!shifting) s |= 1 << 31;
        return s;
    }
}
