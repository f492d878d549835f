package io.twinboard.bench.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinboard.bench.inspect.TlsTranscript.Splitter;
import io.twinboard.bench.pki.Pki;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Network;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.LinkTap;
import io.twinboard.periph.net.LinkTap.Close;

/** A capture of a real TLS exchange, read back by our own parser and by tshark when installed. */
class PcapngCaptureTest {
    private static final Ipv4 PEER = Ipv4.of(10, 0, 0, 2);

    /** Captures one TLS 1.2 exchange (connection 1) to {@code file}; returns the transcript. */
    private static TlsTranscript capture(Path file) throws Exception {
        TlsTranscript t = TlsDecodingTest.tls12(TlsDecodingTest.ECDSA_SUITE);
        try (PcapngCapture cap = PcapngCapture.toFile(file, PcapngCapture.DEFAULT_BOARD_IP)) {
            TrafficLog log = new TrafficLog();
            LinkTap tap = LinkTap.both(log, cap);
            resolve(tap, Pki.DEFAULT_BROKER_HOST);
            tap.opened(1, 0, false, PEER, 8883, -1, 10_000_000_000L);
            tap.established(1, 10_400_000_000L);
            t.feed(tap, 1, 10_500_000_000L, Splitter.random(11));
            tap.closed(1, Close.CHIP_FIN, 90_000_000_000L);
            tap.closed(1, Close.PEER_FIN, 91_000_000_000L);
        }
        return t;
    }

