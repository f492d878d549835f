package io.twinboard.bench.provision;

import io.twinboard.emu.elf.ElfImage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provisioning block the workbench writes into the firmware's flash before boot (broker,
 * credentials, certificates, addresses), so that one image serves every run. The firmware side is
 * {@code firmware-images/net/provisioning.h}; the format is:
 * {@code "TBPV"}, u16 version 1, u16 entry count, then entries {@code u16 tag, u16 length, bytes},
 * little-endian. Strings and PEM texts carry their terminating NUL.
 */
public final class Provisioning {
    /** Symbol of the reserved flash area in our images. */
    public static final String SYMBOL = "__provisioning_start";
    /** Size of the reserved area (bytes). */
    public static final int AREA_SIZE = 16 * 1024;

    /** Entry tags; numbers are part of the format. */
    public enum Tag {
        BROKER_HOST(1), BROKER_PORT(2), CLIENT_ID(3), USERNAME(4), PASSWORD(5), CA_PEM(6), CERT_PEM(7), KEY_PEM(8),
        IP(9), NETMASK(10), GATEWAY(11), DNS(12), MAC(13), TOPIC_PREFIX(14), PUBLISH_COUNT(15),
        PUBLISH_INTERVAL_MS(16), EXPECT_COMMANDS(17), RX_BUF_KB(18), TLS_IN_LEN(19),
        /** u16, optional: MQTT keep-alive in seconds (CONNECT); 0 = off; the firmware's default is 60. */
        MQTT_KEEPALIVE_S(20),
        /** u8, optional: QoS of the telemetry PUBLISH packets, 0 or 1; the firmware's default is 1. */
        TELEMETRY_QOS(21);

        final int id;
        Tag(int id) { this.id = id; }
    }

    private final Map<Tag, byte[]> entries = new LinkedHashMap<>();

    public Provisioning string(Tag tag, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        return bytes(tag, z);
    }

    public Provisioning u32(Tag tag, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException(tag + " out of range: " + value);
        return bytes(tag, new byte[]{(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)});
    }

    public Provisioning u16(Tag tag, int value) {
        if (value < 0 || value > 0xFFFF) throw new IllegalArgumentException(tag + " out of range: " + value);
        return bytes(tag, new byte[]{(byte) value, (byte) (value >> 8)});
    }

    public Provisioning u8(Tag tag, int value) {
        if (value < 0 || value > 0xFF) throw new IllegalArgumentException(tag + " out of range: " + value);
        return bytes(tag, new byte[]{(byte) value});
    }

    /** An IPv4 address in dotted form. */
    public Provisioning ipv4(Tag tag, String dotted) {
        String[] p = dotted.split("\\.");
        if (p.length != 4) throw new IllegalArgumentException(tag + ": not an IPv4 address: " + dotted);
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(p[i]);
            if (v < 0 || v > 255) throw new IllegalArgumentException(tag + ": not an IPv4 address: " + dotted);
            b[i] = (byte) v;
        }
        return bytes(tag, b);
    }

    public Provisioning bytes(Tag tag, byte[] value) {
        if (value.length > 0xFFFF) throw new IllegalArgumentException(tag + ": " + value.length + " bytes is too long for one entry");
        entries.put(tag, value.clone());
        return this;
    }

    /** The block as written to flash. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("TBPV".getBytes(StandardCharsets.US_ASCII));
        le16(out, 1);
        le16(out, entries.size());
        for (var e : entries.entrySet()) {
            le16(out, e.getKey().id);
            le16(out, e.getValue().length);
            out.writeBytes(e.getValue());
        }
        byte[] b = out.toByteArray();
        if (b.length > AREA_SIZE)
            throw new IllegalStateException("provisioning block is " + b.length + " bytes; the firmware reserves " + AREA_SIZE);
        return b;
    }

    /** Flash address of the block in {@code elf}, from its {@value #SYMBOL} symbol. */
    public static long address(ElfImage elf) {
        return elf.symbols().find(SYMBOL).map(s -> s.address())
                .orElseThrow(() -> new IllegalArgumentException(elf.path() + " has no provisioning area (symbol " + SYMBOL + "); is it a network image?"));
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }
}
