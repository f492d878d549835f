package io.twinboard.bench.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.twinboard.bench.inspect.Decoded.Malformed;
import io.twinboard.bench.inspect.Decoded.Mqtt;
import io.twinboard.bench.inspect.Decoded.Raw;
import io.twinboard.periph.net.ByteQueue;

/**
 * Decodes plaintext MQTT 3.1.1 (OASIS standard, 2014) in both directions of a connection, from
 * byte ranges split anywhere: fixed header with the variable-length "remaining length" (§2.2.3),
 * then per packet type the fields a reader of a trace wants (§3).
 */
final class MqttDecoder implements StreamDecoder {
    private static final String[] TYPES = {"reserved", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
            "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "reserved"};
    /** CONNACK return codes (§3.2.2.3, table 3.1). */
    private static final String[] CONNACK = {"Connection Accepted", "unacceptable protocol version",
            "identifier rejected", "server unavailable", "bad user name or password", "not authorized"};

    private final Sink sink;
    private final Side toPeer = new Side(true), toChip = new Side(false);

    MqttDecoder(Sink sink) { this.sink = sink; }

    /** Name of a CONNACK return code: {@code bad user name or password} for 4. */
    static String connackName(int code) { return code >= 0 && code < CONNACK.length ? CONNACK[code] : "reserved (" + code + ")"; }

    @Override public void feed(boolean dir, byte[] data, int off, int len) { (dir ? toPeer : toChip).feed(data, off, len); }

    @Override public Optional<Decoded> pending(boolean dir) {
        Side s = dir ? toPeer : toChip;
        return s.broken || s.in.isEmpty() ? Optional.empty() : Optional.of(new Raw(s.in.size()));
    }

    private final class Side {
        final boolean dir;
        final ByteQueue in = new ByteQueue();
        boolean broken;

        Side(boolean dir) { this.dir = dir; }

        void feed(byte[] data, int off, int len) {
            if (broken) { sink.emit(dir, new Raw(len)); return; }
            in.write(data, off, len);
            while (in.size() >= 2) {
                int remaining = 0, i = 1, shift = 0;
                while (true) {
                    if (i >= in.size()) return;
                    int b = in.peek(i++);
                    remaining |= (b & 0x7F) << shift;
                    shift += 7;
                    if ((b & 0x80) == 0) break;
                    if (i > 4) { fail("remaining length longer than 4 bytes"); return; }
                }
                int type = in.peek(0) >> 4;
                if (type == 0 || type == 15) { fail("packet type " + type); return; }
                if (in.size() < i + remaining) return;
                int flags = in.peek(0) & 0xF;
                in.skip(i);
                byte[] body = in.take(remaining);
                sink.emit(dir, packet(type, flags, body, i + remaining));
            }
        }

        private void fail(String why) {
            broken = true;
            sink.emit(dir, new Malformed("MQTT " + why));
            sink.emit(dir, new Raw(in.size()));
            in.clear();
        }
    }

    private static Mqtt packet(int type, int flags, byte[] body, int size) {
        String name = TYPES[type];
        Cursor c = new Cursor(body);
        try {
            return switch (type) {
                case 1 -> connect(c, size);
                case 2 -> {
                    c.u8();
                    int code = c.u8();
                    yield new Mqtt(name, size, "return code " + code + " " + connackName(code), code);
                }
                case 3 -> {
                    int qos = flags >> 1 & 3;
                    String topic = string(c);
                    String id = qos > 0 ? ", id " + c.u16() : "";
                    yield new Mqtt(name, size, "topic " + topic + ", QoS " + qos + id + (((flags & 1) != 0) ? ", retain" : "")
                            + ", payload " + c.remaining() + " B", -1);
                }
                case 4, 5, 6, 7, 11 -> new Mqtt(name, size, "id " + c.u16(), -1);
                case 8, 10 -> {
                    int id = c.u16();
                    List<String> topics = new ArrayList<>();
                    while (c.remaining() > 0) topics.add(string(c) + (type == 8 ? " QoS " + c.u8() : ""));
                    yield new Mqtt(name, size, "id " + id + ", " + String.join(", ", topics), -1);
                }
                case 9 -> {
                    int id = c.u16();
                    List<String> codes = new ArrayList<>();
                    int first = -1;
                    while (c.remaining() > 0) {
                        int code = c.u8();
                        if (first < 0) first = code;
                        codes.add(code == 0x80 ? "failure" : "QoS " + code);
                    }
                    yield new Mqtt(name, size, "id " + id + ", " + String.join(", ", codes), first);
                }
                default -> new Mqtt(name, size, "", -1);
            };
        } catch (Cursor.Truncated e) {
            return new Mqtt(name, size, "truncated", -1);
        }
    }

    private static Mqtt connect(Cursor c, int size) {
        String protocol = string(c);
        int level = c.u8(), flags = c.u8(), keepAlive = c.u16();
        String clientId = string(c);
        StringBuilder d = new StringBuilder(protocol).append(" level ").append(level).append(", client id ")
                .append(clientId.isEmpty() ? "(empty)" : clientId).append(", keep-alive ").append(keepAlive).append(" s");
        if ((flags & 0x02) != 0) d.append(", clean session");
        if ((flags & 0x04) != 0) d.append(", will");
        if ((flags & 0x80) != 0) d.append(", user");
        if ((flags & 0x40) != 0) d.append(", password");
        return new Mqtt("CONNECT", size, d.toString(), -1);
    }

    private static String string(Cursor c) { return new String(c.bytes(c.u16()), StandardCharsets.UTF_8); }
}
