package io.twinboard.bench.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.twinboard.bench.broker.ObservedMessage.Direction;

/** MQTT 3.1.1 framing and PUBLISH/CONNECT decoding of the embedded broker's plaintext tap. */
class MqttTapTest {

    @Test
    void framerHandlesEveryFragmentationAndMultiByteLengths() {
        byte[] small = publish(0, "a", new byte[3], 0);
        byte[] big = publish(1, "t/x", new byte[20_000], 7); // remaining length needs 3 bytes
        byte[] stream = concat(small, big, small);
        for (int chunk : new int[] {1, 2, 5, 127, 4096, stream.length}) {
            List<byte[]> packets = new ArrayList<>();
            MqttFramer framer = new MqttFramer(packets::add);
            for (int i = 0; i < stream.length; i += chunk) {
                framer.feed(ByteBuffer.wrap(stream, i, Math.min(chunk, stream.length - i)));
            }
            assertEquals(3, packets.size(), "chunk " + chunk);
            assertArrayEquals(big, packets.get(1), "chunk " + chunk);
        }
    }

    @Test
    void recordsPublishesSentToTheClientNamedInConnect() {
        Observations obs = new Observations();
        MqttTap tap = new MqttTap(obs);
        tap.inbound(ByteBuffer.wrap(connect("board-7")));
        tap.outbound(ByteBuffer.wrap(new byte[] {0x20, 2, 0, 0})); // CONNACK: ignored
        tap.outbound(ByteBuffer.wrap(publish(1, "cmd/board-7", "go".getBytes(StandardCharsets.US_ASCII), 42)));
        tap.inbound(ByteBuffer.wrap(publish(0, "telemetry", new byte[5], 0))); // from the client: not a delivery
        var delivered = obs.messages(Direction.DELIVERED);
        assertEquals(1, delivered.size());
        var m = delivered.getFirst();
        assertEquals("board-7 cmd/board-7 1 2", m.clientId() + " " + m.topic() + " " + m.qos() + " " + m.payloadBytes());
        assertArrayEquals("go".getBytes(StandardCharsets.US_ASCII), m.payload());
        assertTrue(obs.messages(Direction.PUBLISHED).isEmpty());
    }

    static byte[] publish(int qos, String topic, byte[] payload, int packetId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        if (qos > 0) {
            body.write(packetId >> 8);
            body.write(packetId);
        }
        body.writeBytes(payload);
        return packet(0x30 | (qos << 1), body.toByteArray());
    }

    static byte[] connect(String clientId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.writeBytes(new byte[] {4, 2, 0, 60}); // level 4, clean session, keep-alive 60 s
        string(body, clientId);
        return packet(0x10, body.toByteArray());
    }

    private static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int n = body.length;
        do {
            int digit = n % 128;
            n /= 128;
            out.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
