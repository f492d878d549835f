package io.twinboard.periph.w5500;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Link;
import io.twinboard.periph.net.Network;
import io.twinboard.periph.signal.Wire;
import io.twinboard.periph.spi.SpiDevice;

/**
 * WIZnet W5500 hardwired TCP/IP Ethernet controller (datasheet v1.0.9), as an SPI device.
 *
 * <p>Parts: {@link SpiFrameDecoder} (SPI frames, §2), {@link CommonBlock} (common registers, §4.1),
 * eight {@link W5500Socket}s (socket registers and commands, §4.2) with their {@link TcpEngine} and
 * {@link UdpEngine}, and {@link BufferMemory} (16 KB TX + 16 KB RX, §5). Everything happens in
 * virtual time on the {@link Scheduler}; sockets reach peers through the {@link Network}.
 *
 * <p>Pins: RSTn (input, active low; while low the chip is held in reset, does not drive MISO, and
 * every register returns to its reset value) and INTn (output, active low, asserted while
 * {@code (IR & IMR) ≠ 0} or {@code (SIR & SIMR) ≠ 0}; after it is released it is asserted again
 * no sooner than the INTLEVEL spacing {@code (INTLEVEL+1) × 4 / 150 MHz}, §4.1 INTLEVEL).
 */
public final class W5500 implements SpiDevice {
    /** Time from a Sn_CR write to the command being taken (Sn_CR reads 0 again): 1 µs virtual.
     *  Not in the datasheet; chosen so that ioLibrary's {@code while(getSn_CR(sn));} polls a few times. */
    public static final long COMMAND_PS = VirtualTime.ofMicros(1);
    /** One INTLEVEL unit: 4 cycles of the 150 MHz PLL clock, in ps. */
    static final long INTLEVEL_UNIT_PS = 4 * VirtualTime.PS_PER_S / 150_000_000L;

    final Scheduler sched;
    final GuestLog log;
    final Network network;
    final BufferMemory memory;
    final CommonBlock common;
    private final W5500Socket[] sockets = new W5500Socket[8];
    private final SpiFrameDecoder decoder;
    private final Wire intn;
    private boolean selected;
    private boolean inReset;
    private boolean intAsserted;
    private long lastIntRelease = Long.MIN_VALUE / 2;
    private Scheduler.Event intPending;
    private long linkUpDelayPs;
    private Scheduler.Event linkUpEvent;

    /**
     * @param rstn RSTn input (may be null: never reset); low holds the chip in reset
     * @param intn INTn output (may be null); driven low while an enabled interrupt is pending
     */
    public W5500(Scheduler sched, GuestLog log, Network network, Wire rstn, Wire intn) {
        this.sched = sched;
        this.log = log;
        this.network = network;
        this.intn = intn;
        this.memory = new BufferMemory(log);
        this.common = new CommonBlock(log, this::softReset, this::interruptsChanged, this::socketInterrupts, this::phyReset);
        for (int i = 0; i < 8; i++) sockets[i] = new W5500Socket(i, this);
        this.decoder = new SpiFrameDecoder(new Target(), log);
        if (intn != null) intn.drive(true);
        if (rstn != null) {
            rstn.onChange(high -> { if (high) leaveReset(); else enterReset(); });
            if (!rstn.isHigh()) enterReset();
        }
    }

    // ---- SpiDevice ----

    @Override public int exchange(int mosi) {
        if (inReset || !selected) return NOT_DRIVEN;
        network.chipAccessed();   // the firmware may be looking at the network (Pacing.CONTACT)
        return decoder.exchange(mosi);
    }

    @Override public void chipSelect(boolean sel) {
        if (inReset) { selected = false; return; }
        if (sel == selected) return;
        selected = sel;
        if (sel) decoder.select();
        else decoder.deselect();
    }

    // ---- configuration and inspection (workbench, tests) ----

    /** Delay from reset release (or PHY reset) until PHYCFGR.LNK reads 1; default 0. */
    public void setLinkUpDelay(long ps) { linkUpDelayPs = ps; }

    public boolean isInReset() { return inReset; }

