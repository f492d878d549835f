package io.twinboard.bench.board;

import io.twinboard.bench.firmware.Images;
import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.cpu.Cpu;
import io.twinboard.emu.cpu.XtensaRegister;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.esp8266.Esp8266Gpio;
import io.twinboard.periph.esp8266.Esp8266Map;
import io.twinboard.periph.net.Endpoint;
import io.twinboard.periph.net.LinkProfile;
import io.twinboard.periph.net.PeerHandler;
import io.twinboard.periph.w5500.W5500;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The real W5500 model's INTn on the esp8266-w5500 board file (w5500.int → gpio.5): a socket
 * event pulls INTn low, GPIO5's interrupt type (falling edge, then low level) sets GPIO_STATUS
 * bit 5 and the GPIO block raises core interrupt 4 (ETS_GPIO_INUM, a level-1 interrupt) at that
 * virtual instant; clearing Sn_IR over HSPI releases INTn, and clearing GPIO_STATUS (W1TC) drops
 * the core's interrupt.
 *
 * <p>The image is loaded only so that the LX106 core and its interrupt inputs exist (the board
 * creates the core at load); the core never runs. Every access is the firmware's, through the bus:
 * IO_MUX, GPIO and HSPI registers in the order of our driver ({@code firmware-images/bsp/esp8266/net.c}:
 * SCK/MISO/MOSI on GPIO14/12/13 in IO_MUX function 2, chip select GPIO15 driven as a GPIO with
 * HSPI's CS0 disabled, one full-duplex 8-bit user transaction per byte at 20 MHz), the interrupt
 * set-up of the NONOS SDK's {@code gpio_pin_intr_state_set(GPIO_ID_PIN(5), GPIO_PIN_INTR_NEGEDGE)}
 * (GPIO_PIN5.INT_TYPE = 2; {@code GPIO_PIN_INTR_LOLEVEL} = 4) and {@code ETS_GPIO_INTR_ENABLE()}
 * (INTENABLE bit 4, which {@code ets_isr_unmask} writes), and the handler's
 * {@code GPIO_REG_WRITE(GPIO_STATUS_W1TC_ADDRESS, status)}. The interrupt line is read as the
 * core's INTERRUPT special register, bit 4.
 *
 * <p>ESP8266 Technical Reference v1.7, chapter 2 "GPIO" and the appendix's GPIO registers
 * (GPIO_IN 0x60000318, GPIO_STATUS 0x6000031C and its W1TC at 0x60000324, GPIO_PIN5 0x6000033C
 * with INT_TYPE in bits 9..7: 2 falling edge, 4 low level); SDK {@code ets_sys.h}
 * ({@code ETS_GPIO_INUM 4}), {@code eagle_soc.h} (IO_MUX). W5500 datasheet v1.0.9: §4.1 SIR/SIMR
 * (INTn is asserted while a SIR bit and its SIMR bit are both 1), §4.2 Sn_IR/Sn_IMR (an event
 * sets its Sn_IR bit only if the Sn_IMR bit is 1; writing 1 clears it), §4.1 INTLEVEL (0, its
 * reset value: INTn asserts at once, no assert wait time), §2.2 (SPI frame: address, control
 * byte, data; VDM ends with SCSn high).
 */
class Esp8266W5500InterruptBoardTest extends W5500BoardDriver {
    static final long GPIO = Esp8266Map.GPIO_BASE, HSPI = Esp8266Map.SPI1_HSPI_BASE, IO_MUX = Esp8266Map.IO_MUX_BASE;
    static final long GPIO_OUT_W1TS = GPIO + 0x04, GPIO_OUT_W1TC = GPIO + 0x08, GPIO_ENABLE_W1TS = GPIO + 0x10,
            GPIO_ENABLE_W1TC = GPIO + 0x14, GPIO_IN = GPIO + 0x18, GPIO_STATUS = GPIO + 0x1C,
            GPIO_STATUS_W1TC = GPIO + 0x24, GPIO_PIN5 = GPIO + 0x28 + 4 * 5;
    static final int INT_TYPE_SHIFT = 7, INT_TYPE_MASK = 7 << INT_TYPE_SHIFT, GPIO_PIN_INTR_NEGEDGE = 2, GPIO_PIN_INTR_LOLEVEL = 4;
    static final long SPI_CMD = HSPI, SPI_CTRL = HSPI + 0x08, SPI_CLOCK = HSPI + 0x18, SPI_USER = HSPI + 0x1C,
            SPI_USER1 = HSPI + 0x20, SPI_USER2 = HSPI + 0x24, SPI_PIN = HSPI + 0x2C, SPI_W0 = HSPI + 0x40;
    static final int SPI_USR = 1 << 18, SPI_USR_MOSI = 1 << 27, SPI_DOUTDIN = 1, SPI_CS_SETUP = 1 << 5, SPI_CS_HOLD = 1 << 4;
    /** eagle_soc.h PERIPHS_IO_MUX_*_U: MTDI GPIO12, MTCK GPIO13, MTMS GPIO14, MTDO GPIO15, GPIO4, GPIO5. */
    static final long IO_MUX_MTDI = IO_MUX + 0x04, IO_MUX_MTCK = IO_MUX + 0x08, IO_MUX_MTMS = IO_MUX + 0x0C,
            IO_MUX_MTDO = IO_MUX + 0x10, IO_MUX_GPIO4 = IO_MUX + 0x3C, IO_MUX_GPIO5 = IO_MUX + 0x40;
    static final int INTN = 1 << Esp8266Map.GPIO_W5500_INT, RSTN = 1 << Esp8266Map.GPIO_W5500_RST, CS = 1 << Esp8266Map.GPIO_HSPI_CS0;
    static final int INUM_GPIO_BIT = 1 << Esp8266Map.INUM_GPIO;
    Cpu cpu;

    /** SCSn is GPIO15, driven as a GPIO (HSPI CS0 disabled), as net.c does. */
    @Override void chipSelect(boolean low) { bus.write(low ? GPIO_OUT_W1TC : GPIO_OUT_W1TS, 4, CS, false); }

    /** net.c board_spi_xfer: wait idle, W0 = byte, SPI_CMD = USR, wait until USR clears, read W0. */
    @Override int xfer(int out) {
        while ((bus.read(SPI_CMD, 4) & SPI_USR) != 0) step();
        bus.write(SPI_W0, 4, out, false);
        bus.write(SPI_CMD, 4, SPI_USR, false);
        while ((bus.read(SPI_CMD, 4) & SPI_USR) != 0) step();
        return bus.read(SPI_W0, 4) & 0xFF;
    }

    boolean intnHigh() { return (bus.read(GPIO_IN, 4) & INTN) != 0; }
    int gpioStatus() { return bus.read(GPIO_STATUS, 4) & 0xFFFF; }
    /** The core's INTERRUPT register, bit 4: the GPIO block's level into the LX106. */
    boolean coreLine() { return (cpu.readRegister(XtensaRegister.INTERRUPT) & INUM_GPIO_BIT) != 0; }

    /** gpio_pin_intr_state_set(GPIO_ID_PIN(5), type): read-modify-write of GPIO_PIN5.INT_TYPE. */
    void setIntType(int type) {
        bus.write(GPIO_PIN5, 4, bus.read(GPIO_PIN5, 4) & ~INT_TYPE_MASK | type << INT_TYPE_SHIFT, false);
    }

    static void mux(Bus bus, long reg, int func) {
        int f = (func & 1) << 4 | (func >>> 1 & 1) << 5 | (func >>> 2 & 1) << 8;
        bus.write(reg, 4, bus.read(reg, 4) & ~(1 << 4 | 1 << 5 | 1 << 8) | f, false);
    }

    @Test void socketEventsRaiseGpioInterrupt4ThroughGpio5AndClearingSnIrReleasesIntn() throws Exception {
        try (Board b = BoardBuilder.build(BoardCatalog.load("esp8266-w5500"), BoardOptions.defaults().withDiagnostics(null))) {
            b.load(ElfImage.load(Images.require("esp8266-w5500", "selftest"))); // creates the LX106 and its interrupt inputs
            bus = b.machine().bus();
            sched = b.machine().scheduler();
            cpu = b.machine().cpu();
            b.network().addEndpoint(PEER, 7, Endpoint.inProcess(PeerHandler::echo), LinkProfile.lan().withLatency(MS, 0));

            // Each fall of the GPIO5 pad, with GPIO_STATUS and the core's interrupt 4 at that very instant.
            record Fall(long at, int status, boolean line) {}
            List<Fall> falls = new ArrayList<>();
            b.part("gpio", Esp8266Gpio.class).pin(Esp8266Map.GPIO_W5500_INT)
                    .onChange(high -> { if (!high) falls.add(new Fall(sched.now(), gpioStatus(), coreLine())); });

            // board_net_init: HSPI pads, CS (GPIO15) and RSTn (GPIO4) outputs high, INTn (GPIO5) input.
            mux(bus, IO_MUX_MTDI, 2);
            mux(bus, IO_MUX_MTCK, 2);
            mux(bus, IO_MUX_MTMS, 2);
            mux(bus, IO_MUX_MTDO, 3);
            mux(bus, IO_MUX_GPIO4, 0);
            mux(bus, IO_MUX_GPIO5, 0);
            bus.write(GPIO_OUT_W1TS, 4, CS | RSTN, false);
            bus.write(GPIO_ENABLE_W1TS, 4, CS | RSTN, false);
            bus.write(GPIO_ENABLE_W1TC, 4, INTN, false);
            bus.write(SPI_CLOCK, 4, 3 << 12 | 1 << 6 | 3, false); // 80 MHz / 1 / 4 = 20 MHz
            bus.write(SPI_CTRL, 4, 0, false);
            bus.write(SPI_USER, 4, SPI_USR_MOSI | SPI_DOUTDIN | SPI_CS_SETUP | SPI_CS_HOLD, false);
            bus.write(SPI_USER1, 4, 7 << 17 | 7 << 8, false);
            bus.write(SPI_USER2, 4, 0, false);
            bus.write(SPI_PIN, 4, bus.read(SPI_PIN, 4) | 1, false); // CS0 disabled: GPIO15 is the driver's
            // GPIO interrupt as the SDK sets it up: stale status cleared, GPIO5 falling edge, INUM 4 unmasked.
            bus.write(GPIO_STATUS_W1TC, 4, INTN, false);
            setIntType(GPIO_PIN_INTR_NEGEDGE);
            cpu.writeRegister(XtensaRegister.INTENABLE, cpu.readRegister(XtensaRegister.INTENABLE) | INUM_GPIO_BIT);

            assertEquals(0x04, read8(0, 0x0039), "VERSIONR over HSPI");
            assertTrue(intnHigh(), "INTn idles high");
            assertEquals(0, gpioStatus());
            assertFalse(coreLine());

            // SIMR: socket 0; S0_IMR: CON and RECV (SENDOK, DISCON, TIMEOUT masked: they set no bit).
            write8(0, SIMR, 0x01);
            write8(1, SN_IMR, IR_CON | IR_RECV);
            write8(1, SN_MR, 0x01); // TCP
            frame(SN_PORT, 1, true, 40000 >>> 8, 40000 & 0xFF);
            command(CMD_OPEN);
            byte[] ip = PEER.toBytes();
            frame(SN_DIPR, 1, true, ip[0] & 0xFF, ip[1] & 0xFF, ip[2] & 0xFF, ip[3] & 0xFF);
            frame(SN_DPORT, 1, true, 0, 7);
            assertTrue(falls.isEmpty(), "no interrupt during set-up: " + falls);

            // CONNECT: the command is taken COMMAND_PS after its data byte; SYN 1 ms out, SYN-ACK 1 ms back → CON.
            long start = sched.now();
            write8(1, SN_CR, CMD_CONNECT);
            long end = sched.now();
            while (sched.now() < start + 3 * MS) step();
            assertEquals(1, falls.size(), "GPIO5 fell once: " + falls + " (S0_IR now " + read8(1, SN_IR) + ")");
            Fall con = falls.getFirst();
            assertTrue(con.at() >= start + W5500.COMMAND_PS + 2 * MS && con.at() <= end + W5500.COMMAND_PS + 2 * MS,
                    "INTn falls when the SYN-ACK arrives: " + (con.at() - start) + " ps after the CONNECT frame began");
            assertEquals(INTN, con.status(), "GPIO_STATUS bit 5 set at the falling edge: " + con);
            assertTrue(con.line(), "core interrupt 4 raised at the falling edge: " + con);
            assertEquals(INUM_GPIO_BIT, cpu.readRegister(XtensaRegister.INTERRUPT) & cpu.readRegister(XtensaRegister.INTENABLE) & INUM_GPIO_BIT,
                    "pending and enabled: a level-1 interrupt the core would take");
            assertEquals(0x17, read8(1, SN_SR), "SOCK_ESTABLISHED");

            // The handler: SIR names socket 0, S0_IR says CON; writing 1 clears it and releases INTn.
            assertEquals(0x01, read8(0, SIR));
            assertEquals(IR_CON, read8(1, SN_IR));
            assertFalse(intnHigh(), "INTn stays low until Sn_IR is cleared");
            write8(1, SN_IR, IR_CON);
            assertTrue(intnHigh(), "clearing S0_IR released INTn: GPIO5 reads high");
            assertEquals(0, read8(0, SIR));
            assertEquals(INTN, gpioStatus(), "an edge stays latched in GPIO_STATUS after INTn rises");
            assertTrue(coreLine());
            bus.write(GPIO_STATUS_W1TC, 4, gpioStatus(), false);
            assertEquals(0, gpioStatus());
            assertFalse(coreLine(), "GPIO_STATUS_W1TC dropped core interrupt 4");

            // Low level now (GPIO_PIN_INTR_LOLEVEL): nothing while INTn is high. SEND 3 bytes; the echo
            // comes back ~2 ms later and RECV pulls INTn low again (SENDOK is masked).
            setIntType(GPIO_PIN_INTR_LOLEVEL);
            assertEquals(0, gpioStatus(), "INTn high: a low-level type sets nothing");
            assertFalse(coreLine());
            frame(0, 2, true, 'a', 'b', 'c');
            frame(SN_TX_WR, 1, true, 0, 3);
            long sent = sched.now();
            command(CMD_SEND);
            while (sched.now() < sent + 3 * MS) step();
            assertEquals(2, falls.size(), "a second falling edge: " + falls);
            Fall recv = falls.get(1);
            assertTrue(recv.at() >= sent + 2 * MS && recv.at() < sent + 2 * MS + VirtualTime.ofMicros(50),
                    "RECV one round trip after SEND: " + (recv.at() - sent) + " ps");
            assertEquals(INTN, recv.status(), recv.toString());
            assertTrue(recv.line(), recv.toString());
            assertEquals(IR_RECV, read8(1, SN_IR), "RECV set, SENDOK masked by S0_IMR");
            bus.write(GPIO_STATUS_W1TC, 4, INTN, false);
            assertEquals(INTN, gpioStatus(), "low level still held: GPIO_STATUS bit 5 is set again at once");
            assertTrue(coreLine());
            write8(1, SN_IR, IR_RECV);
            assertTrue(intnHigh(), "clearing S0_IR released INTn");
            bus.write(GPIO_STATUS_W1TC, 4, INTN, false);
            assertEquals(0, gpioStatus());
            assertFalse(coreLine(), "INTn high: W1TC drops core interrupt 4 for good");
            assertTrue(b.machine().log().entries().isEmpty(), b.machine().log().entries().toString());
        }
    }
}
