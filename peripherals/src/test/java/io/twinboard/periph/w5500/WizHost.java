package io.twinboard.periph.w5500;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.Network;
import io.twinboard.periph.signal.Wire;

import java.util.function.BooleanSupplier;

import static io.twinboard.periph.w5500.W5500Socket.*;

/**
 * Test host that speaks to the W5500 the way WIZnet's ioLibrary does: VDM frames, one frame per
 * register byte for 16-bit values, the getSn_RX_RSR/getSn_TX_FSR double read, and the
 * socket/connect/send/recv/disconnect/close flows. Each SPI byte takes 8 clocks at 21 MHz of
 * virtual time, so chip events (command completion, arriving data) interleave with frames as on
 * a board.
 */
final class WizHost {
    static final int SOCK_OK = 1, SOCK_BUSY = 0, SOCKERR_SOCKCLOSED = -4, SOCKERR_TIMEOUT = -13, SOCKERR_SOCKSTATUS = -7;
    static final long BYTE_PS = 8 * VirtualTime.PS_PER_S / 21_000_000L;
    static final long POLL_PS = VirtualTime.ofMicros(50);

    final Scheduler sched = new Scheduler();
    final GuestLog log = new GuestLog(null);
    final Network net = new Network(sched);
    final Wire rstn = new Wire("RSTn", true);
    final Wire intn = new Wire("INTn", true);
    final W5500 chip;
    final StringBuilder console = new StringBuilder();

    WizHost() {
        net.setReporter(m -> console.append(m).append('\n'));
        chip = new W5500(sched, log, net, rstn, intn);
    }

    static int sreg(int n) { return 1 + 4 * n; }
    static int txbuf(int n) { return 2 + 4 * n; }
    static int rxbuf(int n) { return 3 + 4 * n; }

    /**
     * Lets {@code ps} of virtual time pass the way the machine's run loop does: each slice starts
     * with {@link io.twinboard.periph.net.Network#beforeRun}, which hands over host-socket data and
     * paces against wall-clock time while a live peer is connected.
     */
    void advance(long ps) {
        long target = sched.now() + ps;
        while (sched.now() < target) sched.advanceTo(net.beforeRun(sched.now(), Math.min(target, sched.nextDeadline())));
    }

    /** Polls {@code cond} every {@code pollPs} until true or {@code timeoutPs} passed. */
    boolean waitUntil(BooleanSupplier cond, long timeoutPs, long pollPs) {
        long end = sched.now() + timeoutPs;
        while (!cond.getAsBoolean()) {
            if (sched.now() >= end) return false;
            advance(pollPs);
        }
        return true;
    }

    // ---- frames ----

    /** One raw frame: returns MISO for every byte (header included). */
    int[] frame(int... mosi) {
        chip.chipSelect(true);
        int[] miso = new int[mosi.length];
        for (int i = 0; i < mosi.length; i++) {
            miso[i] = chip.exchange(mosi[i]);
            advance(BYTE_PS);
        }
        chip.chipSelect(false);
        advance(BYTE_PS);
        return miso;
    }

