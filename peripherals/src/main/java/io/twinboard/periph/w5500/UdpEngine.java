package io.twinboard.periph.w5500;

import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.Network;

import static io.twinboard.periph.w5500.W5500Socket.*;

/**
 * UDP for one socket (datasheet v1.0.9 §4.2 Sn_MR P=0010, Sn_CR SEND/RECV in UDP mode). SEND takes
 * the bytes between Sn_TX_RD and Sn_TX_WR as one datagram to Sn_DIPR:Sn_DPORT; SENDOK follows its
 * serialization at 100 Mbit/s. A received datagram is stored in the RX buffer behind an 8-byte
 * header — source IP (4), source port (2), payload length (2), big-endian — and raises RECV; a
 * datagram that does not fit in the free RX space is dropped, as the chip does.
 */
final class UdpEngine {
    static final int HEADER_BYTES = 8;
    static final int MAX_PAYLOAD = 1472;
    /** Ethernet + IPv4 + UDP framing added to each datagram on the wire, bytes. */
    private static final int FRAMING_BYTES = 14 + 20 + 8 + 4;
    private static final long WIRE_BPS = 100_000_000L;

    private final W5500Socket s;
    /** Changes at each OPEN/CLOSE so that late replies to an earlier use of the socket are dropped. */
    private int generation;
    private Scheduler.Event pending;
    private long droppedDatagrams;

    UdpEngine(W5500Socket s) { this.s = s; }

    void open() { generation++; }

    void close() {
        generation++;
        if (pending != null) pending.cancel();
        pending = null;
    }

    void send() {
        int len = (s.txWrCommitted - s.txSent) & 0xFFFF;
        if (len > MAX_PAYLOAD)
            s.chip.log.unimplemented(s.bank.name(), "udpFrag", "UDP datagram of " + len + " bytes > 1472 (IP fragmentation) sent whole");
        byte[] payload = s.chip.memory.copyTx(s.n, s.txSent, len);
        s.txSent = s.txWrCommitted & 0xFFFF;
        int gen = generation;
        Network.UdpResult r = s.chip.network.sendUdp(s.n, s.sourcePort(), s.destIp(), s.destPort(), payload,
                (from, port, data) -> { if (gen == generation) receive(from, port, data); });
        if (r == Network.UdpResult.NO_ARP) {
            long t = TcpEngine.arpTimeoutPs(s.chip.common.rtr(), s.chip.common.rcr());
            pending = s.sched().scheduleIn(t, "w5500.s" + s.n + ".arpTimeout", () -> {
                s.txAcked = s.txSent;
                s.raise(IR_TIMEOUT);
            });
        } else {
            long t = (len + FRAMING_BYTES) * 8L * VirtualTime.PS_PER_S / WIRE_BPS;
            pending = s.sched().scheduleIn(t, "w5500.s" + s.n + ".sent", () -> {
                s.txAcked = s.txSent;
                s.raise(IR_SENDOK);
            });
        }
    }

    /** A datagram for this socket arrived. */
    void receive(Ipv4 from, int fromPort, byte[] data) {
        if (s.state() != SOCK_UDP) return;
        if (s.rxFree() < HEADER_BYTES + data.length) {
            droppedDatagrams++;
            s.chip.log.info(s.bank.name(), "udpDrop", "UDP datagram from " + from + ":" + fromPort + " dropped: RX buffer full");
            return;
        }
        byte[] h = new byte[HEADER_BYTES];
        System.arraycopy(from.toBytes(), 0, h, 0, 4);
        h[4] = (byte) (fromPort >>> 8);
        h[5] = (byte) fromPort;
        h[6] = (byte) (data.length >>> 8);
        h[7] = (byte) data.length;
        s.appendRx(h, 0, h.length);
        s.appendRx(data, 0, data.length);
        s.raise(IR_RECV);
    }

    long droppedDatagrams() { return droppedDatagrams; }
}
