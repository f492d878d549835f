package io.twinboard.bench.broker;

import java.time.Instant;

/**
 * One MQTT 3.1.1 control packet on a connection of the embedded broker, read from the TLS
 * plaintext ({@link MqttTap}): what the packet type alone tells, e.g. that a client's PINGREQ was
 * answered with a PINGRESP (OASIS MQTT 3.1.1 §3.12, §3.13), or which keep-alive its CONNECT asked for.
 *
 * @param clientId         the client id its connection's CONNECT named ({@code ?} before that)
 * @param fromClient       true for client → broker, false for broker → client
 * @param type             packet type name: {@code CONNECT}, {@code PUBLISH}, {@code PINGREQ}, {@code PINGRESP}, ...
 * @param qos              QoS of a PUBLISH (fixed-header bits 2–1), else -1
 * @param keepAliveSeconds keep-alive field of a CONNECT (§3.1.2.10), else -1
 * @param bytes            whole packet size in bytes, fixed header included
 * @param at               host wall-clock time the broker's TLS layer handled it
 */
public record ObservedPacket(String clientId, boolean fromClient, String type, int qos, int keepAliveSeconds, int bytes,
                             Instant at) {
    private static final String[] TYPES = {"reserved", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
            "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "reserved"};

    /** Name of the packet type in the high nibble of a fixed header's first byte. */
    static String typeName(int firstByte) {
        return TYPES[(firstByte & 0xff) >> 4];
    }

    @Override
    public String toString() {
        return (fromClient ? clientId + " → broker " : "broker → " + clientId + " ") + type
                + (qos >= 0 ? " q" + qos : "") + (keepAliveSeconds >= 0 ? " keep-alive " + keepAliveSeconds + " s" : "");
    }
}
