package io.twinboard.periph.esp8266;

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
import java.util.function.BooleanSupplier;

/**
 * ESP8266 SPI controller in master "user command" mode, as the SDK drivers use it: SPI1 = HSPI at
 * 0x60000100 (the W5500's bus on this board) and, with the same layout, SPI0 (flash) at
 * 0x60000200. Interrupt: core {@link Esp8266Map#INUM_SPI} (2), shared with the other SPI and I2S;
 * DPORT SPI_INT_STATUS tells them apart.
 *
 * <p>Registers (ESP8266 TRM ch. 8 "SPI"; SDK {@code spi_register.h} / {@code spi_struct.h}):
 * SPI_CMD 0x00 (USR bit 18 starts a transaction and reads 1 until it is done), SPI_ADDR 0x04,
 * SPI_CTRL 0x08 (bit 25 RD_BIT_ORDER, bit 26 WR_BIT_ORDER: 1 = LSB first), SPI_CTRL1 0x0C,
 * SPI_RD_STATUS 0x10, SPI_CTRL2 0x14, SPI_CLOCK 0x18, SPI_USER 0x1C, SPI_USER1 0x20,
 * SPI_USER2 0x24, SPI_WR_STATUS 0x28, SPI_PIN 0x2C, SPI_SLAVE 0x30..SPI_SLAVE3 0x3C,
 * SPI_W0..W15 0x40..0x7C, SPI_EXT0..3 0xF0..0xFC.
 *
 * <p><b>Transaction.</b> Phases in order, each enabled by SPI_USER: COMMAND (USER2 bits 28..31 +
 * 1 bits of USER2[15:0], sent "bit 7-0 and then 15-8" per spi_struct.h, i.e. low byte first,
 * each byte MSB first), ADDRESS (USER1 bits 26..31 + 1 bits, taken from SPI_ADDR starting at bit
 * 31 — the SDK drivers left-align the address), DUMMY (USER1 bits 0..7 + 1 clocks, MOSI sends 0),
 * MOSI (USER1 bits 17..25 + 1 bits from the W buffer) and MISO (USER1 bits 8..16 + 1 bits into the
 * W buffer; MOSI sends 0 meanwhile). With SPI_USER.DOUTDIN (bit 0, full duplex) the MISO phase
 * overlaps the MOSI phase instead of following it. MOSI_HIGHPART/MISO_HIGHPART (bits 25/24) use
 * W8..W15.
 *
 * <p><b>W buffer byte order.</b> With SPI_USER.WR_BYTE_ORDER/RD_BYTE_ORDER (bits 11/10) clear —
 * the reset state — the buffer is a little-endian byte array: bit stream bit i is byte i/8 of
 * W0.. (W0 bits 7..0 first), MSB first within the byte. With the byte-order bit set a word is
 * sent from bit 31 down (big-endian). The bit-order bits of SPI_CTRL make each byte (or word)
 * go LSB first. MISO bits beyond the received length keep their old value.
 *
 * <p><b>Timing.</b> SPI clock = APB (80 MHz) when SPI_CLOCK.CLK_EQU_SYSCLK (bit 31), else
 * APB / (CLKDIV_PRE + 1) / (CLKCNT_N + 1) (spi_struct.h). A transaction takes (command +
 * address + dummy + data bits, +1 clock each for USER.CS_SETUP and USER.CS_HOLD) SPI clocks of
 * virtual time; SPI_CMD.USR clears and SPI_SLAVE.TRANS_DONE (bit 4) sets at the end. The bytes
 * are exchanged with the devices at that end time (firmware cannot observe the bus earlier).
 * The stream goes to {@link SpiDevice}s in whole bytes, MSB first; a device that returns
 * {@link SpiDevice#NOT_DRIVEN} reads 0xFF (idle MISO). A bit count that is not a multiple of 8
 * pads the last byte with zeros (reported once).
 *
 * <p><b>Hardware CS0.</b> When SPI_PIN.CS0_DIS (bit 0) is clear and IO_MUX routes CS0 to its pad
 * (GPIO15 function 2 for HSPI), the controller drives the CS0 {@link Wire} low for the
 * transaction and high after it; when the firmware runs GPIO15 as a GPIO (bit-banged CS), the
 * controller leaves the wire alone.
 *
 * <p>Unmodelled (declared): slave mode, dual/quad/SIO line modes, the flash commands in SPI_CMD
 * bits 17..31 other than USR, CTRL2 signal delays, 64-bit addresses, SPI_EXT flash timings.
 */
