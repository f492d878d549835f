package io.twinboard.periph.stm32f4;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.twinboard.periph.stm32f4.Usart.*;
import static org.junit.jupiter.api.Assertions.*;

class UsartTest {
    final Scheduler sched = new Scheduler();
    final GuestLog log = new GuestLog(null);
    final ClockDomain apb1 = new ClockDomain("PCLK1", 42_000_000L);
    final List<Integer> out = new ArrayList<>();
    final List<Long> outTimes = new ArrayList<>();
    final List<Boolean> irq = new ArrayList<>();
    final Usart u = new Usart("USART3", sched, log, apb1, irq::add, b -> { out.add(b); outTimes.add(sched.now()); });

    /** 115200 baud from 42 MHz: USARTDIV 22.8125 -> mantissa 22, fraction 13 (RM0090 §30.3.4). */
    static final int BRR_115200 = 22 << 4 | 13;
    /** 10 bits of 365 PCLK cycles at 42 MHz. */
    final long frame = apb1.timeOf(3650);

    /** End of the k-th back-to-back frame: frames start on PCLK edges, so k frames = 3650 k cycles. */
    long f(int k) { return apb1.timeOf(3650L * k); }

    void enable(int extra) {
        u.write(BRR, 4, BRR_115200);
        u.write(CR1, 4, UE | TE | RE | extra);
    }

    void at(long t) { sched.advanceTo(t); }

    @Test void resetValues() {
        assertEquals(0xC0, u.read(SR, 4));
        assertEquals(0, u.read(BRR, 4));
        assertEquals(0, u.read(CR1, 4));
        u.write(CR1, 4, 0xFFFF_FFFF);
        assertEquals(0xBFFE, u.read(CR1, 4), "reserved bit 14 and self-clearing SBK read 0");
    }

    @Test void frameTimeAt115200() {
        enable(0);
        assertEquals(86_904_761L, u.frameTime()); // 3650 / 42 MHz
        u.write(CR1, 4, UE | TE | M);
        assertEquals(apb1.timeOf(4015), u.frameTime(), "9 data bits: 11 bit times");
        u.write(CR2, 4, 2 << 12);
        assertEquals(apb1.timeOf(4380), u.frameTime(), "2 stop bits");
        u.write(CR1, 4, UE | TE | OVER8);
        u.write(BRR, 4, 45 << 4 | 5); // OVER8: 8*45 + 5 = 365 cycles per bit
        u.write(CR2, 4, 0);
        assertEquals(frame, u.frameTime());
    }

    @Test void transmitTimingTxeAndTc() {
        enable(0);
        u.write(DR, 4, 'H');
        assertEquals(TXE, u.read(SR, 4) & (TXE | TC), "shift register took the byte: TXE=1, TC=0");
        u.write(DR, 4, 'i');
        assertEquals(0, u.read(SR, 4) & (TXE | TC), "TDR full");
        at(frame - 1);
        assertTrue(out.isEmpty());
        at(frame);
        assertEquals(List.of((int) 'H'), out);
        assertEquals(TXE, u.read(SR, 4) & (TXE | TC));
        at(f(2) - 1);
        assertEquals(1, out.size());
        at(f(2) + 1);
        assertEquals(List.of((int) 'H', (int) 'i'), out);
        assertEquals(List.of(frame, f(2)), outTimes);
        assertEquals(TXE | TC, u.read(SR, 4) & (TXE | TC));
        u.write(SR, 4, ~TC);
        assertEquals(TXE, u.read(SR, 4) & (TXE | TC), "TC is rc_w0");
    }

    @Test void transmitDisabledDropsAndReports() {
        u.write(BRR, 4, BRR_115200);
        u.write(DR, 4, 'x');
        at(f(10));
        assertTrue(out.isEmpty());
        assertEquals(GuestLog.Kind.GUEST_ERROR, log.entries().getFirst().kind());
    }

    @Test void txInterrupts() {
        enable(TCIE);
        assertEquals(List.of(true), irq, "TC is 1 after reset");
        u.write(DR, 4, 'a');
        assertEquals(List.of(true, false), irq);
        at(frame);
        assertEquals(List.of(true, false, true), irq);
        u.write(CR1, 4, UE | TE | RE | TXEIE);
        assertEquals(List.of(true, false, true), irq, "TXE=1 keeps the line high");
        u.write(CR1, 4, UE | TE | RE);
        assertEquals(List.of(true, false, true, false), irq);
    }

    @Test void receiveSetsRxneAfterFrameAndDrReadClears() {
        enable(RXNEIE);
        u.receive('A');
        assertEquals(0, u.read(SR, 4) & RXNE);
        at(frame);
        assertEquals(RXNE, u.read(SR, 4) & RXNE);
        assertEquals(List.of(true), irq);
        assertEquals('A', u.read(DR, 4));
        assertEquals(0, u.read(SR, 4) & RXNE);
        assertEquals(List.of(true, false), irq);
    }

    @Test void overrunWhenNotReadInTime() {
        enable(RXNEIE);
        u.receive('1');
        u.receive('2');
        u.receive('3');
        at(frame);
        assertEquals('1', u.read(DR, 4));
        at(f(3));
        int s = u.read(SR, 4);
        assertEquals(RXNE | ORE, s & (RXNE | ORE), "byte 3 arrived while byte 2 unread");
        assertEquals('2', u.read(DR, 4), "RDR keeps the older byte");
        assertEquals(0, u.read(SR, 4) & (RXNE | ORE), "SR then DR read clears ORE");
    }

    @Test void oreNotClearedWithoutPriorSrRead() {
        enable(0);
        u.receive('1');
        u.receive('2');
        at(f(2));
        u.read(DR, 4); // no SR read before: ORE stays
        assertEquals(ORE, u.read(SR, 4) & ORE);
        u.read(DR, 4);
        assertEquals(0, u.read(SR, 4) & ORE);
    }

    @Test void idleLineAfterBurst() {
        enable(IDLEIE);
        u.receive('z');
        at(frame);
        assertEquals(0, u.read(SR, 4) & IDLE);
        at(f(2));
        assertEquals(IDLE, u.read(SR, 4) & IDLE);
        assertEquals(List.of(true), irq);
        u.read(DR, 4);
        assertEquals(0, u.read(SR, 4) & IDLE);
        at(f(10));
        assertEquals(0, u.read(SR, 4) & IDLE, "not set again without a new byte");
    }

    @Test void receiveWithParityPutsParityInMsb() {
        enable(PCE); // 7 data bits + even parity
        u.receive(0x03);
        at(frame);
        assertEquals(0x03, u.read(DR, 4));
        u.receive(0x01);
        at(f(3));
        assertEquals(0x81, u.read(DR, 4));
    }
}
