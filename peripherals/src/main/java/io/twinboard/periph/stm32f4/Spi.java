package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.periph.signal.Wire;
import io.twinboard.periph.spi.SpiDevice;

import java.util.ArrayList;
import java.util.List;

/**
 * SPI controller in master mode (RM0090 §28, registers §28.5). Instances on the F429
 * ({@link Stm32f429Map}): SPI1 0x40013000 (APB2, IRQ 35), SPI2 0x40003800 (APB1, IRQ 36), SPI3
 * 0x40003C00 (APB1, IRQ 51), SPI4 0x40013400 (APB2, IRQ 84), SPI5 0x40015000 (APB2, IRQ 85),
 * SPI6 0x40015400 (APB2, IRQ 86).
 *
 * <p>Timing in virtual time (§28.3.3, §28.3.7): a frame of 8 or 16 (DFF) bits takes
 * {@code bits × 2^(BR+1)} PCLK cycles and starts on a PCLK edge. Writing DR with the shift
 * register idle (and SPE, MSTR set) loads it at once: TXE returns to 1 and BSY sets. When the
 * frame's last bit is clocked the controller calls {@link SpiDevice#exchange} on every attached
 * device (twice for 16-bit frames, high byte first; with LSBFIRST each byte is bit-reversed, so a
 * device always sees the wire's bit order); MISO reads 0xFF when no device drives it
 * ({@link SpiDevice#NOT_DRIVEN}), the AND of the driven values when several do (reported). The
 * received frame sets RXNE, or OVR when RXNE is still set (the new frame is lost, §28.4.8). A
 * frame waiting in the TX buffer then starts at once (BSY stays 1); otherwise BSY clears.
 *
 * <p>Flags: OVR clears by a DR read followed by an SR read; MODF (master with SSM = 1 and
 * SSI = 0, §28.3.10) clears SPE and MSTR and clears by an SR read followed by a CR1 write;
 * CRCERR is rc_w0. Interrupt (§28.3.11): TXEIE·TXE | RXNEIE·RXNE | ERRIE·(OVR | MODF | CRCERR).
 * With SSOE in master mode the NSS output ({@link #setNssOutput}) is driven low while SPE is set.
 *
 * <p>Not modelled (declared): slave mode, receive-only and bidirectional modes, hardware CRC
 * (CRCPR/RXCRCR/TXCRCR are plain registers), TI frame format, DMA requests, I2S.
 */
public final class Spi implements MmioDevice {
    public static final int CR1 = 0x00, CR2 = 0x04, SR = 0x08, DR = 0x0C, CRCPR = 0x10, RXCRCR = 0x14,
            TXCRCR = 0x18, I2SCFGR = 0x1C, I2SPR = 0x20;
    public static final int CPHA = 1, CPOL = 1 << 1, MSTR = 1 << 2, SPE = 1 << 6, LSBFIRST = 1 << 7,
            SSI = 1 << 8, SSM = 1 << 9, RXONLY = 1 << 10, DFF = 1 << 11, CRCNEXT = 1 << 12, CRCEN = 1 << 13,
            BIDIOE = 1 << 14, BIDIMODE = 1 << 15;
    public static final int SSOE = 1 << 2, ERRIE = 1 << 5, RXNEIE = 1 << 6, TXEIE = 1 << 7;
    public static final int RXNE = 1, TXE = 1 << 1, CRCERR = 1 << 4, MODF = 1 << 5, OVR = 1 << 6, BSY = 1 << 7;

    private final String name;
    private final Scheduler scheduler;
    private final GuestLog log;
    private final ClockDomain pclk;
    private final IrqLine irq;
    private final List<SpiDevice> devices = new ArrayList<>(2);
    private SpiDevice[] deviceArray = new SpiDevice[0];
    private final RegisterBank bank;
    private Register cr1, cr2, sr; // assigned once, in the constructor
    private final Runnable frameDone = this::frameDone;
    private final String frameEventName;
    private Scheduler.Event frameEvent;
    private Wire nss;

    private int txBuffer, shifting, rxBuffer;
    private boolean shiftBusy, shiftingWide;
    private boolean ovrDrRead, modfSrRead;
    private boolean irqLevel;

