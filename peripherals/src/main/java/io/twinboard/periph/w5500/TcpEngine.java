package io.twinboard.periph.w5500;

import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Link;
import io.twinboard.periph.net.Network;

import static io.twinboard.periph.w5500.W5500Socket.*;

/**
 * TCP for one socket (datasheet v1.0.9 §4.2 Sn_CR and Sn_SR, §4.1 RTR/RCR): connect, listen, data
 * transfer through a {@link Link}, keep-alive, close, and the retransmission timeouts.
 *
 * <p>Timeouts (§4.1 RTR, RCR): ARP gives up after {@code (RCR+1) × RTR × 100 µs} (1.8 s with the
 * reset values); a TCP segment is retransmitted with the wait doubling from RTR up to
 * {@code RTR_MAX = RTR × 2^M} (the largest such value below 65536), RCR times, so the TCP timeout
 * is {@code (Σ_{k=0..M} RTR×2^k + (RCR−M) × RTR_MAX) × 100 µs} (31.8 s with the reset values).
 * Then Sn_IR.TIMEOUT is set and, in the same instant after it, Sn_SR becomes SOCK_CLOSED (ioLibrary's
 * {@code connect()} tests TIMEOUT before CLOSED). A TCP timeout happens when the peer never answers
 * a SYN, data, FIN or keep-alive probe: a {@link io.twinboard.periph.net.Endpoint.Silent silent}
 * endpoint, or a link {@link Link#cut() cut} at any time; the wait counts from the transmission.
 *
 * <p>SEND splits the bytes between Sn_TX_RD and Sn_TX_WR into segments of the effective MSS:
 * Sn_MSSR (0 or above 1460 means 1460) capped by the peer's segment size. SENDOK is raised when
 * every sent byte is acknowledged. Keep-alive (§4.2 Sn_KPALVTR, unit 5 s): after the first data
 * exchange, a probe goes out whenever the connection has been idle that long; SEND_KEEP sends one
 * by hand when Sn_KPALVTR is 0.
 */
final class TcpEngine implements Link.ChipEnd {
    static final int DEFAULT_MSS = 1460;
    /** TIME_WAIT is transient on the W5500; it lasts this long before SOCK_CLOSED. */
    static final long TIME_WAIT_PS = VirtualTime.ofMicros(10);
    private static final long RTR_UNIT_PS = VirtualTime.ofMicros(100);

    private final W5500Socket s;
    private Link link;
    private Scheduler.Event timeout;
    private Scheduler.Event keepAlive;
    private Scheduler.Event timeWait;
    private boolean dataExchanged;
    private boolean sendPending;
    private long lastActivity;
    /** Port registered with the network while in LISTEN, else -1. */
    private int listeningPort = -1;
    private boolean finOutstanding;
    private boolean probeOutstanding;

    TcpEngine(W5500Socket s) { this.s = s; }

    /** ARP timeout for the given RTR (100 µs units) and RCR, virtual ps. */
    static long arpTimeoutPs(int rtr, int rcr) { return (long) Math.max(rtr, 1) * (rcr + 1) * RTR_UNIT_PS; }

    /** TCP retransmission timeout for the given RTR (100 µs units) and RCR, virtual ps. */
    static long tcpTimeoutPs(int rtr, int rcr) {
        long base = Math.max(rtr, 1);
        long total = 0, wait = base;
        for (int k = 0; k <= rcr; k++) {
            total += wait;
            if (wait * 2 < 65536) wait *= 2;
        }
        return total * RTR_UNIT_PS;
    }

    Link link() { return link; }

    // ---- commands ----

    void connect() {
        s.setState(SOCK_SYNSENT);
        Network net = s.chip.network;
        switch (net.connect(s.n, s.destIp(), s.destPort(), this)) {
            case Network.ConnectResult.Connected c -> link = c.link();
            case Network.ConnectResult.Refused r -> timeout = s.sched().scheduleIn(r.rttPs(), "w5500.rst", this::refused);
            case Network.ConnectResult.NoAnswer x -> startTimeout(tcpTimeoutPs(s.chip.common.rtr(), s.chip.common.rcr()));
            case Network.ConnectResult.NoArp x -> startTimeout(arpTimeoutPs(s.chip.common.rtr(), s.chip.common.rcr()));
        }
    }