    @Test
    void blocksPacketsAndChecksumsAreWellFormed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tls.pcapng");
        TlsTranscript t = capture(file);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0A0D0D0A, b.getInt(0));
        assertEquals(0x1A2B3C4D, b.getInt(8));
        List<byte[]> packets = new ArrayList<>();
        long lastTs = -1;
        int linkType = -1;
        for (int at = 0; at < b.limit(); ) {
            int type = b.getInt(at), len = b.getInt(at + 4);
            assertEquals(0, len & 3, "32-bit aligned");
            assertEquals(len, b.getInt(at + len - 4), "trailing length");
            if (type == 1) linkType = b.getShort(at + 8);
            if (type == 6) {
                long ts = (long) b.getInt(at + 12) << 32 | b.getInt(at + 16) & 0xFFFFFFFFL;
                assertTrue(ts >= lastTs);
                lastTs = ts;
                byte[] p = new byte[b.getInt(at + 20)];
                b.get(at + 28, p);
                packets.add(p);
            }
            at += len;
        }
        assertEquals(PcapngWriter.LINKTYPE_RAW, linkType);
        assertEquals(91_000_000L, lastTs, "ns of the last FIN");
        long fromBoard = 0, fromPeer = 0;
        for (byte[] p : packets) {
            assertEquals(0, IpPackets.checksum(p, 0, 20, 0), "IPv4 header checksum");
            if (p[9] != IpPackets.TCP) continue;
            int tcpLen = p.length - 20;
            long pseudo = sum(p, 12, 8) + 6 + tcpLen;
            assertEquals(0, IpPackets.checksum(p, 20, tcpLen, pseudo), "TCP checksum");
            if (Ipv4.fromBytes(p, 12).equals(PcapngCapture.DEFAULT_BOARD_IP)) fromBoard += p.length - 40; else fromPeer += p.length - 40;
        }
        assertEquals(t.all(true).length, fromBoard);
        assertEquals(t.all(false).length, fromPeer);
    }

    private static final Ipv4 DNS = Ipv4.of(10, 0, 0, 53);

    /** A DNS query for {@code name} (RFC 1035 §4.1) answered by the project's Network resolver, both through {@code tap}. */
    private static void resolve(LinkTap tap, String name) {
        ByteArrayOutputStream q = new ByteArrayOutputStream();
        q.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) { q.write(label.length()); q.writeBytes(label.getBytes(StandardCharsets.US_ASCII)); }
        q.writeBytes(new byte[] {0, 0, 1, 0, 1});
        byte[] query = q.toByteArray();
        Scheduler sched = new Scheduler();
        Network net = new Network(sched).addDnsServer(DNS).setResolver(n -> n.equals(name) ? Optional.of(PEER) : Optional.empty());
        tap.datagram(1, true, 49200, DNS, 53, sched.now(), query, 0, query.length);
        net.sendUdp(1, 49200, DNS, 53, query, (from, port, answer) -> tap.datagram(1, false, 49200, from, port, sched.now(), answer, 0, answer.length));
        sched.advanceTo(VirtualTime.ofMillis(5));
    }

    private static long sum(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) s += (b[off + i] & 0xFF) << 8 | b[off + i + 1] & 0xFF;
        return s;
    }

    @Test
    void tsharkReassemblesAndDecodesTheHandshake(@TempDir Path dir) throws Exception {
        boolean ci = System.getenv("CI") != null;
        assumeTrue(ci || Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed (apt-get install tshark)");
        Path file = dir.resolve("tls.pcapng");
        TlsTranscript t = capture(file);
        List<String> lines = tshark(dir, file, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-d", "tcp.port==8883,tls", "-Y", "tls.handshake", "-T", "fields", "-E", "separator=|",
                "-e", "tls.handshake.type", "-e", "tls.handshake.ciphersuite", "-e", "tls.handshake.extensions_server_name");
        String clientHello = lines.stream().filter(l -> l.startsWith("1|")).findFirst().orElseThrow(() -> new AssertionError(lines));
        assertTrue(clientHello.endsWith("|broker.twinboard.test"), clientHello);
        String serverHello = lines.stream().filter(l -> l.matches("2(,\\d+)*\\|.*")).findFirst().orElseThrow(() -> new AssertionError(lines));
        assertTrue(serverHello.contains("0xc02b"), serverHello);
        assertTrue(serverHello.startsWith("2,11,12,14|"), "one record carrying the server's flight, reassembled: " + serverHello);
        List<String> bad = tshark(dir, file, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-Y", "tcp.checksum.status == 0 || ip.checksum.status == 0 || tcp.analysis.flags || _ws.malformed");
        assertEquals(List.of(), bad, "no bad checksums, TCP analysis warnings or malformed packets");
        List<String> dns = tshark(dir, file, "-o", "udp.check_checksum:TRUE", "-Y", "dns && udp.checksum.status == 1",
                "-T", "fields", "-e", "dns.qry.name", "-e", "dns.a");
        assertEquals(List.of(Pki.DEFAULT_BROKER_HOST + "\t", Pki.DEFAULT_BROKER_HOST + "\t" + PEER), dns);
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", t.negotiatedSuite);
    }

    @Test
    void tsharkDecryptsMqttInsideTlsWithTheEmbeddedKeyLog(@TempDir Path dir) throws Exception {
        boolean ci = System.getenv("CI") != null;
        assumeTrue(ci || Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed (apt-get install tshark)");
        byte[] connect = MqttDecodingTest.connectPacket("twinboard-board");
        BcTlsSession s = BcTlsSession.run(TlsDecodingTest.PKI.server(io.twinboard.bench.pki.KeyKind.EC_P256), connect,
                new byte[] {0x20, 0x02, 0x00, 0x00});
        Path file = dir.resolve("mqtts.pcapng");
        try (PcapngCapture cap = PcapngCapture.toFile(file, PcapngCapture.DEFAULT_BOARD_IP)) {
            cap.opened(1, 0, false, PEER, 8883, -1, 0);
            cap.established(1, 1_000_000L);
            cap.tlsKeyLog(s.keyLog);
            long t = 2_000_000L;
            for (TlsTranscript.Chunk c : s.chunks) cap.bytes(1, PEER + ":8883", c.toPeer(), t += 1_000_000L, c.bytes(), 0, c.bytes().length);
        }
        List<String> lines = tshark(dir, file, "-d", "tcp.port==8883,tls", "-Y", "mqtt", "-T", "fields",
                "-e", "mqtt.msgtype", "-e", "mqtt.clientid", "-e", "mqtt.conack.val");
        assertEquals(List.of("1|twinboard-board|", "2||0").toString(), lines.stream().map(l -> l.replace('\t', '|')).toList().toString());
    }

    @Test
    void inboundConnectionsStartWithTheClientsSyn(@TempDir Path dir) throws Exception {
        boolean ci = System.getenv("CI") != null;
        assumeTrue(ci || Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed (apt-get install tshark)");
        TlsTranscript t = TlsDecodingTest.tls12(TlsDecodingTest.ECDSA_SUITE);
        Path file = dir.resolve("inbound.pcapng");
        Ipv4 browser = Ipv4.of(10, 0, 0, 7);
        try (PcapngCapture cap = PcapngCapture.toFile(file, PcapngCapture.DEFAULT_BOARD_IP)) {
            cap.opened(1, -1, true, browser, 51000, 443, 0);
            cap.established(1, 1_000_000_000L);
            t.feed(cap, 1, 1_000_000_000L, Splitter.WHOLE, false, browser + ":51000");
        }
        List<String> lines = tshark(dir, file, "-Y", "tcp.flags.syn == 1 || tls.handshake.type == 1", "-T", "fields",
                "-e", "ip.src", "-e", "tcp.dstport", "-e", "tcp.flags.ack", "-e", "tls.handshake.type");
        assertEquals(List.of("10.0.0.7\t443\tFalse\t", "192.168.1.50\t51000\tTrue\t", "10.0.0.7\t443\tTrue\t1"),
                lines.stream().map(l -> l.replace("\t0\t", "\tFalse\t").replace("\t1\t", "\tTrue\t")).toList());
    }

    private static List<String> tshark(Path dir, Path file, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("tshark.out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit status");
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
