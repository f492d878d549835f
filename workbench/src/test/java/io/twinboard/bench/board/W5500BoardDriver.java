package io.twinboard.bench.board;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Ipv4;

/**
 * What a W5500 driver does over a board's SPI controller, for board tests that play the firmware
 * through the bus: VDM frames (W5500 datasheet v1.0.9 §2.2: address, control byte with BSB/RWB,
 * data) between chip-select edges, register reads and writes, and ioLibrary's
 * {@code setSn_CR(); while (getSn_CR());}. Subclasses give the controller's byte exchange and
 * chip select; time advances only through {@link #step}, as the firmware's polling would.
 */
abstract class W5500BoardDriver {
    static final int SIMR = 0x0018, SIR = 0x0017, SN_MR = 0x00, SN_CR = 0x01, SN_IR = 0x02, SN_SR = 0x03, SN_PORT = 0x04,
            SN_DIPR = 0x0C, SN_DPORT = 0x10, SN_TX_WR = 0x24, SN_IMR = 0x2C;
    static final int IR_CON = 0x01, IR_RECV = 0x04, CMD_OPEN = 0x01, CMD_CONNECT = 0x04, CMD_SEND = 0x20;
    static final long MS = VirtualTime.PS_PER_MS;
    static final Ipv4 PEER = Ipv4.of(192, 168, 1, 50);

    Bus bus;
    Scheduler sched;

    void step() { sched.advanceTo(sched.now() + 100_000); } // 100 ns

    /** Drives SCSn: low selects the chip. */
    abstract void chipSelect(boolean low);

    /** One byte through the controller, waiting as the firmware's driver does; the byte read. */
    abstract int xfer(int out);

    /** One VDM frame; returns the data bytes read. */
    int[] frame(int addr, int bsb, boolean write, int... data) {
        chipSelect(true);
        xfer(addr >>> 8 & 0xFF);
        xfer(addr & 0xFF);
        xfer(bsb << 3 | (write ? 0x04 : 0));
        int[] in = new int[data.length];
        for (int i = 0; i < data.length; i++) in[i] = xfer(data[i]);
        chipSelect(false);
        return in;
    }

    int read8(int bsb, int addr) { return frame(addr, bsb, false, 0)[0]; }
    void write8(int bsb, int addr, int v) { frame(addr, bsb, true, v); }

    /** setSn_CR then {@code while(getSn_CR(0));}. */
    void command(int cmd) {
        write8(1, SN_CR, cmd);
        while (read8(1, SN_CR) != 0) { /* each read takes SPI time */ }
    }
}
