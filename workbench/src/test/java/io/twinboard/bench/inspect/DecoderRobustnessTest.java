package io.twinboard.bench.inspect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.twinboard.bench.inspect.TlsTranscript.Chunk;

/** Whatever the firmware or a peer sends, decoding never throws and always accounts for the bytes. */
class DecoderRobustnessTest {
    @Test
    void mutatedTlsAndMqttStreamsNeverThrow() throws Exception {
        TlsTranscript t = TlsDecodingTest.tls12(TlsDecodingTest.ECDSA_SUITE);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            TrafficLog log = new TrafficLog();
            int id = round;
            for (Chunk c : t.chunks) {
                byte[] b = c.bytes().clone();
                for (int k = rnd.nextInt(4); k > 0; k--) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                int cut = rnd.nextInt(b.length + 1);
                assertDoesNotThrow(() -> {
                    log.bytes(id, "10.0.0.2:8883", c.toPeer(), 0, b, 0, cut);
                    log.bytes(id, "10.0.0.2:8883", c.toPeer(), 1, b, cut, b.length - cut);
                });
            }
            assertDoesNotThrow(() -> TraceFacts.of(log.connection(id).orElseThrow()));
            noDecoderFailure(log);
            assertDoesNotThrow(log::format);
        }
    }

    /** The safety net in ConnectionTrace must not be what keeps these tests green. */
    private static void noDecoderFailure(TrafficLog log) {
        for (TrafficEvent e : log.events()) {
            if (e.what().describe().contains("decoder failed")) throw new AssertionError(e.what().describe());
        }
    }

    @Test
    void randomBytesBehindPlausibleHeadersNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(9);
        List<byte[]> starts = List.of(new byte[] {0x16, 0x03, 0x03}, new byte[] {0x10}, new byte[] {0x15, 0x03, 0x01}, new byte[] {0x47});
        for (int round = 0; round < 400; round++) {
            TrafficLog log = new TrafficLog();
            byte[] start = starts.get(round % starts.size());
            byte[] b = new byte[start.length + rnd.nextInt(3000)];
            rnd.nextBytes(b);
            System.arraycopy(start, 0, b, 0, start.length);
            if (b.length > 5 && start[0] == 0x16) { b[3] = 0; b[4] = (byte) Math.min(255, b.length - 5); b[5] = (byte) (1 + rnd.nextInt(16)); }
            for (int at = 0; at < b.length; ) {
                int n = Math.min(b.length - at, 1 + rnd.nextInt(40));
                int from = at;
                assertDoesNotThrow(() -> log.bytes(1, "10.0.0.2:1883", rnd.nextBoolean(), 0, b, from, n));
                at += n;
            }
            assertFalse(log.connections().isEmpty());
            noDecoderFailure(log);
            assertDoesNotThrow(() -> new Diagnoser(null, 4096).explain(List.of("TB error handshake -0x7200 x"), log));
        }
    }
}