    void listen() {
        s.setState(SOCK_LISTEN);
        listeningPort = s.sourcePort();
        s.chip.network.listen(listeningPort, this);
    }

    private void stopListening() {
        if (listeningPort < 0) return;
        s.chip.network.unlisten(listeningPort, this);
        listeningPort = -1;
    }

    void send() {
        int len = (s.txWrCommitted - s.txSent) & 0xFFFF;
        if (len > s.txSize())
            s.chip.log.guestError(s.bank.name(), "sendTooMuch", "SEND of " + len + " bytes exceeds the " + s.txSize() + "-byte TX buffer");
        sendPending = true;
        if (len == 0) { maybeSendOk(); return; }
        int mss = mss();
        while (len > 0) {
            int seg = Math.min(mss, len);
            byte[] data = s.chip.memory.copyTx(s.n, s.txSent, seg);
            s.txSent = (s.txSent + seg) & 0xFFFF;
            len -= seg;
            if (link != null) link.chipSend(data);
        }
        touch();
        startTimeout(tcpTimeoutPs(s.chip.common.rtr(), s.chip.common.rcr()));
    }

    /** Effective MSS for SEND: Sn_MSSR (default 1460) capped by what the peer accepts per segment. */
    int mss() {
        int m = s.mssRegister();
        if (m == 0 || m > DEFAULT_MSS) m = DEFAULT_MSS;
        if (link != null) m = Math.min(m, link.profile().segmentSize());
        return m;
    }

    void sendKeep() {
        if (s.kpalvtr.get() != 0) {
            s.chip.log.guestError(s.bank.name(), "sendkeep", "SEND_KEEP while Sn_KPALVTR≠0 (keep-alive is automatic) ignored");
            return;
        }
        if (!dataExchanged) return; // the W5500 sends keep-alive only after a data exchange
        probe();
    }

    void disconnect() {
        int st = s.state();
        if (st == SOCK_ESTABLISHED || st == SOCK_CLOSE_WAIT) {
            s.setState(st == SOCK_ESTABLISHED ? SOCK_FIN_WAIT : SOCK_LAST_ACK);
            if (link != null) link.chipFin();
            finOutstanding = true;
            startTimeout(tcpTimeoutPs(s.chip.common.rtr(), s.chip.common.rcr()));
        } else {
            abort();
            s.setState(SOCK_CLOSED);
        }
    }

    void windowOpened() { if (link != null) link.chipWindowOpened(); }

    /** Drops the connection (peer sees RST) and timers; the caller sets the state. */
    void abort() {
        stopListening();
        if (link != null) link.chipReset();
        link = null;
        cancel();
        dataExchanged = false;
        sendPending = false;
        finOutstanding = probeOutstanding = false;
    }

    void keepAliveChanged() { if (dataExchanged) armKeepAlive(); }

    // ---- Link.ChipEnd ----

    @Override public int rxFree() { return s.rxFree(); }

    /** Sn_RXBUF_SIZE in bytes (§4.2 Sn_RXBUF_SIZE). */
    @Override public int rxSize() { return s.rxSize(); }

    @Override public int socketNumber() { return s.n; }

    /** A SYN for our LISTEN port: SYNRECV, and Sn_DIPR/Sn_DPORT now name the peer (§4.2 Sn_DIPR). */
    @Override public boolean incoming(Link l) {
        if (s.state() != SOCK_LISTEN) return false;
        stopListening();
        link = l;
        for (int i = 0; i < 4; i++) s.dipr[i].set(l.remoteIp().octet(i));
        Regs8.setU16(s.dport, l.remotePort());
        s.setState(SOCK_SYNRECV);
        return true;
    }

    @Override public void established() {
        if (s.state() != SOCK_SYNSENT && s.state() != SOCK_SYNRECV) return;
        s.setState(SOCK_ESTABLISHED);
        s.raise(IR_CON);
    }

    @Override public void deliver(byte[] data) {
        s.appendRx(data, 0, data.length);
        touch();
        s.raise(IR_RECV);
    }

