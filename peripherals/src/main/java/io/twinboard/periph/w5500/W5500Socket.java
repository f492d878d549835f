package io.twinboard.periph.w5500;

import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.periph.net.Ipv4;

/**
 * One of the eight W5500 sockets: its register block (BSB 1+4n; datasheet v1.0.9 §3.2, §4.2), its
 * pointers into the buffer memory, command handling and the socket state (Sn_SR). Protocol work
 * is delegated to {@link TcpEngine} and {@link UdpEngine}.
 *
 * <p>Pointers are free-running 16-bit values (§4.2 Sn_TX_RD/WR, Sn_RX_RD/WR). The guest's writes
 * to Sn_TX_WR and Sn_RX_RD are stored and take effect at SEND and RECV. Sn_TX_FSR = TX size −
 * (committed TX_WR − acknowledged pointer); Sn_RX_RSR = RX_WR − committed RX_RD, both mod 2^16.
 * Each byte of a 16-bit register is read separately, so a value changing between two SPI frames
 * reads torn, exactly as on silicon (why ioLibrary reads RSR/FSR until two reads agree).
 *
 * <p>Sn_CR: the command is taken {@link W5500#COMMAND_PS} after the write; at that moment it acts
 * and Sn_CR reads 0 again (§4.2 Sn_CR: "cleared to 0x00 automatically" once recognised).
 */
final class W5500Socket {
    static final int CMD_OPEN = 0x01, CMD_LISTEN = 0x02, CMD_CONNECT = 0x04, CMD_DISCON = 0x08, CMD_CLOSE = 0x10,
            CMD_SEND = 0x20, CMD_SEND_MAC = 0x21, CMD_SEND_KEEP = 0x22, CMD_RECV = 0x40;
    static final int SOCK_CLOSED = 0x00, SOCK_INIT = 0x13, SOCK_LISTEN = 0x14, SOCK_SYNSENT = 0x15, SOCK_SYNRECV = 0x16,
            SOCK_ESTABLISHED = 0x17, SOCK_FIN_WAIT = 0x18, SOCK_CLOSING = 0x1A, SOCK_TIME_WAIT = 0x1B,
            SOCK_CLOSE_WAIT = 0x1C, SOCK_LAST_ACK = 0x1D, SOCK_UDP = 0x22, SOCK_MACRAW = 0x42;
    static final int IR_CON = 0x01, IR_DISCON = 0x02, IR_RECV = 0x04, IR_TIMEOUT = 0x08, IR_SENDOK = 0x10;
    static final int MODE_CLOSED = 0, MODE_TCP = 1, MODE_UDP = 2, MODE_MACRAW = 4;

    final int n;
    final W5500 chip;
    final RegisterBank bank;
    final Register mr, cr, ir, sr, tos, ttl, rxbufSize, txbufSize, imr, kpalvtr;
    final Register[] port, dhar, dipr, dport, mssr, txFsr, txRd, txWr, rxRsr, rxRd, rxWr, frag;
    final TcpEngine tcp;
    final UdpEngine udp;

    /** Committed write pointer (Sn_TX_WR at the last SEND). */
    int txWrCommitted;
    /** Pointer up to which TX data has been transmitted (Sn_TX_RD). */
    int txSent;
    /** Pointer up to which TX data has been acknowledged; frees TX space. */
    int txAcked;
    /** RX write pointer (Sn_RX_WR), advanced as data arrives. */
    int rxWrPtr;
    /** Committed read pointer (Sn_RX_RD at the last RECV). */
    int rxRdCommitted;
    private Scheduler.Event pendingCommand;

