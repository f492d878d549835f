package io.twinboard.bench.broker;

import java.time.Instant;

/**
 * One MQTT PUBLISH as a broker saw it.
 *
 * @param direction    into the broker from a client, or out of the broker to a subscriber
 * @param clientId     the publishing client ({@link Direction#PUBLISHED}) or the receiving one
 *                     ({@link Direction#DELIVERED}); {@link Broker#BENCH_CLIENT_ID} for the
 *                     workbench's own {@link Broker#publish}
 * @param topic        topic name
 * @param qos          QoS of this PUBLISH packet (0, 1 or 2); for a delivery, the granted QoS
 * @param payloadBytes payload size in bytes
 * @param payload      the payload, or {@code null} when the broker does not reveal it (mosquitto
 *                     logs sizes only)
 * @param at           host wall-clock time the broker reported it
 */
public record ObservedMessage(Direction direction, String clientId, String topic, int qos,
                              int payloadBytes, byte[] payload, Instant at) {

    /** Which way the PUBLISH went. */
    public enum Direction {
        /** A client sent it to the broker. */
        PUBLISHED,
        /** The broker sent it to a subscribed client. */
        DELIVERED
    }

    @Override
    public String toString() {
        return direction + " " + clientId + " '" + topic + "' q" + qos + " " + payloadBytes + " B";
    }
}