    byte[] read(int bsb, int addr, int len) {
        int[] out = new int[3 + len];
        out[0] = addr >>> 8 & 0xFF;
        out[1] = addr & 0xFF;
        out[2] = bsb << 3;
        int[] miso = frame(out);
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) b[i] = (byte) miso[3 + i];
        return b;
    }

    void write(int bsb, int addr, byte[] data) {
        int[] out = new int[3 + data.length];
        out[0] = addr >>> 8 & 0xFF;
        out[1] = addr & 0xFF;
        out[2] = bsb << 3 | 0x04;
        for (int i = 0; i < data.length; i++) out[3 + i] = data[i] & 0xFF;
        frame(out);
    }

    int read8(int bsb, int addr) { return read(bsb, addr, 1)[0] & 0xFF; }

    void write8(int bsb, int addr, int v) { write(bsb, addr, new byte[] {(byte) v}); }

    /** As ioLibrary's WIZCHIP_READ pairs: high byte and low byte in two frames. */
    int read16(int bsb, int addr) { return read8(bsb, addr) << 8 | read8(bsb, addr + 1); }

    void write16(int bsb, int addr, int v) { write8(bsb, addr, v >>> 8); write8(bsb, addr + 1, v); }

    // ---- ioLibrary socket API ----

    /** getSn_RX_RSR: read until two reads agree (a first 0 returns at once). */
    int rxRsr(int n) {
        int v1, v2 = 0;
        do {
            v1 = read16(sreg(n), 0x26);
            if (v1 != 0) v2 = read16(sreg(n), 0x26);
        } while (v1 != 0 && v1 != v2);
        return v1;
    }

    int txFsr(int n) {
        int v1, v2 = 0;
        do {
            v1 = read16(sreg(n), 0x20);
            if (v1 != 0) v2 = read16(sreg(n), 0x20);
        } while (v1 != 0 && v1 != v2);
        return v1;
    }

    int sr(int n) { return read8(sreg(n), 0x03); }
    int ir(int n) { return read8(sreg(n), 0x02); }
    void clearIr(int n, int bits) { write8(sreg(n), 0x02, bits); }

    /** setSn_CR then {@code while(getSn_CR(sn));}. */
    void command(int n, int cmd) {
        write8(sreg(n), 0x01, cmd);
        while (read8(sreg(n), 0x01) != 0) { /* each read takes SPI time */ }
    }

    int socket(int n, int protocol, int port) {
        command(n, CMD_CLOSE);
        write8(sreg(n), 0x00, protocol);
        write16(sreg(n), 0x04, port);
        command(n, CMD_OPEN);
        while (sr(n) == SOCK_CLOSED) { /* ioLibrary waits for the state */ }
        return n;
    }

    int connect(int n, Ipv4 ip, int port) {
        return connect(n, ip, port, POLL_PS);
    }

    /** As {@link #connect} but polling every 1 ms, for waits of many virtual seconds. */
    int connectPolling(int n, Ipv4 ip, int port) {
        return connect(n, ip, port, VirtualTime.ofMillis(1));
    }

    private int connect(int n, Ipv4 ip, int port, long pollPs) {
        write(sreg(n), 0x0C, ip.toBytes());
        write16(sreg(n), 0x10, port);
        command(n, CMD_CONNECT);
        while (sr(n) != SOCK_ESTABLISHED) {
            if ((ir(n) & IR_TIMEOUT) != 0) { clearIr(n, IR_TIMEOUT); return SOCKERR_TIMEOUT; }
            if (sr(n) == SOCK_CLOSED) return SOCKERR_SOCKCLOSED;
            advance(pollPs);
        }
        return SOCK_OK;
    }

    /** Blocking send as ioLibrary's send(): wait for space, write at TX_WR, SEND, wait SENDOK. */
    int send(int n, byte[] data) {
        int fsr;
        while ((fsr = txFsr(n)) < data.length) {
            int st = sr(n);
            if (st != SOCK_ESTABLISHED && st != SOCK_CLOSE_WAIT) return SOCKERR_SOCKSTATUS;
            advance(POLL_PS);
        }
        int ptr = read16(sreg(n), 0x24);
        write(txbuf(n), ptr, data);
        write16(sreg(n), 0x24, ptr + data.length);
        command(n, CMD_SEND);
        while ((ir(n) & IR_SENDOK) == 0) {
            int st = sr(n);
            if (st != SOCK_ESTABLISHED && st != SOCK_CLOSE_WAIT) {
                if (st == SOCK_CLOSED || (ir(n) & IR_TIMEOUT) != 0) command(n, CMD_CLOSE);
                return SOCKERR_SOCKSTATUS;
            }
            advance(POLL_PS);
        }
        clearIr(n, IR_SENDOK);
        return data.length;
    }

    /** Non-blocking recv: what is there, up to {@code max} bytes, in one VDM burst. */
    byte[] recv(int n, int max) {
        int len = Math.min(rxRsr(n), max);
        if (len == 0) return new byte[0];
        int ptr = read16(sreg(n), 0x28);
        byte[] b = read(rxbuf(n), ptr, len);
        write16(sreg(n), 0x28, ptr + len);
        command(n, CMD_RECV);
        return b;
    }

    int disconnect(int n) {
        command(n, CMD_DISCON);
        while (sr(n) != SOCK_CLOSED) {
            if ((ir(n) & IR_TIMEOUT) != 0) { command(n, CMD_CLOSE); return SOCKERR_TIMEOUT; }
            advance(POLL_PS);
        }
        return SOCK_OK;
    }

    void close(int n) {
        command(n, CMD_CLOSE);
        clearIr(n, 0xFF);
    }
}