    W5500Socket(int n, W5500 chip) {
        this.n = n;
        this.chip = chip;
        String p = "S" + n + "_";
        bank = new RegisterBank("W5500.socket" + n, 0x30, 8, chip.log);
        mr = Regs8.one(bank, 0x00, p + "MR", 0).field("P", 0, 4).field("UCASTB_MIP6B", 4, 1).field("ND_MC_MMB", 5, 1)
                .field("BCASTB", 6, 1).field("MULTI_MFEN", 7, 1)
                .unmodelled(0xF0, "multicast, broadcast/unicast blocking, no-delayed-ACK and MAC filter flags are stored only");
        cr = Regs8.one(bank, 0x01, p + "CR", 0).onWrite((o, v, w) -> commandWritten(w & 0xFF));
        ir = Regs8.one(bank, 0x02, p + "IR", 0).readOnly().w1c(0x1F)
                .field("CON", 0, 1).field("DISCON", 1, 1).field("RECV", 2, 1).field("TIMEOUT", 3, 1).field("SENDOK", 4, 1)
                .onWrite((o, v, w) -> chip.interruptsChanged());
        sr = Regs8.one(bank, 0x03, p + "SR", SOCK_CLOSED).readOnly();
        port = Regs8.many(bank, 0x04, p + "PORT", 2, 0);
        dhar = Regs8.many(bank, 0x06, p + "DHAR", 6, 0xFFFF_FFFF_FFFFL);
        dipr = Regs8.many(bank, 0x0C, p + "DIPR", 4, 0);
        dport = Regs8.many(bank, 0x10, p + "DPORT", 2, 0);
        mssr = Regs8.many(bank, 0x12, p + "MSSR", 2, 0);
        tos = Regs8.one(bank, 0x15, p + "TOS", 0);
        ttl = Regs8.one(bank, 0x16, p + "TTL", 0x80);
        rxbufSize = Regs8.one(bank, 0x1E, p + "RXBUF_SIZE", 2).onWrite((o, v, w) -> sizeWritten("RX", v));
        txbufSize = Regs8.one(bank, 0x1F, p + "TXBUF_SIZE", 2).onWrite((o, v, w) -> sizeWritten("TX", v));
        txFsr = Regs8.many(bank, 0x20, p + "TX_FSR", 2, 0x0800);
        Regs8.readOnly16(txFsr, this::txFree);
        txRd = Regs8.many(bank, 0x22, p + "TX_RD", 2, 0);
        Regs8.readOnly16(txRd, () -> txSent & 0xFFFF);
        txWr = Regs8.many(bank, 0x24, p + "TX_WR", 2, 0);
        rxRsr = Regs8.many(bank, 0x26, p + "RX_RSR", 2, 0);
        Regs8.readOnly16(rxRsr, this::rxReceived);
        rxRd = Regs8.many(bank, 0x28, p + "RX_RD", 2, 0);
        rxWr = Regs8.many(bank, 0x2A, p + "RX_WR", 2, 0);
        Regs8.readOnly16(rxWr, () -> rxWrPtr & 0xFFFF);
        // §4.2 Sn_IMR [R/W][0x002C][0xFF]: bits 4..0 mask SENDOK, TIMEOUT, RECV, DISCON, CON; bits 7..5
        // are "Reserved". The datasheet gives only the reset value (so the reserved bits read 1 after
        // reset) and nothing about writing them: they keep their reset value — a write of 0xFF reads
        // back 0xFF, a write of 0x00 reads 0xE0 (not 0x1F / 0x00). Not checked against silicon.
        imr = Regs8.one(bank, 0x2C, p + "IMR", 0xFF).writeMask(0x1F);
        frag = Regs8.many(bank, 0x2D, p + "FRAG", 2, 0x4000);
        kpalvtr = Regs8.one(bank, 0x2F, p + "KPALVTR", 0).onWrite((o, v, w) -> keepAliveWritten());
        tcp = new TcpEngine(this);
        udp = new UdpEngine(this);
    }

    // ---- values ----

    int state() { return sr.get(); }
    int protocol() { return mr.get() & 0x0F; }
    int sourcePort() { return Regs8.u16(port); }
    int destPort() { return Regs8.u16(dport); }
    Ipv4 destIp() { return new Ipv4(dipr[0].get() << 24 | dipr[1].get() << 16 | dipr[2].get() << 8 | dipr[3].get()); }
    int mssRegister() { return Regs8.u16(mssr); }
    int txSize() { return chip.memory.txSize(n); }
    int rxSize() { return chip.memory.rxSize(n); }

    /** Sn_TX_FSR: free TX bytes. */
    int txFree() { return Math.max(0, txSize() - ((txWrCommitted - txAcked) & 0xFFFF)); }

    /** Sn_RX_RSR: received bytes not yet freed by RECV. */
    int rxReceived() { return (rxWrPtr - rxRdCommitted) & 0xFFFF; }

    /** RX bytes that can still arrive. */
    int rxFree() { return Math.max(0, rxSize() - rxReceived()); }

    /** Stores arriving bytes at Sn_RX_WR and advances it (the caller checked {@link #rxFree()}). */
    void appendRx(byte[] data, int off, int len) {
        chip.memory.fillRx(n, rxWrPtr, data, off, len);
        rxWrPtr = (rxWrPtr + len) & 0xFFFF;
    }

    /** Sets Sn_IR bits that Sn_IMR enables (§4.2 Sn_IR/Sn_IMR: a masked event sets no bit). */
    void raise(int bits) {
        int set = bits & imr.get();
        if (set == 0) return;
        ir.set(ir.get() | set);
        chip.interruptsChanged();
    }

    void setState(int s) { sr.set(s); }

