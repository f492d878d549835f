package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.BusFault;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.periph.signal.Wire;
import io.twinboard.periph.spi.SpiDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Esp8266SocTest {
    Bus bus;
    Scheduler scheduler;
    ClockDomain cpu;
    GuestLog log;
    IrqProbe[] core;
    Esp8266Soc soc;

    @BeforeEach void setUp() {
        bus = new Bus();
        scheduler = new Scheduler();
        cpu = new ClockDomain("cpu", 80_000_000);
        log = new GuestLog(null);
        core = new IrqProbe[15];
        for (int i = 0; i < core.length; i++) core[i] = new IrqProbe();
        soc = new Esp8266Soc(bus, scheduler, cpu, n -> core[n], 1 << 20, 1, log);
    }

    @AfterEach void tearDown() { bus.close(); }

    @Test void devicesAnswerAtTheirAddresses() {
        List<Integer> console = new ArrayList<>();
        soc.uart0.setSink(console::add);
        bus.write(0x6000_0000L, 4, 'x', false);
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertEquals(List.of((int) 'x'), console);

        bus.write(0x3FF0_0014L, 4, 1, false);
        assertEquals(160_000_000, cpu.hz());
        assertEquals(0, bus.read(0x3FF0_0800L, 4), "rest of the DPORT page: unmodelled");

        int first = new Esp8266Rng(1, log).next();
        assertEquals(first, bus.read(Esp8266Map.RNG_ADDR, 4));

        bus.write(0x6000_0700L, 4, 5, false); // RTC: unmodelled
        assertEquals(0, bus.read(0x6000_0700L, 4));
        assertEquals(GuestLog.Kind.UNIMPLEMENTED, log.entries().getLast().kind());

        bus.write(0x3FFE_8000L, 4, 0x1234, false);
        assertEquals(0x1234, bus.read(0x3FFE_8000L, 4));
        assertThrows(BusFault.class, () -> bus.read(0x4000_0000L, 4), "ROM is not mapped");
        assertThrows(BusFault.class, () -> bus.write(0x4020_0000L, 4, 0, false), "flash is read-only to the guest");
    }

    @Test void uart1InterruptReachesCoreInterrupt5AndItsStatusBit() {
        bus.write(0x6000_0F00L + 0x0C, 4, Esp8266Uart.INT_RXFIFO_FULL, false);
        bus.write(0x6000_0F00L + 0x24, 4, 0, false); // RXFIFO_FULL_THRHD = 0
        assertFalse(core[5].high);
        soc.uart1.receive('a');
        assertTrue(core[5].high);
        assertEquals(4, bus.read(0x3FF2_0020L, 4));
        soc.uart0.receive('b'); // UART0 interrupts disabled
        assertEquals(4, bus.read(0x3FF2_0020L, 4));
    }

    @Test void w5500OnHspiWithHardwareCsAndSpiInterruptStatus() {
        Wire cs = soc.gpio.pin(15);
        List<Integer> seen = new ArrayList<>();
        boolean[] selected = {false};
        soc.attachHspiDevice(new SpiDevice() {
            @Override public int exchange(int mosi) {
                if (!selected[0]) return NOT_DRIVEN;
                seen.add(mosi);
                return 0x55;
            }
            @Override public void chipSelect(boolean sel) { selected[0] = sel; }
        });
        long hspi = Esp8266Map.SPI1_HSPI_BASE;
        bus.write(Esp8266Map.IO_MUX_BASE + 0x10, 4, 2 << 4, false); // MTDO: HSPI_CS0
        bus.write(hspi + 0x30, 4, 1 << 9, false); // TRANS_INTEN
        bus.write(hspi + 0x1C, 4, 1 << 27 | 1 << 28 | 1, false); // MOSI, MISO, full duplex
        bus.write(hspi + 0x20, 4, 7 << 17 | 7 << 8, false); // 8 bits each way
        bus.write(hspi + 0x40, 4, 0x0F, false);
        bus.write(hspi, 4, 1 << 18, false);
        assertFalse(cs.isHigh());
        scheduler.advanceTo(VirtualTimeHelper.MS);
        assertTrue(cs.isHigh());
        assertEquals(List.of(0x0F), seen);
        assertEquals(0x55, bus.read(hspi + 0x40, 4));
        assertTrue(core[2].high);
        assertEquals(1 << 7, bus.read(0x3FF0_0020L, 4));
    }
}
