package io.twinboard.bench.broker;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Cuts one direction of an MQTT 3.1.1 byte stream into control packets (OASIS MQTT 3.1.1 §2.2:
 * one fixed-header byte, a 1–4 byte variable-length "remaining length", then that many bytes).
 * Bytes may arrive in any fragmentation; each complete packet is passed on whole, fixed header
 * included. A malformed length (a fifth continuation byte) stops framing for the rest of the stream.
 */
final class MqttFramer {
    /** MQTT's largest remaining length, 268 435 455 bytes (§2.2.3). */
    private static final int MAX_REMAINING = 268_435_455;

    private final Consumer<byte[]> sink;
    private final ByteArrayOutputStream packet = new ByteArrayOutputStream();
    private int remaining = -1;     // body bytes still missing; -1 while reading the header
    private int lengthMultiplier = 1;
    private int lengthSoFar;
    private int headerBytes;
    private boolean broken;

    MqttFramer(Consumer<byte[]> sink) {
        this.sink = sink;
    }

    /** Consumes all of {@code data} (its position advances to its limit). */
    void feed(ByteBuffer data) {
        while (data.hasRemaining() && !broken) {
            if (remaining < 0) {
                header(data.get());
            } else {
                int n = Math.min(remaining, data.remaining());
                byte[] chunk = new byte[n];
                data.get(chunk);
                packet.writeBytes(chunk);
                remaining -= n;
            }
            if (remaining == 0) {
                sink.accept(packet.toByteArray());
                packet.reset();
                remaining = -1;
                headerBytes = 0;
            }
        }
        if (broken) {
            data.position(data.limit());
        }
    }

    private void header(byte b) {
        packet.write(b);
        headerBytes++;
        if (headerBytes == 1) {
            lengthMultiplier = 1;
            lengthSoFar = 0;
            return;
        }
        lengthSoFar += (b & 0x7f) * lengthMultiplier;
        if ((b & 0x80) == 0) {
            remaining = lengthSoFar;
        } else if (headerBytes == 5 || lengthSoFar > MAX_REMAINING) {
            broken = true;
        } else {
            lengthMultiplier *= 128;
        }
    }
}
