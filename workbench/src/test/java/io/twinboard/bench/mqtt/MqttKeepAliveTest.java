package io.twinboard.bench.mqtt;

import io.twinboard.bench.board.BoardCatalog;
import io.twinboard.bench.board.BoardOptions;
import io.twinboard.bench.broker.Broker;
import io.twinboard.bench.broker.BrokerOptions;
import io.twinboard.bench.broker.EmbeddedBroker;
import io.twinboard.bench.broker.ObservedMessage;
import io.twinboard.bench.broker.ObservedPacket;
import io.twinboard.bench.broker.TlsOffer;
import io.twinboard.bench.firmware.Images;
import io.twinboard.bench.inspect.ConnectionTrace;
import io.twinboard.bench.inspect.Decoded.TlsRecord;
import io.twinboard.bench.inspect.TrafficEvent;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.LinkProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The MQTT session's provisioned keep-alive and telemetry QoS, end to end: the real
 * mqtt-tls-client firmware on an emulated board, over TLS to the embedded broker. With a short
 * keep-alive and telemetry further apart than it, the link goes idle and the firmware must send
 * PINGREQ (after 3/4 of the keep-alive without sending) and get PINGRESP; with QoS 0 telemetry the
 * broker must see QoS 0 PUBLISH packets; a broker that never answers PINGREQ must end the session
 * with the firmware's keep-alive error. Virtual time is paced against wall-clock time while the
 * broker is connected, so the runs keep to a few virtual seconds.
 */
class MqttKeepAliveTest {
    static final int KEEP_ALIVE_S = 2;
    /** A 2-byte MQTT packet (PINGREQ, PINGRESP, DISCONNECT) in one TLS 1.2 AES-GCM record: 8-byte explicit nonce + 16-byte tag. */
    static final int TWO_BYTE_PACKET_RECORD = 2 + 8 + 16;

    static Pki pki;

    @BeforeAll static void pki() { pki = Pki.generate(11); }

    static MqttSetup setup(String board, String host, int port, java.nio.file.Path ca, int count, int intervalMs, int commands) {
        return new MqttSetup(Pki.DEFAULT_BROKER_HOST, host, port, ca, null, null, "ka-" + board, "board", "board-secret",
                "ka/" + board, count, intervalMs, commands, 2, LinkProfile.lan());
    }

    static MqttReport run(String board, MqttSetup setup, Broker broker, long limit) throws Exception {
        ElfImage elf = ElfImage.load(Images.require(board, "mqtt-tls-client"));
        return MqttRun.run(BoardCatalog.load(board), elf, setup, broker, BoardOptions.defaults().withDiagnostics(null),
                OutputStream.nullOutputStream(), limit);
    }

    static EmbeddedBroker broker() {
        return EmbeddedBroker.start(BrokerOptions.of(pki).withUser("board", "board-secret").withServerCredential(pki.server(KeyKind.EC_P256)));
    }

    static String console(MqttReport r) { return String.join("\n", r.console()); }

    /** Encrypted ApplicationData records of the board's broker connection, in order. */
    static List<TrafficEvent> appData(MqttReport r) {
        ConnectionTrace c = r.traffic().connections().stream().filter(t -> t.protocol() == ConnectionTrace.Protocol.TLS)
                .findFirst().orElseThrow(() -> new AssertionError("no TLS connection in\n" + r.traffic().format()));
        return c.events().stream().filter(e -> e.what() instanceof TlsRecord t && t.encrypted() && t.contentType() == 23).toList();
    }

