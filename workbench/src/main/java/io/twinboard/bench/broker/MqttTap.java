package io.twinboard.bench.broker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import io.twinboard.bench.broker.ObservedMessage.Direction;

/**
 * Reads the plaintext MQTT of one TLS connection of the embedded broker, both ways, records every
 * control packet's type ({@link ObservedPacket}: PINGREQ, PINGRESP, CONNECT's keep-alive, ...) and
 * every PUBLISH the broker sends to that client as {@link Direction#DELIVERED} — exactly what went
 * on the wire, for the client id its CONNECT named (MQTT 3.1.1 §3.1.3.1). PUBLISH decoding follows
 * §3.3: QoS in fixed-header bits 2–1, topic as a length-prefixed UTF-8 string, a packet id when
 * QoS &gt; 0, the rest is payload. One instance per connection, used by one thread.
 */
final class MqttTap implements TappedSslEngine.PlaintextTap {
    private static final int CONNECT = 1;
    private static final int PUBLISH = 3;

    private final Observations observations;
    private final MqttFramer in = new MqttFramer(this::fromClient);
    private final MqttFramer out = new MqttFramer(this::toClient);
    private String clientId = "?";

    MqttTap(Observations observations) {
        this.observations = observations;
    }

    @Override
    public void inbound(ByteBuffer plaintext) {
        in.feed(plaintext);
    }

    @Override
    public void outbound(ByteBuffer plaintext) {
        out.feed(plaintext);
    }

    private void fromClient(byte[] packet) {
        if ((packet[0] & 0xff) >> 4 != CONNECT) {
            observations.packet(packet(true, packet, -1));
            return;
        }
        ByteBuffer b = body(packet);
        int nameLength = b.getShort() & 0xffff;
        b.position(b.position() + nameLength + 1 + 1); // protocol name, level, flags
        int keepAlive = b.getShort() & 0xffff;
        clientId = utf8(b);
        observations.packet(packet(true, packet, keepAlive));
    }

    private void toClient(byte[] packet) {
        observations.packet(packet(false, packet, -1));
        if ((packet[0] & 0xff) >> 4 != PUBLISH) {
            return;
        }
        int qos = (packet[0] >> 1) & 3;
        ByteBuffer b = body(packet);
        String topic = utf8(b);
        if (qos > 0) {
            b.getShort(); // packet identifier
        }
        byte[] payload = Arrays.copyOfRange(packet, b.position(), packet.length);
        observations.add(new ObservedMessage(Direction.DELIVERED, clientId, topic, qos, payload.length, payload,
                Instant.now()));
    }

    private ObservedPacket packet(boolean fromClient, byte[] packet, int keepAlive) {
        int qos = (packet[0] & 0xff) >> 4 == PUBLISH ? (packet[0] >> 1) & 3 : -1;
        return new ObservedPacket(clientId, fromClient, ObservedPacket.typeName(packet[0]), qos, keepAlive, packet.length,
                Instant.now());
    }

    /** The packet after its fixed header. */
    private static ByteBuffer body(byte[] packet) {
        int i = 1;
        while ((packet[i] & 0x80) != 0) {
            i++;
        }
        return ByteBuffer.wrap(packet).position(i + 1);
    }

    private static String utf8(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xffff];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
