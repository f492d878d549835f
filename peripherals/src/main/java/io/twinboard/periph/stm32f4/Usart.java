package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;

import java.util.function.IntConsumer;

/**
 * USART in asynchronous mode (RM0090 §30, registers §30.6). Instances on the F429: USART1
 * 0x40011000 (APB2, IRQ 37), USART2 0x40004400 (APB1, IRQ 38), USART3 0x40004800 (APB1, IRQ 39;
 * the Nucleo-144 virtual COM port), USART6 0x40011400 (APB2, IRQ 71); see {@link Stm32f429Map}.
 *
 * <p>Timing in virtual time (§30.3.2, §30.3.4): one bit lasts {@code BRR} PCLK cycles with
 * OVER8 = 0, or {@code 8 × mantissa + fraction[2:0]} cycles with OVER8 = 1; a frame is start +
 * 8 or 9 (M) data bits + 0.5/1/1.5/2 stop bits (CR2.STOP), and starts on a PCLK edge.
 * <ul>
 *   <li>TX: a DR write with the shift register idle loads it at once (TXE stays 1, TC clears);
 *       the byte reaches the {@code txSink} when its frame ends, then a byte waiting in TDR is
 *       loaded (TXE sets) or, with none, TC sets. A write while TXE = 0 overwrites TDR
 *       (reported). The idle frame sent when TE is first set is not modelled.</li>
 *   <li>RX: {@link #receive} queues host bytes; each arrives one frame time after the
 *       previous one (or after now, when the line was idle), setting RXNE, or ORE when RXNE is
 *       still set (the new byte is lost, RDR keeps the old one, §30.6.1). IDLE sets one frame
 *       time after the last byte of a burst.</li>
 *   <li>Clearing (§30.6.1): reading DR clears RXNE; PE, FE, NF, ORE and IDLE clear by a read of
 *       SR followed by a read of DR (only the flags seen by that SR read); TC and RXNE also clear
 *       by writing 0 to them (rc_w0).</li>
 *   <li>Interrupt (§30.7): TXEIE·TXE | TCIE·TC | RXNEIE·(RXNE | ORE) | IDLEIE·IDLE | PEIE·PE |
 *       EIE·DMAR·(FE | NF | ORE).</li>
 * </ul>
 * Not modelled (declared): synchronous/smartcard/IrDA/LIN/half-duplex modes, hardware flow
 * control, mute mode, break, DMA requests. Parity (PCE) is computed on received bytes; no
 * parity or framing error is ever injected.
 */
public final class Usart implements MmioDevice {
    public static final int SR = 0x00, DR = 0x04, BRR = 0x08, CR1 = 0x0C, CR2 = 0x10, CR3 = 0x14, GTPR = 0x18;
    public static final int PE = 1, FE = 1 << 1, NF = 1 << 2, ORE = 1 << 3, IDLE = 1 << 4, RXNE = 1 << 5,
            TC = 1 << 6, TXE = 1 << 7, LBD = 1 << 8, CTS = 1 << 9;
    public static final int RE = 1 << 2, TE = 1 << 3, IDLEIE = 1 << 4, RXNEIE = 1 << 5, TCIE = 1 << 6,
            TXEIE = 1 << 7, PEIE = 1 << 8, PS = 1 << 9, PCE = 1 << 10, M = 1 << 12, UE = 1 << 13, OVER8 = 1 << 15;
    private static final int RC_W0 = RXNE | TC | LBD | CTS;
    private static final int READ_CLEARED = PE | FE | NF | ORE | IDLE;

    private final String name;
    private final Scheduler scheduler;
    private final GuestLog log;
    private final ClockDomain pclk;
    private final IrqLine irq;
    private final IntConsumer txSink;
    private final RegisterBank bank;
    private Register sr, brr, cr1, cr2, cr3; // assigned once, in the constructor
    private final Runnable txDone = this::txFrameDone;
    private final Runnable rxDone = this::rxFrameDone;
    private final Runnable idleDetected = this::idleDetected;
    private final String txEventName, rxEventName, idleEventName;

    private int tdr, shifting;
    private boolean shiftBusy;
    private int rdr;
    private int flagsSeenBySrRead;
    private int[] rxQueue = new int[64];
    private int rxHead, rxCount;
    private Scheduler.Event rxEvent, idleEvent;
    private boolean idleArmed;
    private boolean irqLevel;