public final class Esp8266Spi implements MmioDevice {
    private static final int CMD_USR = 1 << 18;
    private static final int USER_DOUTDIN = 1, USER_CS_HOLD = 1 << 4, USER_CS_SETUP = 1 << 5,
            USER_RD_BYTE_ORDER = 1 << 10, USER_WR_BYTE_ORDER = 1 << 11,
            USER_MISO_HIGHPART = 1 << 24, USER_MOSI_HIGHPART = 1 << 25,
            USER_MOSI = 1 << 27, USER_MISO = 1 << 28, USER_DUMMY = 1 << 29, USER_ADDR = 1 << 30,
            USER_COMMAND = 1 << 31;
    private static final int CTRL_RD_BIT_ORDER = 1 << 25, CTRL_WR_BIT_ORDER = 1 << 26;
    private static final int SLAVE_TRANS_DONE = 1 << 4, SLAVE_TRANS_INTEN = 1 << 9;
    /** Longest stream: 16 command + 64 address + 256 dummy + 512 MOSI + 512 MISO bits. */
    private static final int MAX_BITS = 16 + 64 + 256 + 512 + 512;

    private final String name;
    private final Scheduler scheduler;
    private final ClockDomain apb;
    private final GuestLog log;
    private final IrqLine irq;
    private final List<SpiDevice> devices = new ArrayList<>(2);
    private Wire cs0;
    private BooleanSupplier cs0Routed = () -> true;

    private final RegisterBank regs;
    private Register cmd, addr, ctrl, clock, user, user1, user2, pin, slave;
    private final Register[] w;

    /** One entry per bit of the transaction: MOSI bit (0/1). */
    private final byte[] mosiBits = new byte[MAX_BITS];
    /** One entry per bit: index of the MISO data bit captured there, or -1. */
    private final short[] misoIndex = new short[MAX_BITS];
    private final byte[] stream = new byte[MAX_BITS / 8 + 1];
    private int streamBits;
    private int misoBits;
    private boolean busy;
    private boolean csDriven;
    private boolean irqLevel;
    private long transactions;
    private final Runnable finish = this::finish;
    private final String eventName;

