package io.twinboard.bench.board;

import io.twinboard.bench.firmware.Images;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.Endpoint;
import io.twinboard.periph.net.LinkProfile;
import io.twinboard.periph.net.PeerHandler;
import io.twinboard.periph.stm32f4.GpioPort;
import io.twinboard.periph.stm32f4.Rcc;
import io.twinboard.periph.stm32f4.Spi;
import io.twinboard.periph.stm32f4.Stm32f429Map;
import io.twinboard.periph.w5500.W5500;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The real W5500 model's INTn on the nucleo-f429zi board file (w5500.int → gpiof.13): a socket
 * event pulls INTn low, EXTI line 13 (falling edge, port F) latches it and the NVIC pends
 * EXTI15_10 (IRQ 40) at that virtual instant; clearing Sn_IR over SPI1 releases INTn.
 *
 * <p>The image is loaded only so that the Cortex-M4 and its NVIC exist (the board creates the core
 * at load); the core never runs. Every access is the firmware's, through the bus: RCC, GPIO,
 * SYSCFG, EXTI, NVIC registers and W5500 frames over SPI1 with SCSn on PD14. W5500 datasheet
 * v1.0.9: §4.1 SIR/SIMR (INTn is asserted while a SIR bit and its SIMR bit are both 1), §4.2
 * Sn_IR/Sn_IMR (an event sets its Sn_IR bit only if the Sn_IMR bit is 1; writing 1 clears it),
 * §4.1 INTLEVEL (0, its reset value: INTn asserts at once, no assert wait time). RM0090 §12.3
 * (EXTI), §9.2.6 (SYSCFG_EXTICR4), table 62 (EXTI15_10 = IRQ 40).
 */
class W5500InterruptBoardTest extends W5500BoardDriver {
    static final long RCC = 0x4002_3800L, GPIOD = Stm32f429Map.gpio(3), GPIOF = Stm32f429Map.gpio(5);
    static final long SPI1 = Stm32f429Map.SPI1, SYSCFG = Stm32f429Map.SYSCFG, EXTI = Stm32f429Map.EXTI;
    static final long EXTI_IMR = EXTI, EXTI_FTSR = EXTI + 0x0C, EXTI_PR = EXTI + 0x14, SYSCFG_EXTICR4 = SYSCFG + 0x14;
    static final int IRQ = Stm32f429Map.IRQ_EXTI15_10;
    static final long NVIC_ISER = 0xE000_E100L + 4 * (IRQ / 32), NVIC_ISPR = 0xE000_E200L + 4 * (IRQ / 32),
            NVIC_ICPR = 0xE000_E280L + 4 * (IRQ / 32);
    static final int IRQ_BIT = 1 << (IRQ % 32), LINE13 = 1 << 13;
    static final int GPIO_MODER = 0x00, GPIO_IDR = 0x10, GPIO_BSRR = 0x18;

    /** SCSn is PD14 (BSRR: reset bit 30 drives it low, set bit 14 high). */
    @Override void chipSelect(boolean low) { bus.write(GPIOD + GPIO_BSRR, 4, low ? 1 << (14 + 16) : 1 << 14, false); }

    /** Polling TXE before and RXNE after each byte, as a driver does. */
    @Override int xfer(int out) {
        while ((bus.read(SPI1 + Spi.SR, 4) & Spi.TXE) == 0) step();
        bus.write(SPI1 + Spi.DR, 4, out, false);
        while ((bus.read(SPI1 + Spi.SR, 4) & Spi.RXNE) == 0) step();
        return bus.read(SPI1 + Spi.DR, 4);
    }

    boolean intnHigh() { return (bus.read(GPIOF + GPIO_IDR, 4) & LINE13) != 0; }
    boolean irqPending() { return (bus.read(NVIC_ISPR, 4) & IRQ_BIT) != 0; }
    boolean extiPending() { return (bus.read(EXTI_PR, 4) & LINE13) != 0; }

    /** What an EXTI15_10 handler does after serving the chip: clear PR13 (write 1) and the NVIC pending bit. */
    void acknowledgeExti() {
        bus.write(EXTI_PR, 4, LINE13, false);
        bus.write(NVIC_ICPR, 4, IRQ_BIT, false);
    }