    /**
     * @param name   e.g. "USART3"
     * @param pclk   the APB clock feeding it (APB2 for USART1/6, APB1 for USART2/3)
     * @param txSink receives each transmitted byte (0..255) when its stop bit ends
     */
    public Usart(String name, Scheduler scheduler, GuestLog log, ClockDomain pclk, IrqLine irq, IntConsumer txSink) {
        this.name = name;
        this.scheduler = scheduler;
        this.log = log;
        this.pclk = pclk;
        this.irq = irq;
        this.txSink = txSink;
        txEventName = name + " TX";
        rxEventName = name + " RX";
        idleEventName = name + " IDLE";
        bank = new RegisterBank(name, (int) Stm32f429Map.WINDOW, log);
        sr = bank.reg(SR, name + "_SR").reset(TXE | TC).readOnly()
                .field("PE", 0, 1).field("FE", 1, 1).field("NF", 2, 1).field("ORE", 3, 1).field("IDLE", 4, 1)
                .field("RXNE", 5, 1).field("TC", 6, 1).field("TXE", 7, 1).field("LBD", 8, 1).field("CTS", 9, 1)
                .onRead(this::readSr).repeatableRead()   // flags move at TX/RX events and DR accesses
                .onWrite((o, n, w) -> { sr.set(o & ~(~w & RC_W0)); updateIrq(); });
        bank.reg(DR, name + "_DR").reset(0).writeMask(0x1FF).field("DR", 0, 9)
                .onRead(this::readDr).onWrite((o, n, w) -> writeDr(w & 0x1FF));
        brr = bank.reg(BRR, name + "_BRR").reset(0).writeMask(0xFFFF).field("DIV_Fraction", 0, 4).field("DIV_Mantissa", 4, 12);
        cr1 = bank.reg(CR1, name + "_CR1").reset(0).writeMask(0xBFFF)
                .field("SBK", 0, 1).field("RWU", 1, 1).field("RE", 2, 1).field("TE", 3, 1).field("IDLEIE", 4, 1)
                .field("RXNEIE", 5, 1).field("TCIE", 6, 1).field("TXEIE", 7, 1).field("PEIE", 8, 1).field("PS", 9, 1)
                .field("PCE", 10, 1).field("WAKE", 11, 1).field("M", 12, 1).field("UE", 13, 1).field("OVER8", 15, 1)
                .unmodelled(0x0803, "break, mute mode and wake-up")
                .onWrite((o, n, w) -> { cr1.set(n & ~1); updateIrq(); });
        cr2 = bank.reg(CR2, name + "_CR2").reset(0).writeMask(0x7F6F)
                .field("ADD", 0, 4).field("LBDL", 5, 1).field("LBDIE", 6, 1).field("LBCL", 8, 1).field("CPHA", 9, 1)
                .field("CPOL", 10, 1).field("CLKEN", 11, 1).field("STOP", 12, 2).field("LINEN", 14, 1)
                .unmodelled(0x4860, "LIN mode and synchronous clock output");
        cr3 = bank.reg(CR3, name + "_CR3").reset(0).writeMask(0x0FFF)
                .field("EIE", 0, 1).field("IREN", 1, 1).field("IRLP", 2, 1).field("HDSEL", 3, 1).field("NACK", 4, 1)
                .field("SCEN", 5, 1).field("DMAR", 6, 1).field("DMAT", 7, 1).field("RTSE", 8, 1).field("CTSE", 9, 1)
                .field("CTSIE", 10, 1).field("ONEBIT", 11, 1)
                .unmodelled(0x07FE, "IrDA, half-duplex, smartcard, DMA and hardware flow control")
                .onWrite((o, n, w) -> updateIrq());
        bank.reg(GTPR, name + "_GTPR").reset(0).writeMask(0xFFFF).field("PSC", 0, 8).field("GT", 8, 8)
                .unmodelled(0xFFFF, "smartcard guard time and IrDA prescaler");
    }

    public String name() { return name; }

    /**
     * The host sends {@code b} (0..255) to the USART's RX pin. Bytes are queued and arrive one
     * frame time apart in virtual time. Call on the emulation thread (the scheduler is not
     * thread-safe): a stdin reader hands bytes over to the run loop first.
     */
    public void receive(int b) {
        if (rxCount == rxQueue.length) rxQueue = java.util.Arrays.copyOf(unrollQueue(), rxQueue.length * 2);
        rxQueue[(rxHead + rxCount) % rxQueue.length] = b & 0xFF;
        rxCount++;
        if (rxEvent == null || !rxEvent.isPending()) {
            if (idleEvent != null) idleEvent.cancel();
            rxEvent = scheduler.scheduleIn(frameTime(), rxEventName, rxDone);
        }
    }

    /** Host bytes queued but not yet arrived. */
    public int pendingReceive() { return rxCount; }

    /** Duration in ps of one frame with the current BRR, CR1 and CR2, starting now. */
    public long frameTime() {
        int b = brr.get();
        long bitCycles = (cr1.get() & OVER8) != 0 ? (long) (b >>> 4) * 8 + (b & 7) : b;
        if (bitCycles == 0) {
            log.guestError(name, "brr0", "BRR = 0: baud rate undefined (RM0090 §30.6.3); using 16 PCLK cycles per bit");
            bitCycles = 16;
        }
        int dataBits = (cr1.get() & M) != 0 ? 9 : 8;
        int stopHalves = switch ((cr2.get() >>> 12) & 3) { case 0 -> 2; case 1 -> 1; case 2 -> 4; default -> 3; };
        long halfBits = 2L * (1 + dataBits) + stopHalves;
        long cycles = (halfBits * bitCycles + 1) / 2;
        long now = scheduler.now();
        long c0 = pclk.firstCycleNotBefore(now);
        return pclk.timeOf(c0 + cycles) - now;
    }