    /**
     * @param name "HSPI" (SPI1) or "SPI0"
     * @param apb  the 80 MHz APB clock the SPI dividers count
     * @param irq  this controller's input of the shared SPI interrupt (core interrupt 2)
     */
    public Esp8266Spi(String name, Scheduler scheduler, ClockDomain apb, IrqLine irq, GuestLog log) {
        this.name = name;
        this.scheduler = scheduler;
        this.apb = apb;
        this.irq = irq;
        this.log = log;
        eventName = name + " transaction";
        regs = new RegisterBank(name, 0x100, log);
        cmd = regs.reg(0x00, "SPI_CMD").readOnly().field("USR", 18, 1)
                .unmodelled(0xFFFA_0000, "flash commands (READ, WREN, PP, SE, ...) of the flash controller")
                .onWrite((o, n, raw) -> { if ((raw & CMD_USR) != 0) start(); });
        addr = regs.reg(0x04, "SPI_ADDR");
        ctrl = regs.reg(0x08, "SPI_CTRL").field("FASTRD_MODE", 13, 1).field("DOUT_MODE", 14, 1)
                .field("QOUT_MODE", 20, 1).field("DIO_MODE", 23, 1).field("QIO_MODE", 24, 1)
                .field("RD_BIT_ORDER", 25, 1).field("WR_BIT_ORDER", 26, 1)
                .unmodelled(0x0190_6000, "dual/quad line modes");
        regs.reg(0x0C, "SPI_CTRL1").field("CS_HOLD_DELAY_RES", 16, 12).field("CS_HOLD_DELAY", 28, 4);
        regs.reg(0x10, "SPI_RD_STATUS").field("STATUS", 0, 16).field("WB_MODE", 16, 8).field("STATUS_EXT", 24, 8);
        regs.reg(0x14, "SPI_CTRL2").field("MISO_DELAY_MODE", 16, 2).field("MISO_DELAY_NUM", 18, 3)
                .field("MOSI_DELAY_MODE", 21, 2).field("MOSI_DELAY_NUM", 23, 3)
                .field("CS_DELAY_MODE", 26, 2).field("CS_DELAY_NUM", 28, 4)
                .unmodelled(0xFFFF_0000, "signal delays (sub-bit timing; no effect on the byte stream)");
        clock = regs.reg(0x18, "SPI_CLOCK").field("CLKCNT_L", 0, 6).field("CLKCNT_H", 6, 6)
                .field("CLKCNT_N", 12, 6).field("CLKDIV_PRE", 18, 13).field("CLK_EQU_SYSCLK", 31, 1);
        user = regs.reg(0x1C, "SPI_USER").field("DOUTDIN", 0, 1).field("CS_HOLD", 4, 1).field("CS_SETUP", 5, 1)
                .field("CK_I_EDGE", 6, 1).field("CK_OUT_EDGE", 7, 1).field("RD_BYTE_ORDER", 10, 1)
                .field("WR_BYTE_ORDER", 11, 1).field("FWRITE_DUAL", 12, 1).field("FWRITE_QUAD", 13, 1)
                .field("FWRITE_DIO", 14, 1).field("FWRITE_QIO", 15, 1).field("SIO", 16, 1)
                .field("USR_MISO_HIGHPART", 24, 1).field("USR_MOSI_HIGHPART", 25, 1).field("USR_MOSI", 27, 1)
                .field("USR_MISO", 28, 1).field("USR_DUMMY", 29, 1).field("USR_ADDR", 30, 1).field("USR_COMMAND", 31, 1)
                .unmodelled(0x0001_F000, "dual/quad/3-wire line modes");
        user1 = regs.reg(0x20, "SPI_USER1").field("USR_DUMMY_CYCLELEN", 0, 8).field("USR_MISO_BITLEN", 8, 9)
                .field("USR_MOSI_BITLEN", 17, 9).field("USR_ADDR_BITLEN", 26, 6);
        user2 = regs.reg(0x24, "SPI_USER2").field("USR_COMMAND_VALUE", 0, 16).field("USR_COMMAND_BITLEN", 28, 4);
        regs.reg(0x28, "SPI_WR_STATUS");
        pin = regs.reg(0x2C, "SPI_PIN").field("CS0_DIS", 0, 1).field("CS1_DIS", 1, 1).field("CS2_DIS", 2, 1)
                .field("SLAVE_MODE", 19, 1).field("CK_IDLE_EDGE", 29, 1)
                .unmodelled(1 << 19, "slave mode")
                .onWrite((o, n, raw) -> refreshCs0());
        slave = regs.reg(0x30, "SPI_SLAVE").writeMask(0xC7C0_03FF)
                .field("RD_BUF_DONE", 0, 1).field("WR_BUF_DONE", 1, 1).field("RD_STA_DONE", 2, 1)
                .field("WR_STA_DONE", 3, 1).field("TRANS_DONE", 4, 1).field("RD_BUF_INTEN", 5, 1)
                .field("WR_BUF_INTEN", 6, 1).field("RD_STA_INTEN", 7, 1).field("WR_STA_INTEN", 8, 1)
                .field("TRANS_INTEN", 9, 1).field("TRANS_CNT", 23, 4).field("SLV_CMD_DEFINE", 27, 1)
                .field("SLV_WR_RD_STA_EN", 28, 1).field("SLV_WR_RD_BUF_EN", 29, 1)
                .field("SLAVE_MODE", 30, 1).field("SYNC_RESET", 31, 1)
                .unmodelled(0xF800_0000, "slave mode and synchronous reset")
                .onWrite((o, n, raw) -> updateIrq());
        regs.reg(0x34, "SPI_SLAVE1").unmodelled(-1, "slave mode");
        regs.reg(0x38, "SPI_SLAVE2").unmodelled(-1, "slave mode");
        regs.reg(0x3C, "SPI_SLAVE3").unmodelled(-1, "slave mode");
        w = regs.array(0x40, 4, 16, "SPI_W");
        regs.reg(0xF0, "SPI_EXT0").unmodelled(-1, "flash page-program timing");
        regs.reg(0xF4, "SPI_EXT1").unmodelled(-1, "flash erase timing");
        regs.reg(0xF8, "SPI_EXT2").readOnly().field("ST", 0, 3);
        regs.reg(0xFC, "SPI_EXT3").field("INT_HOLD_ENA", 0, 2)
                .unmodelled(0x3, "two masters sharing the bus");
    }

