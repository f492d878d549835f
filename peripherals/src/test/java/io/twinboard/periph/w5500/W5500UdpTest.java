package io.twinboard.periph.w5500;

import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Ipv4;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

import static io.twinboard.periph.w5500.W5500Socket.*;
import static io.twinboard.periph.w5500.WizHost.*;
import static org.junit.jupiter.api.Assertions.*;

/** UDP mode: sendto/recvfrom with the 8-byte RX header; DNS answered by the workbench resolver. */
class W5500UdpTest {
    static final Ipv4 DNS = Ipv4.of(192, 168, 1, 1);

    static byte[] query(int id, String name) {
        ByteArrayOutputStream q = new ByteArrayOutputStream();
        q.writeBytes(new byte[] {(byte) (id >>> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            q.write(label.length());
            q.writeBytes(label.getBytes());
        }
        q.writeBytes(new byte[] {0, 0, 1, 0, 1});
        return q.toByteArray();
    }

    /** ioLibrary sendto(): DIPR/DPORT, data at TX_WR, SEND, wait SENDOK or TIMEOUT. */
    static int sendto(WizHost h, int n, byte[] data, Ipv4 ip, int port) {
        h.write(sreg(n), 0x0C, ip.toBytes());
        h.write16(sreg(n), 0x10, port);
        int ptr = h.read16(sreg(n), 0x24);
        h.write(txbuf(n), ptr, data);
        h.write16(sreg(n), 0x24, ptr + data.length);
        h.command(n, CMD_SEND);
        while (true) {
            int ir = h.ir(n);
            if ((ir & IR_SENDOK) != 0) { h.clearIr(n, IR_SENDOK); return data.length; }
            if ((ir & IR_TIMEOUT) != 0) { h.clearIr(n, IR_TIMEOUT); return SOCKERR_TIMEOUT; }
            h.advance(VirtualTime.ofMicros(100));
        }
    }

    /** ioLibrary recvfrom(): header, then payload; one RECV. Returns {ip, port, payload}. */
    static Object[] recvfrom(WizHost h, int n) {
        assertTrue(h.waitUntil(() -> h.rxRsr(n) > 0, VirtualTime.ofSeconds(1), POLL_PS));
        int ptr = h.read16(sreg(n), 0x28);
        byte[] head = h.read(rxbuf(n), ptr, 8);
        int len = (head[6] & 0xFF) << 8 | (head[7] & 0xFF);
        byte[] data = h.read(rxbuf(n), ptr + 8, len);
        h.write16(sreg(n), 0x28, ptr + 8 + len);
        h.command(n, CMD_RECV);
        return new Object[] {Ipv4.fromBytes(head, 0), (head[4] & 0xFF) << 8 | (head[5] & 0xFF), data};
    }

    @Test void dnsQueryIsAnsweredByTheResolver() {
        WizHost h = new WizHost();
        h.net.addDnsServer(DNS).setResolver(name -> name.equals("broker.example")
                ? Optional.of(Ipv4.of(10, 1, 2, 3)) : Optional.empty());
        h.socket(1, MODE_UDP, 3000);
        assertEquals(SOCK_UDP, h.sr(1));
        byte[] q = query(0xBEEF, "broker.example");
        assertEquals(q.length, sendto(h, 1, q, DNS, 53));
        Object[] r = recvfrom(h, 1);
        assertEquals(DNS, r[0]);
        assertEquals(53, r[1]);
        byte[] a = (byte[]) r[2];
        assertEquals(0xBE, a[0] & 0xFF);
        assertEquals(0xEF, a[1] & 0xFF);
        assertEquals(0x80, a[2] & 0x80, "a response");
        assertEquals(0, a[3] & 0x0F, "NOERROR");
        assertEquals(1, a[7], "one answer");
        assertEquals(Ipv4.of(10, 1, 2, 3), Ipv4.fromBytes(a, a.length - 4));

        byte[] q2 = query(7, "nowhere.example");
        assertEquals(q2.length, sendto(h, 1, q2, DNS, 53));
        byte[] nx = (byte[]) recvfrom(h, 1)[2];
        assertEquals(3, nx[3] & 0x0F, "NXDOMAIN");
        assertEquals(0, nx[7], "no answer");
    }

    @Test void udpToUnconfiguredDestinationIsDroppedAndReported() {
        WizHost h = new WizHost();
        h.socket(0, MODE_UDP, 3000);
        assertEquals(4, sendto(h, 0, new byte[4], Ipv4.of(1, 2, 3, 4), 123));
        h.advance(VirtualTime.ofMillis(10));
        assertEquals(0, h.rxRsr(0));
        assertTrue(h.console.toString().contains("1.2.3.4:123 dropped"));
    }

    @Test void udpToAbsentHostTimesOutOnArp() {
        WizHost h = new WizHost();
        h.net.addAbsentHost(DNS).addDnsServer(DNS);
        h.socket(0, MODE_UDP, 3000);
        long t0 = h.sched.now();
        assertEquals(SOCKERR_TIMEOUT, sendto(h, 0, query(1, "a.b"), DNS, 53));
        assertEquals(1.8, (h.sched.now() - t0) / (double) VirtualTime.PS_PER_S, 0.01);
        assertEquals(SOCK_UDP, h.sr(0), "a UDP socket stays open after an ARP timeout");
    }

    @Test void datagramThatDoesNotFitIsDropped() {
        WizHost h = new WizHost();
        h.write8(sreg(0), 0x1E, 1);
        h.socket(0, MODE_UDP, 3000);
        W5500Socket s = h.chip.socket(0);
        s.udp.receive(DNS, 53, new byte[1000]);
        s.udp.receive(DNS, 53, new byte[100]); // 1008 + 108 > 1024
        assertEquals(1008, h.rxRsr(0));
        assertEquals(1, s.udp.droppedDatagrams());
    }
}