    public void reset() {
        if (rxEvent != null) rxEvent.cancel();
        if (idleEvent != null) idleEvent.cancel();
        txEventCancel();
        bank.reset();
        shiftBusy = false;
        rxCount = 0;
        idleArmed = false;
        flagsSeenBySrRead = 0;
        updateIrq();
    }

    @Override public int read(int offset, int size) { return bank.read(offset, size); }

    @Override public boolean repeatableRead(int offset, int size) { return bank.repeatableRead(offset, size); }

    @Override public void write(int offset, int size, int value) { bank.write(offset, size, value); }

    // ---- TX ------------------------------------------------------------------------------

    private Scheduler.Event txEvent;

    private void txEventCancel() { if (txEvent != null) txEvent.cancel(); }

    private void writeDr(int data) {
        int c = cr1.get();
        if ((c & UE) == 0 || (c & TE) == 0) {
            log.guestError(name, "tx-disabled", "DR written with UE or TE clear (RM0090 §30.3.2); byte dropped");
            return;
        }
        int s = sr.get() & ~TC;
        if (!shiftBusy) {
            startFrame(data);
            s |= TXE;
        } else {
            if ((s & TXE) == 0)
                log.guestError(name, "tdr-overwrite", "DR written while TXE = 0: the byte waiting in TDR is lost");
            tdr = data;
            s &= ~TXE;
        }
        sr.set(s);
        updateIrq();
    }

    private void startFrame(int data) {
        shifting = data;
        shiftBusy = true;
        txEvent = scheduler.scheduleIn(frameTime(), txEventName, txDone);
    }

    private void txFrameDone() {
        int c = cr1.get();
        int dataMask = (c & PCE) == 0 ? 0xFF : (c & M) != 0 ? 0xFF : 0x7F;
        txSink.accept(shifting & dataMask);
        int s = sr.get();
        if ((s & TXE) == 0) {
            startFrame(tdr);
            s |= TXE;
        } else {
            shiftBusy = false;
            s |= TC;
        }
        sr.set(s);
        updateIrq();
    }

    // ---- RX ------------------------------------------------------------------------------

    private void rxFrameDone() {
        int b = rxQueue[rxHead];
        rxHead = (rxHead + 1) % rxQueue.length;
        rxCount--;
        int c = cr1.get();
        if ((c & UE) == 0 || (c & RE) == 0) {
            log.info(name, "rx-disabled", "byte received with UE or RE clear: dropped");
        } else if ((sr.get() & RXNE) != 0) {
            sr.set(sr.get() | ORE);
        } else {
            rdr = withParity(b, c);
            sr.set(sr.get() | RXNE);
        }
        idleArmed = true;
        if (rxCount > 0) rxEvent = scheduler.scheduleIn(frameTime(), rxEventName, rxDone);
        else idleEvent = scheduler.scheduleIn(frameTime(), idleEventName, idleDetected);
        updateIrq();
    }

    /** With PCE, the MSB of the frame's data is the parity bit (even, or odd with PS). */
    private static int withParity(int b, int c) {
        if ((c & PCE) == 0) return b;
        int dataBits = (c & M) != 0 ? 8 : 7;
        int data = b & ((1 << dataBits) - 1);
        int parity = (Integer.bitCount(data) & 1) ^ ((c & PS) != 0 ? 1 : 0);
        return data | parity << dataBits;
    }

    private void idleDetected() {
        if (!idleArmed) return;
        idleArmed = false;
        sr.set(sr.get() | IDLE);
        updateIrq();
    }

    private int readSr() {
        int s = sr.get();
        flagsSeenBySrRead = s & READ_CLEARED;
        return s;
    }

    private int readDr() {
        sr.set(sr.get() & ~(RXNE | flagsSeenBySrRead));
        flagsSeenBySrRead = 0;
        updateIrq();
        return rdr;
    }

    private int[] unrollQueue() {
        int[] q = new int[rxQueue.length];
        for (int i = 0; i < rxCount; i++) q[i] = rxQueue[(rxHead + i) % rxQueue.length];
        rxHead = 0;
        return q;
    }

    private void updateIrq() {
        int s = sr.get(), c = cr1.get(), c3 = cr3.get();
        boolean level = (c & TXEIE) != 0 && (s & TXE) != 0
                || (c & TCIE) != 0 && (s & TC) != 0
                || (c & RXNEIE) != 0 && (s & (RXNE | ORE)) != 0
                || (c & IDLEIE) != 0 && (s & IDLE) != 0
                || (c & PEIE) != 0 && (s & PE) != 0
                || (c3 & 1) != 0 && (c3 & (1 << 6)) != 0 && (s & (FE | NF | ORE)) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