    /**
     * Attaches a device; {@code chipSelect} (may be null) is the wire its active-low select input
     * listens to — the controller tells the device when that wire changes.
     */
    public void attach(SpiDevice device, Wire chipSelect) {
        devices.add(device);
        if (chipSelect != null) chipSelect.onChange(high -> device.chipSelect(!high));
    }

    /** Attaches a device whose chip select the board wires itself (e.g. from a GPIO pad). */
    public void attach(SpiDevice device) { attach(device, null); }

    /**
     * The pad wire of hardware CS0 (GPIO15 for HSPI) and whether IO_MUX currently routes CS0 to it
     * (e.g. {@code () -> ioMux.function(15) == Esp8266IoMux.FUNC_HSPI}).
     */
    public void connectCs0(Wire wire, BooleanSupplier routedToPad) {
        this.cs0 = wire;
        this.cs0Routed = routedToPad;
        refreshCs0();
    }

    /**
     * Drives CS0 to its idle level (high) when the controller owns the pad and is idle; call when
     * IO_MUX changes (the SoC does), so a pad handed to HSPI does not keep a GPIO's low level.
     */
    public void refreshCs0() {
        if (cs0 != null && !busy && !pin.bit(0) && cs0Routed.getAsBoolean()) cs0.drive(true);
    }

    /** True while a transaction is in progress (SPI_CMD.USR reads 1). */
    public boolean busy() { return busy; }

    /** True while TRANS_DONE and TRANS_INTEN are both set. */
    public boolean interruptPending() { return (slave.get() & SLAVE_TRANS_DONE) != 0 && (slave.get() & SLAVE_TRANS_INTEN) != 0; }

    /** Transactions completed since construction. */
    public long transactions() { return transactions; }

    /** SPI clock divider from the 80 MHz APB clock, per SPI_CLOCK. */
    public int clockDivider() {
        int c = clock.get();
        if (c < 0) return 1;
        return (((c >>> 18) & 0x1FFF) + 1) * (((c >>> 12) & 0x3F) + 1);
    }

    public RegisterBank registers() { return regs; }

    @Override public int read(int offset, int size) { return regs.read(offset, size); }

    @Override public void write(int offset, int size, int value) { regs.write(offset, size, value); }

    // ---- transaction ----

    private void start() {
        if (busy) {
            log.guestError(name, "busy", "SPI_CMD.USR set while a transaction is in progress (ignored)");
            return;
        }
        int u = user.get();
        int u1 = user1.get();
        int u2 = user2.get();
        int ct = ctrl.get();
        boolean wrLsb = (ct & CTRL_WR_BIT_ORDER) != 0;
        int n = 0;
        if ((u & USER_COMMAND) != 0) {
            int bits = (u2 >>> 28) + 1;
            int value = u2 & 0xFFFF;
            for (int i = 0; i < bits; i++) {
                int b = i < 8 ? value & 0xFF : value >>> 8;
                int bit = wrLsb ? i & 7 : 7 - (i & 7);
                misoIndex[n] = -1;
                mosiBits[n++] = (byte) ((b >>> bit) & 1);
            }
        }
        if ((u & USER_ADDR) != 0) {
            int bits = (u1 >>> 26) + 1;
            if (bits > 32) log.unimplemented(name, "addr64", "address phase longer than 32 bits; bits beyond SPI_ADDR sent as 0");
            int a = addr.get();
            for (int i = 0; i < bits; i++) {
                misoIndex[n] = -1;
                mosiBits[n++] = (byte) (i < 32 ? (a >>> (31 - i)) & 1 : 0);
            }
        }
        if ((u & USER_DUMMY) != 0) {
            int bits = (u1 & 0xFF) + 1;
            for (int i = 0; i < bits; i++) { misoIndex[n] = -1; mosiBits[n++] = 0; }
        }
        int mosiLen = (u & USER_MOSI) != 0 ? ((u1 >>> 17) & 0x1FF) + 1 : 0;
        misoBits = (u & USER_MISO) != 0 ? ((u1 >>> 8) & 0x1FF) + 1 : 0;
        int mosiWord = (u & USER_MOSI_HIGHPART) != 0 ? 8 : 0;
        boolean wrBig = (u & USER_WR_BYTE_ORDER) != 0;
        int dataStart = n;
        for (int i = 0; i < mosiLen; i++) {
            misoIndex[n] = -1;
            mosiBits[n++] = (byte) bufferBit(mosiWord, i, wrBig, wrLsb);
        }
        if ((u & USER_DOUTDIN) != 0) {
            // Full duplex: MISO is sampled during the MOSI phase (which is extended if shorter).
            n = dataStart;
            int len = Math.max(mosiLen, misoBits);
            for (int i = 0; i < len; i++, n++) {
                if (i >= mosiLen) mosiBits[n] = 0;
                misoIndex[n] = (short) (i < misoBits ? i : -1);
            }
        } else {
            for (int i = 0; i < misoBits; i++) { misoIndex[n] = (short) i; mosiBits[n++] = 0; }
        }
        streamBits = n;
        if (n % 8 != 0)
            log.unimplemented(name, "partial", "transaction of " + n + " bits is not whole bytes; devices see the last byte padded with 0 bits");

        long clocks = n + ((u & USER_CS_SETUP) != 0 ? 1 : 0) + ((u & USER_CS_HOLD) != 0 ? 1 : 0);
        busy = true;
        cmd.set(cmd.get() | CMD_USR);
        if (cs0 != null && !pin.bit(0) && cs0Routed.getAsBoolean()) {
            csDriven = true;
            cs0.drive(false);
        }
        scheduler.scheduleIn(apb.durationOf(clocks * clockDivider()), eventName, finish);
    }