    /** @param pclk the APB clock (APB2 for SPI1/4/5/6, APB1 for SPI2/3) */
    public Spi(String name, Scheduler scheduler, GuestLog log, ClockDomain pclk, IrqLine irq) {
        this.name = name;
        this.scheduler = scheduler;
        this.log = log;
        this.pclk = pclk;
        this.irq = irq;
        this.frameEventName = name + " frame";
        bank = new RegisterBank(name, (int) Stm32f429Map.WINDOW, log);
        cr1 = bank.reg(CR1, name + "_CR1").reset(0).writeMask(0xFFFF)
                .field("CPHA", 0, 1).field("CPOL", 1, 1).field("MSTR", 2, 1).field("BR", 3, 3).field("SPE", 6, 1)
                .field("LSBFIRST", 7, 1).field("SSI", 8, 1).field("SSM", 9, 1).field("RXONLY", 10, 1).field("DFF", 11, 1)
                .field("CRCNEXT", 12, 1).field("CRCEN", 13, 1).field("BIDIOE", 14, 1).field("BIDIMODE", 15, 1)
                .unmodelled(RXONLY | CRCNEXT | CRCEN | BIDIMODE, "receive-only, bidirectional modes and hardware CRC")
                .onWrite((o, n, w) -> cr1Written(o, n));
        cr2 = bank.reg(CR2, name + "_CR2").reset(0).writeMask(0xF7)
                .field("RXDMAEN", 0, 1).field("TXDMAEN", 1, 1).field("SSOE", 2, 1).field("FRF", 4, 1)
                .field("ERRIE", 5, 1).field("RXNEIE", 6, 1).field("TXEIE", 7, 1)
                .unmodelled(0x13, "DMA requests and TI frame format")
                .onWrite((o, n, w) -> { updateNss(); updateIrq(); });
        sr = bank.reg(SR, name + "_SR").reset(TXE).readOnly()
                .field("RXNE", 0, 1).field("TXE", 1, 1).field("CHSIDE", 2, 1).field("UDR", 3, 1).field("CRCERR", 4, 1)
                .field("MODF", 5, 1).field("OVR", 6, 1).field("BSY", 7, 1).field("FRE", 8, 1)
                .onRead(this::readSr).repeatableRead()   // a second read finds OVR already cleared
                .onWrite((o, n, w) -> { sr.set(o & ~(~w & CRCERR)); updateIrq(); });
        bank.reg(DR, name + "_DR").reset(0).writeMask(0xFFFF).field("DR", 0, 16)
                .onRead(this::readDr).onWrite((o, n, w) -> writeDr(n));
        bank.reg(CRCPR, name + "_CRCPR").reset(7).writeMask(0xFFFF);
        bank.reg(RXCRCR, name + "_RXCRCR").reset(0).readOnly();
        bank.reg(TXCRCR, name + "_TXCRCR").reset(0).readOnly();
        bank.reg(I2SCFGR, name + "_I2SCFGR").reset(0).writeMask(0x0FBF).unmodelled(0x0800, "I2S mode");
        bank.reg(I2SPR, name + "_I2SPR").reset(2).writeMask(0x03FF);
    }

    public String name() { return name; }

    /** Connects a device to this bus; the controller owns it from now on. */
    public void attach(SpiDevice device) {
        devices.add(device);
        deviceArray = devices.toArray(SpiDevice[]::new);
    }

    /** The hardware NSS output (driven low while SSOE, MSTR and SPE are set; high otherwise). */
    public void setNssOutput(Wire nss) {
        this.nss = nss;
        updateNss();
    }

    /** Duration in ps of one frame (8 or 16 bits) with the current CR1, starting now. */
    public long frameTime() {
        int c = cr1.get();
        long cycles = ((c & DFF) != 0 ? 16L : 8L) << (((c >>> 3) & 7) + 1);
        long now = scheduler.now();
        return pclk.timeOf(pclk.firstCycleNotBefore(now) + cycles) - now;
    }

    public void reset() {
        if (frameEvent != null) frameEvent.cancel();
        bank.reset();
        shiftBusy = false;
        ovrDrRead = modfSrRead = false;
        updateNss();
        updateIrq();
    }

    @Override public int read(int offset, int size) { return bank.read(offset, size); }

    @Override public boolean repeatableRead(int offset, int size) { return bank.repeatableRead(offset, size); }

    @Override public void write(int offset, int size, int value) { bank.write(offset, size, value); }

    // ---- registers -----------------------------------------------------------------------