    @Test void socketEventsReachExti15_10ThroughPf13AndClearingSnIrReleasesIntn() throws Exception {
        try (Board b = BoardBuilder.build(BoardCatalog.load("nucleo-f429zi"), BoardOptions.defaults().withDiagnostics(null))) {
            b.load(ElfImage.load(Images.require("nucleo-f429zi", "selftest"))); // creates the core and its NVIC
            bus = b.machine().bus();
            sched = b.machine().scheduler();
            b.network().addEndpoint(PEER, 7, Endpoint.inProcess(PeerHandler::echo), LinkProfile.lan().withLatency(MS, 0));

            // Each fall of INTn, with what EXTI and the NVIC show at that very instant.
            record Fall(long at, boolean exti, boolean nvic) {}
            List<Fall> falls = new ArrayList<>();
            b.part("gpiof", GpioPort.class).pin(13).onChange(high -> { if (!high) falls.add(new Fall(sched.now(), extiPending(), irqPending())); });

            // Clocks (HSI 16 MHz: SPI1 /2 = 8 MHz SCK), PD14 output high (SCSn idle), PF15 output high (RSTn), PF13 input.
            bus.write(RCC + Rcc.AHB1ENR, 4, 1 << 3 | 1 << 5, false);
            bus.write(RCC + Rcc.APB2ENR, 4, 1 << 12 | 1 << 14, false);
            bus.write(GPIOD + GPIO_BSRR, 4, 1 << 14, false);
            bus.write(GPIOD + GPIO_MODER, 4, 1 << 28, false);
            bus.write(GPIOF + GPIO_BSRR, 4, 1 << 15, false);
            bus.write(GPIOF + GPIO_MODER, 4, 1 << 30, false);
            // EXTI13 ← port F, falling edge, unmasked; EXTI15_10 enabled in the NVIC.
            bus.write(SYSCFG_EXTICR4, 4, 5 << 4, false);
            bus.write(EXTI_FTSR, 4, LINE13, false);
            bus.write(EXTI_IMR, 4, LINE13, false);
            bus.write(NVIC_ISER, 4, IRQ_BIT, false);
            bus.write(SPI1 + Spi.CR1, 4, Spi.MSTR | Spi.SSM | Spi.SSI | Spi.SPE, false);
            assertEquals(0x04, read8(0, 0x0039), "VERSIONR over SPI1");
            assertTrue(intnHigh(), "INTn idles high");
            assertFalse(irqPending());

            // SIMR: socket 0; S0_IMR: CON and RECV (SENDOK, DISCON, TIMEOUT masked: they set no bit).
            write8(0, SIMR, 0x01);
            write8(1, SN_IMR, IR_CON | IR_RECV);
            write8(1, SN_MR, 0x01); // TCP
            frame(SN_PORT, 1, true, 40000 >>> 8, 40000 & 0xFF);
            command(CMD_OPEN);
            frame(SN_DIPR, 1, true, PEER.toBytes()[0] & 0xFF, PEER.toBytes()[1] & 0xFF, PEER.toBytes()[2] & 0xFF, PEER.toBytes()[3] & 0xFF);
            frame(SN_DPORT, 1, true, 0, 7);

            // CONNECT: the command is taken COMMAND_PS after its data byte; SYN 1 ms out, SYN-ACK 1 ms back → CON.
            long start = sched.now();
            write8(1, SN_CR, CMD_CONNECT);
            long end = sched.now();
            while (sched.now() < start + 3 * MS) step();
            assertEquals(1, falls.size(), "INTn fell once: " + falls);
            Fall con = falls.getFirst();
            assertTrue(con.at() >= start + W5500.COMMAND_PS + 2 * MS && con.at() <= end + W5500.COMMAND_PS + 2 * MS,
                    "INTn falls when the SYN-ACK arrives: " + (con.at() - start) + " ps after the CONNECT frame began");
            assertTrue(con.exti() && con.nvic(), "EXTI PR13 and the NVIC's EXTI15_10 pend at the falling edge: " + con);
            assertEquals(0x17, read8(1, SN_SR), "SOCK_ESTABLISHED");

            // The handler: SIR names socket 0, S0_IR says CON; writing 1 clears it and releases INTn.
            assertEquals(0x01, read8(0, SIR));
            assertEquals(IR_CON, read8(1, SN_IR));
            assertFalse(intnHigh(), "INTn stays low until Sn_IR is cleared");
            write8(1, SN_IR, IR_CON);
            assertTrue(intnHigh(), "clearing S0_IR released INTn");
            assertEquals(0, read8(0, SIR));
            acknowledgeExti();
            assertFalse(extiPending());
            assertFalse(irqPending(), "nothing re-pends while INTn is high");

            // SEND 3 bytes; the echo comes back ~2 ms later: RECV pulls INTn low again (SENDOK is masked).
            frame(0, 2, true, 'a', 'b', 'c');
            frame(SN_TX_WR, 1, true, 0, 3);
            long sent = sched.now();
            command(CMD_SEND);
            while (sched.now() < sent + 3 * MS) step();
            assertEquals(2, falls.size(), "a second falling edge: " + falls);
            Fall recv = falls.get(1);
            assertTrue(recv.at() >= sent + 2 * MS && recv.at() < sent + 2 * MS + VirtualTime.ofMicros(50),
                    "RECV one round trip after SEND: " + (recv.at() - sent) + " ps");
            assertTrue(recv.exti() && recv.nvic(), recv.toString());
            assertEquals(IR_RECV, read8(1, SN_IR), "RECV set, SENDOK masked by S0_IMR");
            write8(1, SN_IR, IR_RECV);
            assertTrue(intnHigh());
            acknowledgeExti();
            assertFalse(irqPending());
            assertTrue(b.machine().log().entries().isEmpty(), b.machine().log().entries().toString());
        }
    }
}