    private void finish() {
        int n = streamBits;
        int bytes = (n + 7) / 8;
        for (int k = 0; k < bytes; k++) {
            int out = 0;
            for (int j = 0; j < 8; j++) {
                int i = k * 8 + j;
                out = (out << 1) | (i < n ? mosiBits[i] : 0);
            }
            int in = 0xFF;
            for (SpiDevice d : devices) {
                int r = d.exchange(out);
                if (r != SpiDevice.NOT_DRIVEN && in == 0xFF) in = r & 0xFF;
            }
            stream[k] = (byte) in;
        }
        int u = user.get();
        int misoWord = (u & USER_MISO_HIGHPART) != 0 ? 8 : 0;
        boolean rdBig = (u & USER_RD_BYTE_ORDER) != 0;
        boolean rdLsb = (ctrl.get() & CTRL_RD_BIT_ORDER) != 0;
        for (int i = 0; i < n; i++) {
            int m = misoIndex[i];
            if (m < 0) continue;
            int bit = (stream[i >>> 3] >>> (7 - (i & 7))) & 1;
            setBufferBit(misoWord, m, rdBig, rdLsb, bit);
        }
        busy = false;
        transactions++;
        cmd.set(cmd.get() & ~CMD_USR);
        int s = slave.get() | SLAVE_TRANS_DONE;
        s = (s & ~(0xF << 23)) | (int) ((transactions & 0xF) << 23);
        slave.set(s);
        releaseCs();
        updateIrq();
    }

    private void releaseCs() {
        if (csDriven) {
            csDriven = false;
            cs0.drive(true);
        }
    }

    /** Bit {@code i} of the data stream in the W buffer starting at word {@code word0}. */
    private int bufferBit(int word0, int i, boolean bigEndian, boolean lsbFirst) {
        if (bigEndian) {
            int wi = word0 + i / 32;
            if (wi > 15) return 0;
            int bit = lsbFirst ? i & 31 : 31 - (i & 31);
            return (w[wi].get() >>> bit) & 1;
        }
        int byteIndex = i >>> 3;
        int wi = word0 + byteIndex / 4;
        if (wi > 15) return 0;
        int bit = (byteIndex & 3) * 8 + (lsbFirst ? i & 7 : 7 - (i & 7));
        return (w[wi].get() >>> bit) & 1;
    }

    private void setBufferBit(int word0, int i, boolean bigEndian, boolean lsbFirst, int value) {
        int wi, bit;
        if (bigEndian) {
            wi = word0 + i / 32;
            bit = lsbFirst ? i & 31 : 31 - (i & 31);
        } else {
            int byteIndex = i >>> 3;
            wi = word0 + byteIndex / 4;
            bit = (byteIndex & 3) * 8 + (lsbFirst ? i & 7 : 7 - (i & 7));
        }
        if (wi > 15) return;
        w[wi].setBit(bit, value != 0);
    }

    private void updateIrq() {
        boolean level = interruptPending();
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