    private void cr1Written(int old, int now) {
        if (modfSrRead && (sr.get() & MODF) != 0) sr.set(sr.get() & ~MODF);
        modfSrRead = false;
        if ((now & (MSTR | SPE)) == (MSTR | SPE) && (now & (SSM | SSI)) == SSM) {
            // Master with internal NSS low: mode fault (§28.3.10).
            cr1.set(now & ~(MSTR | SPE));
            sr.set(sr.get() | MODF);
            log.guestError(name, "modf", "mode fault: master with SSM=1 and SSI=0 (RM0090 §28.3.10); SPE and MSTR cleared");
        } else if ((now & SPE) != 0 && (now & MSTR) == 0) {
            log.unimplemented(name, "slave", "slave mode is not modelled");
        }
        if (((old ^ now) & DFF) != 0 && (now & SPE) != 0)
            log.guestError(name, "dff-spe", "DFF changed while SPE=1 (RM0090 §28.5.1)");
        updateNss();
        maybeStart();
        updateIrq();
    }

    private int readSr() {
        int s = sr.get();
        if ((s & OVR) != 0 && ovrDrRead) {
            sr.set(s & ~OVR);
            updateIrq();
        }
        ovrDrRead = false;
        modfSrRead = (s & MODF) != 0;
        return s;
    }

    private int readDr() {
        int s = sr.get();
        ovrDrRead = (s & OVR) != 0;
        if ((s & RXNE) != 0) {
            sr.set(s & ~RXNE);
            updateIrq();
        }
        return rxBuffer;
    }

    private void writeDr(int value) {
        int s = sr.get();
        if ((s & TXE) == 0)
            log.guestError(name, "tx-overwrite", "DR written while TXE = 0: the frame waiting in the TX buffer is lost");
        txBuffer = (cr1.get() & DFF) != 0 ? value & 0xFFFF : value & 0xFF;
        sr.set(s & ~TXE);
        maybeStart();
        updateIrq();
    }

    // ---- transfer ------------------------------------------------------------------------

    private void maybeStart() {
        int c = cr1.get();
        if (shiftBusy || (sr.get() & TXE) != 0 || (c & (SPE | MSTR)) != (SPE | MSTR)) return;
        shifting = txBuffer;
        shiftingWide = (c & DFF) != 0;
        shiftBusy = true;
        sr.set(sr.get() | TXE | BSY);
        frameEvent = scheduler.scheduleIn(frameTime(), frameEventName, frameDone);
    }

    private void frameDone() {
        boolean lsbFirst = (cr1.get() & LSBFIRST) != 0;
        int received;
        if (shiftingWide) {
            if (lsbFirst) {
                int lo = reverse(exchange(reverse(shifting & 0xFF)));
                int hi = reverse(exchange(reverse(shifting >>> 8)));
                received = hi << 8 | lo;
            } else {
                int hi = exchange(shifting >>> 8);
                received = hi << 8 | exchange(shifting & 0xFF);
            }
        } else {
            received = lsbFirst ? reverse(exchange(reverse(shifting))) : exchange(shifting);
        }
        int s = sr.get();
        if ((s & RXNE) != 0) {
            s |= OVR;
        } else {
            rxBuffer = received;
            s |= RXNE;
        }
        shiftBusy = false;
        sr.set(s & ~BSY);
        maybeStart();
        updateIrq();
    }

    /** One byte on the wires: MOSI out, MISO in (0xFF when nobody drives it). */
    private int exchange(int mosi) {
        int miso = SpiDevice.NOT_DRIVEN;
        for (SpiDevice d : deviceArray) {
            int v = d.exchange(mosi);
            if (v == SpiDevice.NOT_DRIVEN) continue;
            if (miso != SpiDevice.NOT_DRIVEN)
                log.guestError(name, "contention", "several devices drive MISO at once (more than one chip select low)");
            miso = miso == SpiDevice.NOT_DRIVEN ? v & 0xFF : miso & v;
        }
        return miso == SpiDevice.NOT_DRIVEN ? 0xFF : miso;
    }

    private static int reverse(int b) { return Integer.reverse(b & 0xFF) >>> 24; }

    private void updateNss() {
        if (nss == null) return;
        boolean active = (cr2.get() & SSOE) != 0 && (cr1.get() & (MSTR | SPE)) == (MSTR | SPE);
        nss.drive(!active);
    }

    private void updateIrq() {
        int s = sr.get(), c2 = cr2.get();
        boolean level = (c2 & TXEIE) != 0 && (s & TXE) != 0
                || (c2 & RXNEIE) != 0 && (s & RXNE) != 0
                || (c2 & ERRIE) != 0 && (s & (OVR | MODF | CRCERR)) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
