package io.twinboard.bench.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.twinboard.bench.inspect.Decoded.Mqtt;
import io.twinboard.periph.net.Ipv4;

/** Plaintext MQTT 3.1.1 decoding of packets encoded by Netty's MQTT codec (Moquette's). */
class MqttDecodingTest {
    private record Packet(boolean toPeer, byte[] bytes) {}

    private static byte[] encode(MqttMessage m) {
        EmbeddedChannel ch = new EmbeddedChannel(MqttEncoder.INSTANCE);
        ch.writeOutbound(m);
        ByteBuf b = ch.readOutbound();
        byte[] r = new byte[b.readableBytes()];
        b.readBytes(r);
        b.release();
        return r;
    }

    /** A CONNECT packet as Netty encodes it. */
    static byte[] connectPacket(String clientId) {
        return encode(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId).keepAlive(60)
                .cleanSession(true).build());
    }

    private static List<Packet> session(MqttConnectReturnCode code) {
        List<Packet> p = new ArrayList<>();
        p.add(new Packet(true, encode(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId("twinboard-board").keepAlive(60).cleanSession(true).username("dev")
                .password("secret".getBytes(StandardCharsets.UTF_8)).build())));
        p.add(new Packet(false, encode(MqttMessageBuilders.connAck().returnCode(code).build())));
        p.add(new Packet(true, encode(MqttMessageBuilders.publish().topicName("twinboard/dev/telemetry").qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(7).payload(Unpooled.wrappedBuffer(new byte[300])).build())));
        p.add(new Packet(false, encode(MqttMessageBuilders.pubAck().packetId(7).build())));
        p.add(new Packet(true, encode(MqttMessageBuilders.subscribe().messageId(8).addSubscription(MqttQoS.AT_LEAST_ONCE, "twinboard/dev/cmd").build())));
        p.add(new Packet(false, encode(MqttMessageBuilders.subAck().packetId(8).addGrantedQos(MqttQoS.AT_LEAST_ONCE).build())));
        p.add(new Packet(true, encode(MqttMessage.PINGREQ)));
        p.add(new Packet(false, encode(MqttMessage.PINGRESP)));
        p.add(new Packet(true, encode(MqttMessage.DISCONNECT)));
        return p;
    }

    private static ConnectionTrace decode(List<Packet> packets, boolean byteByByte) {
        TrafficLog log = new TrafficLog();
        log.opened(1, 0, false, Ipv4.of(10, 0, 0, 2), 1883, -1, 0);
        long t = 0;
        for (Packet p : packets) {
            t += 1_000_000_000L;
            if (!byteByByte) log.bytes(1, "10.0.0.2:1883", p.toPeer(), t, p.bytes(), 0, p.bytes().length);
            else for (int i = 0; i < p.bytes().length; i++) log.bytes(1, "10.0.0.2:1883", p.toPeer(), t, p.bytes(), i, 1);
        }
        return log.connection(1).orElseThrow();
    }

    @Test
    void decodesASessionSplitAnywhere() {
        List<Packet> packets = session(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        ConnectionTrace c = decode(packets, true);
        assertEquals(ConnectionTrace.Protocol.MQTT, c.protocol());
        List<Mqtt> mqtt = c.events().stream().map(TrafficEvent::what).filter(Mqtt.class::isInstance).map(Mqtt.class::cast).toList();
        assertEquals(List.of("CONNECT", "CONNACK", "PUBLISH", "PUBACK", "SUBSCRIBE", "SUBACK", "PINGREQ", "PINGRESP", "DISCONNECT"),
                mqtt.stream().map(Mqtt::type).toList());
        for (int i = 0; i < packets.size(); i++) assertEquals(packets.get(i).bytes().length, mqtt.get(i).length(), mqtt.get(i).type());
        assertTrue(mqtt.get(0).detail().contains("client id twinboard-board, keep-alive 60 s, clean session, user, password"), mqtt.get(0).detail());
        assertEquals(4, mqtt.get(1).returnCode());
        assertTrue(mqtt.get(1).describe().contains("bad user name or password"));
        assertTrue(mqtt.get(2).detail().contains("topic twinboard/dev/telemetry, QoS 1, id 7, payload 300 B"), mqtt.get(2).detail());
        assertTrue(mqtt.get(4).detail().contains("twinboard/dev/cmd QoS 1"), mqtt.get(4).detail());
        assertEquals(1, mqtt.get(5).returnCode());
        assertEquals(decode(packets, false).events().stream().map(e -> e.what().describe()).toList(),
                c.events().stream().map(e -> e.what().describe()).toList());
    }

    @Test
    void diagnosesConnackCodes() {
        Diagnoser d = new Diagnoser(null, 0);
        TrafficLog log = new TrafficLog();
        for (Packet p : session(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED).subList(0, 2)) {
            log.bytes(1, "10.0.0.2:1883", p.toPeer(), 0, p.bytes(), 0, p.bytes().length);
        }
        var refused = d.explain(List.of("TB error mqtt-connect -1 connack=5"), log).orElseThrow();
        assertEquals("connack-refused", refused.rule());
        assertTrue(refused.text().contains("not authorized"), refused.text());
        var unparsed = d.explain(List.of("TB error mqtt-connect -1 connack=255"), log).orElseThrow();
        assertEquals("connack-unparsed", unparsed.rule());
        assertTrue(unparsed.text().contains("the broker did answer: not authorized"), unparsed.text());
    }
}
