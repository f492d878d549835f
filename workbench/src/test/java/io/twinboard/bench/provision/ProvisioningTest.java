package io.twinboard.bench.provision;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ProvisioningTest {
    @Test
    void layoutMatchesTheFirmwareReader() {
        byte[] b = new Provisioning()
                .string(Provisioning.Tag.BROKER_HOST, "ab")
                .u16(Provisioning.Tag.BROKER_PORT, 8883)
                .toBytes();
        assertArrayEquals(new byte[]{'T', 'B', 'P', 'V', 1, 0, 2, 0,
                1, 0, 3, 0, 'a', 'b', 0,
                2, 0, 2, 0, (byte) 0xB3, 0x22}, b);
    }

    @Test
    void rejectsWhatTheFirmwareCouldNotHold() {
        Provisioning p = new Provisioning();
        assertThrows(IllegalArgumentException.class, () -> p.ipv4(Provisioning.Tag.IP, "300.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> p.u16(Provisioning.Tag.BROKER_PORT, 70000));
        p.bytes(Provisioning.Tag.CA_PEM, new byte[Provisioning.AREA_SIZE]);
        assertThrows(IllegalStateException.class, p::toBytes);
    }
}