    Scheduler sched() { return chip.sched; }

    // ---- configuration ----

    private void keepAliveWritten() { tcp.keepAliveChanged(); }

    private void sizeWritten(String dir, int kb) {
        if (!BufferMemory.validSize(kb))
            chip.log.guestError(bank.name(), dir + "size", "Sn_" + dir + "BUF_SIZE=" + kb + " is not 0/1/2/4/8/16 KB (socket gets no memory)");
        if (state() != SOCK_CLOSED)
            chip.log.guestError(bank.name(), dir + "sizeOpen", "Sn_" + dir + "BUF_SIZE changed while the socket is open");
        chip.reallocate();
    }

    // ---- commands ----

    private void commandWritten(int cmd) {
        if (pendingCommand != null && pendingCommand.isPending()) {
            chip.log.guestError(bank.name(), "cmdBusy", String.format("Sn_CR written (0x%02x) before the previous command was taken; ignored", cmd));
            return;
        }
        if (cmd == 0) return;
        pendingCommand = chip.sched.scheduleIn(W5500.COMMAND_PS, "w5500.s" + n + ".cmd", () -> {
            cr.set(0);
            execute(cmd);
        });
    }

    private void execute(int cmd) {
        int st = state();
        switch (cmd) {
            case CMD_OPEN -> open();
            case CMD_LISTEN -> { if (st == SOCK_INIT) tcp.listen(); else wrongState("LISTEN", st); }
            case CMD_CONNECT -> { if (st == SOCK_INIT) tcp.connect(); else wrongState("CONNECT", st); }
            case CMD_DISCON -> { if (protocol() == MODE_TCP && st != SOCK_CLOSED) tcp.disconnect(); else wrongState("DISCON", st); }
            case CMD_CLOSE -> close();
            case CMD_SEND, CMD_SEND_MAC -> {
                txWrCommitted = Regs8.u16(txWr);
                if (st == SOCK_ESTABLISHED || st == SOCK_CLOSE_WAIT) tcp.send();
                else if (st == SOCK_UDP) udp.send();
                else wrongState(cmd == CMD_SEND ? "SEND" : "SEND_MAC", st);
            }
            case CMD_SEND_KEEP -> {
                if (st == SOCK_ESTABLISHED || st == SOCK_CLOSE_WAIT) tcp.sendKeep();
                else wrongState("SEND_KEEP", st);
            }
            case CMD_RECV -> {
                rxRdCommitted = Regs8.u16(rxRd);
                if (rxReceived() > rxSize())
                    chip.log.guestError(bank.name(), "rxrd", "Sn_RX_RD moved past Sn_RX_WR at RECV");
                if (protocol() == MODE_TCP) tcp.windowOpened();
            }
            default -> chip.log.guestError(bank.name(), "cmd" + cmd, String.format("unknown Sn_CR command 0x%02x", cmd));
        }
    }

    private void wrongState(String cmd, int st) {
        chip.log.guestError(bank.name(), "state-" + cmd + st, String.format("%s in state 0x%02x has no effect", cmd, st));
    }

    private void open() {
        abort();
        chip.memory.checkTotals();
        txWrCommitted = txSent = txAcked = 0;
        rxWrPtr = rxRdCommitted = 0;
        Regs8.setU16(txWr, 0);
        Regs8.setU16(rxRd, 0);
        switch (protocol()) {
            case MODE_TCP -> setState(SOCK_INIT);
            case MODE_UDP -> { setState(SOCK_UDP); udp.open(); }
            case MODE_MACRAW -> {
                if (n != 0) chip.log.guestError(bank.name(), "macraw", "MACRAW mode is valid on socket 0 only");
                chip.log.unimplemented(bank.name(), "macraw", "MACRAW mode is not modelled (no frames are sent or received)");
                setState(n == 0 ? SOCK_MACRAW : SOCK_CLOSED);
            }
            default -> {
                chip.log.guestError(bank.name(), "openMode" + protocol(), "OPEN with Sn_MR protocol " + protocol() + " (not TCP/UDP/MACRAW)");
                setState(SOCK_CLOSED);
            }
        }
    }

    private void close() {
        abort();
        setState(SOCK_CLOSED);
    }

    /** Drops any connection (the peer sees RST) and every pending socket timer. */
    void abort() {
        tcp.abort();
        udp.close();
    }

    /** Back to reset values (hardware reset, MR.RST). */
    void reset() {
        abort();
        if (pendingCommand != null) pendingCommand.cancel();
        pendingCommand = null;
        bank.reset();
        txWrCommitted = txSent = txAcked = rxWrPtr = rxRdCommitted = 0;
    }
}
