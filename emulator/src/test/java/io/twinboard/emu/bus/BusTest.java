package io.twinboard.emu.bus;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BusTest {
    @Test
    void memoryAliasDeviceAndFaults() {
        try (Bus bus = new Bus()) {
            Region.Memory flash = bus.mapMemory("flash", 0x0800_0000L, 0x10000, false);
            bus.alias("flash-alias", 0, flash);
            bus.mapMemory("sram", 0x2000_0000L, 0x4000, true);
            int[] last = new int[2];
            bus.mapDevice("dev", 0x4000_0000L, 0x400, new MmioDevice() {
                public int read(int offset, int size) { return 0xA0 + offset; }
                public void write(int offset, int size, int value) { last[0] = offset; last[1] = value; }
            });
            bus.load(0x0800_0000L, new byte[]{1, 2, 3, 4});
            assertEquals(0x04030201, bus.read(0, 4), "alias sees flash");
            assertThrows(BusFault.class, () -> bus.write(0x0800_0000L, 4, 0, false), "flash is read-only to the guest");
            bus.write(0x2000_0010L, 2, 0xBEEF, false);
            assertEquals(0xBEEF, bus.read(0x2000_0010L, 2));
            assertEquals(0xA4, bus.read(0x4000_0004L, 4));
            bus.write(0x4000_0008L, 4, 7, false);
            assertArrayEquals(new int[]{8, 7}, last);
            BusFault f = assertThrows(BusFault.class, () -> bus.read(0x3000_0000L, 4));
            assertTrue(f.getMessage().contains("0x30000000"));
            assertThrows(IllegalArgumentException.class, () -> bus.mapMemory("overlap", 0x2000_0000L, 0x1000, true));
        }
    }
}