    static int length(TrafficEvent e) { return ((TlsRecord) e.what()).length(); }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void anIdleLinkSendsPingreqAndThePingrespIsReported(String board) throws Exception {
        try (EmbeddedBroker broker = broker()) {
            // Two telemetry messages 4 s apart with a 2 s keep-alive: after the command's reply the
            // firmware sends nothing for longer than 3/4 of the keep-alive (1.5 s).
            MqttSetup s = setup(board, broker.host(), broker.tlsPort(), broker.caCertPem(), 2, 4000, 1).withKeepAlive(KEEP_ALIVE_S);
            MqttReport r = run(board, s, broker, VirtualTime.ofSeconds(30));
            assertTrue(r.succeeded(), r.summary() + console(r));
            assertTrue(r.cipherSuite().contains("-GCM-"), r.cipherSuite());

            // The firmware's console: a machine-readable line per PINGRESP.
            List<String> pings = r.console().stream().filter(l -> l.startsWith("TB mqtt pingresp ")).toList();
            assertFalse(pings.isEmpty(), console(r));
            assertEquals("1", ConsoleTap.field(pings.getFirst(), "n"), pings.getFirst());
            assertTrue(console(r).contains("TB mqtt connected keepalive_s=2 telemetry_qos=1"), console(r));

            // The broker side of the TLS: CONNECT asked for 2 s, each PINGREQ got its PINGRESP.
            List<ObservedPacket> packets = broker.packets().stream().filter(p -> s.clientId().equals(p.clientId())).toList();
            ObservedPacket connect = packets.stream().filter(p -> p.type().equals("CONNECT")).findFirst().orElseThrow(() -> new AssertionError(packets.toString()));
            assertEquals(KEEP_ALIVE_S, connect.keepAliveSeconds(), packets.toString());
            long pingreqs = packets.stream().filter(p -> p.fromClient() && p.type().equals("PINGREQ")).count();
            long pingresps = packets.stream().filter(p -> !p.fromClient() && p.type().equals("PINGRESP")).count();
            assertTrue(pingreqs >= 1 && pingresps == pingreqs, packets.toString());
            assertEquals(pings.size(), pingresps, packets + "\n" + console(r));
            assertTrue(r.publishedByBoard().stream().filter(m -> m.topic().equals(s.telemetryTopic())).allMatch(m -> m.qos() == 1),
                    "default telemetry QoS is 1: " + r.publishedByBoard());

            // What crossed the W5500's link (virtual time, board side): each PINGREQ is a 2-byte
            // packet's record after at least 3/4 of the keep-alive without a record from the board,
            // and a 2-byte packet's record comes back (only PINGRESP is 2 bytes broker→board).
            List<TrafficEvent> data = appData(r);
            int pingreqRecords = 0, pingrespRecords = 0;
            long lastFromBoard = -1;
            for (int i = 0; i < data.size(); i++) {
                TrafficEvent e = data.get(i);
                if (!e.toPeer()) {
                    if (length(e) == TWO_BYTE_PACKET_RECORD) pingrespRecords++;
                    continue;
                }
                boolean last = data.subList(i + 1, data.size()).stream().noneMatch(TrafficEvent::toPeer);   // DISCONNECT
                if (length(e) == TWO_BYTE_PACKET_RECORD && !last) {
                    pingreqRecords++;
                    long idle = e.timePs() - lastFromBoard;
                    // 3/4 of the keep-alive, less the firmware's millisecond clock granularity (both ends floored)
                    assertTrue(idle >= VirtualTime.ofMillis(KEEP_ALIVE_S * 750L - 2), "PINGREQ after only " + VirtualTime.format(idle)
                            + " without sending\n" + r.traffic().format());
                    assertTrue(data.subList(i + 1, data.size()).stream().anyMatch(x -> !x.toPeer() && length(x) == TWO_BYTE_PACKET_RECORD),
                            "no PINGRESP-sized record after the PINGREQ at " + VirtualTime.format(e.timePs()) + "\n" + r.traffic().format());
                }
                lastFromBoard = e.timePs();
            }
            assertEquals(pingreqs, pingreqRecords, r.traffic().format());
            assertEquals(pingresps, pingrespRecords, r.traffic().format());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void telemetryAtQos0ReachesTheBrokerAsQos0(String board) throws Exception {
        try (EmbeddedBroker broker = broker()) {
            MqttSetup s = setup(board, broker.host(), broker.tlsPort(), broker.caCertPem(), 2, 500, 1).withTelemetryQos(0);
            MqttReport r = run(board, s, broker, VirtualTime.ofSeconds(30));
            assertTrue(r.succeeded(), r.summary() + console(r));
            List<ObservedMessage> telemetry = r.publishedByBoard().stream().filter(m -> m.topic().equals(s.telemetryTopic())).toList();
            assertEquals(2, telemetry.size(), r.publishedByBoard().toString());
            assertTrue(telemetry.stream().allMatch(m -> m.qos() == 0), telemetry.toString());
            // The reply to the command stays QoS 1: only telemetry follows the setting.
            assertTrue(r.publishedByBoard().stream().filter(m -> m.topic().equals(s.replyTopic())).allMatch(m -> m.qos() == 1),
                    r.publishedByBoard().toString());
            // On the wire: QoS 0 PUBLISH packets, and the only PUBACK the broker sent was for the reply.
            List<ObservedPacket> packets = broker.packets().stream().filter(p -> s.clientId().equals(p.clientId())).toList();
            assertEquals(2, packets.stream().filter(p -> p.fromClient() && p.type().equals("PUBLISH") && p.qos() == 0).count(), packets.toString());
            assertEquals(1, packets.stream().filter(p -> !p.fromClient() && p.type().equals("PUBACK")).count(), packets.toString());
            assertTrue(r.console().stream().filter(l -> l.startsWith("TB mqtt-published ")).allMatch(l -> l.endsWith(" qos=0")), console(r));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void aBrokerThatNeverAnswersPingreqEndsTheSessionWithTheKeepAliveError(String board) throws Exception {
        try (SilentPingBroker broker = new SilentPingBroker(pki)) {
            // No command to answer; the second telemetry message is due long after the keep-alive.
            MqttSetup s = setup(board, "127.0.0.1", broker.port(), pki.writeTo(java.nio.file.Files.createTempDirectory("tb-ka")).caBundlePem(),
                    2, 20_000, 0).withKeepAlive(KEEP_ALIVE_S);
            MqttReport r = run(board, s, null, VirtualTime.ofSeconds(30));
            assertEquals(18, r.exitCode(), console(r));
            assertTrue(r.firmwareError().startsWith("TB error mqtt-keepalive no PINGRESP"), r.firmwareError());
            assertTrue(r.console().stream().noneMatch(l -> l.startsWith("TB mqtt pingresp")), console(r));
            assertEquals(List.of("CONNECT", "SUBSCRIBE", "PUBLISH", "PINGREQ"), broker.received(), "exactly one PINGREQ, then nothing");
            // The firmware waited a whole keep-alive for the PINGRESP before giving up.
            List<TrafficEvent> data = appData(r);
            TrafficEvent pingreq = data.getLast();
            assertTrue(pingreq.toPeer() && length(pingreq) == TWO_BYTE_PACKET_RECORD, r.traffic().format());
            // (less the firmware's millisecond clock granularity: both ends floored)
            assertTrue(r.run().virtualTime() - pingreq.timePs() >= VirtualTime.ofMillis(KEEP_ALIVE_S * 1000L - 2),
                    "gave up " + VirtualTime.format(r.run().virtualTime() - pingreq.timePs()) + " after the PINGREQ");
        }
    }

    /**
     * A minimal MQTT 3.1.1 broker over TLS 1.2 (JSSE) for one client, answering CONNECT, SUBSCRIBE
     * and QoS 1 PUBLISH but never PINGREQ; it records the packet types it received.
     */
    static final class SilentPingBroker implements AutoCloseable {
        private final SSLServerSocket server;
        private final List<String> received = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile SSLSocket client;

        SilentPingBroker(Pki pki) throws IOException {
            server = (SSLServerSocket) pki.serverSslContext().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            List<String> supported = Arrays.asList(server.getSupportedCipherSuites());
            server.setEnabledCipherSuites(TlsOffer.TLS12_ECDHE_SUITES.stream().filter(supported::contains).toArray(String[]::new));
            thread = Thread.ofPlatform().daemon().name("silent-ping-broker").start(this::serve);
        }

        int port() { return server.getLocalPort(); }

        List<String> received() { return List.copyOf(received); }

        private void serve() {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                client = s;
                s.setSoTimeout(120_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    int head = in.read();
                    if (head < 0) return;
                    int len = 0;
                    for (int shift = 0; ; shift += 7) {
                        int b = in.readUnsignedByte();
                        len |= (b & 0x7F) << shift;
                        if ((b & 0x80) == 0) break;
                    }
                    byte[] body = new byte[len];
                    in.readFully(body);
                    switch (head >> 4) {
                        case 1 -> { received.add("CONNECT"); out.write(new byte[] {0x20, 2, 0, 0}); }
                        case 8 -> { received.add("SUBSCRIBE"); out.write(new byte[] {(byte) 0x90, 3, body[0], body[1], 1}); }
                        case 3 -> {
                            received.add("PUBLISH");
                            if ((head >> 1 & 3) == 1) {
                                int at = 2 + ((body[0] & 0xFF) << 8 | body[1] & 0xFF);
                                out.write(new byte[] {0x40, 2, body[at], body[at + 1]});
                            }
                        }
                        case 12 -> received.add("PINGREQ");   // and no PINGRESP
                        case 14 -> { received.add("DISCONNECT"); return; }
                        default -> received.add("type " + (head >> 4));
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // the board went away (the run ended): nothing more to record
            }
        }

        @Override public void close() throws IOException {
            server.close();
            SSLSocket c = client;
            if (c != null) c.close();
        }
    }
}