    @Override public void acked(int bytes) {
        if (bytes == 0) probeOutstanding = false;
        s.txAcked = (s.txAcked + bytes) & 0xFFFF;
        if (nothingOutstanding()) cancelTimeout(); // the next transmission starts a fresh wait
        maybeSendOk();
    }

    @Override public void finAcked() {
        finOutstanding = false;
        if (nothingOutstanding()) cancelTimeout();
        if (s.state() == SOCK_LAST_ACK) closed(false);
    }

    @Override public void peerFin() {
        int st = s.state();
        if (st == SOCK_ESTABLISHED) {
            s.setState(SOCK_CLOSE_WAIT);
            s.raise(IR_DISCON);
        } else if (st == SOCK_FIN_WAIT || st == SOCK_CLOSING) {
            s.setState(SOCK_TIME_WAIT);
            s.raise(IR_DISCON);
            cancel();
            timeWait = s.sched().scheduleIn(TIME_WAIT_PS, "w5500.timewait", () -> closed(false));
        }
    }

    @Override public void peerReset() {
        link = null;
        closed(false);
        s.raise(IR_DISCON);
    }

    // ---- internals ----

    private void refused() {
        timeout = null;
        closed(false);
        s.raise(IR_DISCON);
    }

    private void maybeSendOk() {
        if (sendPending && s.txAcked == s.txSent && s.txSent == (s.txWrCommitted & 0xFFFF)) {
            sendPending = false;
            cancelTimeout();
            s.raise(IR_SENDOK);
        }
    }

    private void touch() {
        dataExchanged = true;
        lastActivity = s.sched().now();
        if (keepAlive == null || !keepAlive.isPending()) armKeepAlive();
    }

    private long keepAlivePeriodPs() { return s.kpalvtr.get() * VirtualTime.ofSeconds(5); }

    private void armKeepAlive() {
        if (keepAlive != null) keepAlive.cancel();
        keepAlive = null;
        long period = keepAlivePeriodPs();
        if (period == 0) return;
        keepAlive = s.sched().schedule(lastActivity + period, "w5500.s" + s.n + ".keepalive", this::keepAliveDue);
    }

    private void keepAliveDue() {
        keepAlive = null;
        int st = s.state();
        if (st != SOCK_ESTABLISHED && st != SOCK_CLOSE_WAIT) return;
        long period = keepAlivePeriodPs();
        if (period == 0) return;
        if (s.sched().now() < lastActivity + period) { armKeepAlive(); return; }
        probe();
        lastActivity = s.sched().now();
        armKeepAlive();
    }

    private void probe() {
        if (link != null) link.chipKeepAlive();
        probeOutstanding = true;
        startTimeout(tcpTimeoutPs(s.chip.common.rtr(), s.chip.common.rcr()));
    }

    /**
     * Arms the retransmission watchdog unless it runs: when it expires with the peer unreachable
     * (no link, or a cut one) the chip gives up — TIMEOUT, then SOCK_CLOSED. On a live link an
     * acknowledgement is only late (loss is modelled as delay), so the watchdog re-arms while
     * anything is unacknowledged.
     */
    private void startTimeout(long afterPs) {
        if (timeout != null && timeout.isPending()) return;
        timeout = s.sched().scheduleIn(afterPs, "w5500.s" + s.n + ".timeout", () -> {
            timeout = null;
            if (link != null && !link.isCut()) {
                if (!nothingOutstanding()) startTimeout(afterPs);
                return;
            }
            s.raise(IR_TIMEOUT);
            closed(true);
        });
    }

    private void closed(boolean abortLink) {
        stopListening();
        if (abortLink && link != null) link.chipReset();
        link = null;
        cancel();
        sendPending = false;
        dataExchanged = false;
        finOutstanding = probeOutstanding = false;
        s.setState(SOCK_CLOSED);
    }

    private boolean nothingOutstanding() { return s.txAcked == s.txSent && !finOutstanding && !probeOutstanding; }

    private void cancelTimeout() {
        if (timeout != null) timeout.cancel();
        timeout = null;
    }

    private void cancel() {
        cancelTimeout();
        if (timeWait != null) timeWait.cancel();
        timeWait = null;
        if (keepAlive != null) keepAlive.cancel();
        keepAlive = null;
    }
}