    /** Socket {@code n}'s Sn_SR, without an SPI access. */
    public int socketState(int n) { return sockets[n].state(); }

    /** The connection of socket {@code n}, or null (counters for reports). */
    public Link socketLink(int n) { return sockets[n].tcp.link(); }

    /** SPI frames whose header completed since construction. */
    public long spiFrames() { return decoder.frames(); }

    W5500Socket socket(int n) { return sockets[n]; }

    // ---- reset ----

    private void enterReset() {
        inReset = true;
        selected = false;
        resetState();
        decoder.reset();
        if (linkUpEvent != null) linkUpEvent.cancel();
        common.setLinkUp(false);
    }

    private void leaveReset() {
        if (!inReset) return;
        inReset = false;
        scheduleLinkUp();
    }

    /** MR.RST (§4.1 MR): every register back to its reset value; the bit reads 0 afterwards. The SPI
     *  frame that wrote it goes on (its next bytes are data, not a new header). */
    private void softReset() { resetState(); }

    private void resetState() {
        for (W5500Socket s : sockets) s.reset();
        common.reset();
        reallocate();
        interruptsChanged();
    }

    private void phyReset(boolean held) {
        if (linkUpEvent != null) linkUpEvent.cancel();
        common.setLinkUp(false);
        if (!held) scheduleLinkUp();
    }

    private void scheduleLinkUp() {
        if (linkUpDelayPs == 0) { common.setLinkUp(true); return; }
        linkUpEvent = sched.scheduleIn(linkUpDelayPs, "w5500.linkUp", () -> common.setLinkUp(true));
    }

    // ---- shared by the parts ----

    void reallocate() {
        int[] tx = new int[8], rx = new int[8];
        for (int i = 0; i < 8; i++) {
            tx[i] = sockets[i].txbufSize.get();
            rx[i] = sockets[i].rxbufSize.get();
        }
        memory.allocate(tx, rx);
    }

    private int socketInterrupts() {
        int v = 0;
        for (int i = 0; i < 8; i++) if (sockets[i].ir.get() != 0) v |= 1 << i;
        return v;
    }

    /** Recomputes INTn after any change of IR, IMR, Sn_IR, SIMR. */
    void interruptsChanged() {
        boolean want = !inReset && ((common.ir.get() & common.imr.get()) != 0 || (socketInterrupts() & common.simr.get()) != 0);
        if (want == intAsserted) {
            if (!want && intPending != null) { intPending.cancel(); intPending = null; }
            return;
        }
        if (!want) {
            intAsserted = false;
            lastIntRelease = sched.now();
            if (intn != null) intn.drive(true);
            return;
        }
        int level = common.intLevel();
        long earliest = lastIntRelease + (level + 1L) * INTLEVEL_UNIT_PS;
        if (level > 0 && sched.now() < earliest) {
            if (intPending == null || !intPending.isPending())
                intPending = sched.schedule(earliest, "w5500.intLevel", () -> { intPending = null; interruptsChanged(); });
            return;
        }
        intAsserted = true;
        if (intn != null) intn.drive(false);
    }

    /** Frame accesses: BSB 0 common; 1+4n socket n registers; 2+4n its TX buffer; 3+4n its RX buffer. */
    private final class Target implements SpiFrameDecoder.Target {
        @Override public boolean validBlock(int bsb) { return bsb == 0 || (bsb & 3) != 0; }

        @Override public int read(int bsb, int address) {
            if (bsb == 0) return common.bank.read(address, 1);
            int n = (bsb - 1) >>> 2;
            return switch ((bsb - 1) & 3) {
                case 0 -> sockets[n].bank.read(address, 1);
                case 1 -> memory.readTx(n, address);
                default -> memory.readRx(n, address);
            };
        }

        @Override public void write(int bsb, int address, int value) {
            if (bsb == 0) { common.bank.write(address, 1, value); return; }
            int n = (bsb - 1) >>> 2;
            switch ((bsb - 1) & 3) {
                case 0 -> sockets[n].bank.write(address, 1, value);
                case 1 -> memory.writeTx(n, address, value);
                default -> memory.writeRx(n, address, value);
            }
        }
    }
}
