package io.twinboard.bench.mqtt;

import io.twinboard.periph.net.LinkProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The two optional provisioning tags of the MQTT session (20 keep-alive, 21 telemetry QoS): absent
 * in a default setup's block, so it stays what older firmware and older callers know; present,
 * little-endian, when a setup changes them.
 */
class MqttSetupProvisioningTest {
    @TempDir Path dir;

    private MqttSetup setup() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
        return new MqttSetup("broker.twinboard.test", "127.0.0.1", 8883, ca, null, null,
                "tb", "board", "pw", "tb/x", 2, 500, 1, 2, LinkProfile.lan());
    }

    /** tag → value of every entry of a block, checking the header on the way (format: net/provisioning.h). */
    static Map<Integer, byte[]> entries(byte[] b) {
        assertEquals("TBPV", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, u16(b, 4));
        Map<Integer, byte[]> m = new LinkedHashMap<>();
        int off = 8;
        for (int i = 0; i < u16(b, 6); i++) {
            int tag = u16(b, off), len = u16(b, off + 2);
            m.put(tag, java.util.Arrays.copyOfRange(b, off + 4, off + 4 + len));
            off += 4 + len;
        }
        assertEquals(b.length, off, "nothing after the last entry");
        return m;
    }

    private static int u16(byte[] b, int off) { return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8; }

    @Test
    void theOldConstructorMeansTheFirmwareDefaultsAndWritesNeitherTag() throws Exception {
        MqttSetup s = setup();
        assertEquals(60, s.keepAliveSeconds());
        assertEquals(1, s.telemetryQos());
        Map<Integer, byte[]> e = entries(s.provisioning());
        assertFalse(e.containsKey(20), "keep-alive tag written for the default");
        assertFalse(e.containsKey(21), "telemetry QoS tag written for the default");
        assertArrayEquals(s.provisioning(), s.withKeepAlive(60).withTelemetryQos(1).provisioning());
    }

    @Test
    void keepAliveIsAU16AndQosAU8() throws Exception {
        MqttSetup s = setup().withKeepAlive(0x1234).withTelemetryQos(0);
        assertEquals(0x1234, s.keepAliveSeconds());
        assertEquals(0, s.telemetryQos());
        assertEquals("tb", s.clientId());
        Map<Integer, byte[]> e = entries(s.provisioning());
        assertArrayEquals(new byte[] {0x34, 0x12}, e.get(20));
        assertArrayEquals(new byte[] {0}, e.get(21));
        assertArrayEquals(new byte[] {0, 0}, entries(setup().withKeepAlive(0).provisioning()).get(20), "0 = keep-alive off");
    }

    @Test
    void rejectsWhatTheFirmwareCannotDo() throws Exception {
        MqttSetup s = setup();
        assertThrows(IllegalArgumentException.class, () -> s.withTelemetryQos(2));
        assertThrows(IllegalArgumentException.class, () -> s.withTelemetryQos(-1));
        assertThrows(IllegalArgumentException.class, () -> s.withKeepAlive(65536));
        assertThrows(IllegalArgumentException.class, () -> s.withKeepAlive(-1));
    }
}
