package io.twinboard.periph.stm32f4;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.twinboard.periph.stm32f4.Rng.*;
import static org.junit.jupiter.api.Assertions.*;

class RngUnmodelledTest {
    final Scheduler sched = new Scheduler();
    final GuestLog log = new GuestLog(null);
    final ClockDomain pll48 = new ClockDomain("PLL48CLK", 48_000_000L);
    final ClockDomain hclk = new ClockDomain("HCLK", 168_000_000L);
    final List<Boolean> irq = new ArrayList<>();

    Rng rng(long seed) { return new Rng(sched, log, pll48, hclk, irq::add, seed); }

    List<Integer> draw(Rng r, int n) {
        List<Integer> values = new ArrayList<>();
        r.write(CR, 4, RNGEN);
        for (int i = 0; i < n; i++) {
            sched.advanceTo(sched.now() + pll48.durationOf(PERIODS_PER_VALUE + 1)); // ready on an RNG clock edge
            assertEquals(DRDY, r.read(SR, 4) & DRDY);
            values.add(r.read(DR, 4));
        }
        return values;
    }

    @Test void resetValues() {
        Rng r = rng(1);
        assertEquals(0, r.read(CR, 4));
        assertEquals(0, r.read(SR, 4));
        r.write(CR, 4, 0xFFFF_FFFF);
        assertEquals(RNGEN | IE, r.read(CR, 4));
    }

    @Test void drdyAfterFortyRngClocks() {
        Rng r = rng(42);
        r.write(CR, 4, RNGEN);
        long t = pll48.timeOf(PERIODS_PER_VALUE); // 833.333 ns at 48 MHz
        assertEquals(833_333L, t);
        sched.advanceTo(t - 1);
        assertEquals(0, r.read(SR, 4) & DRDY);
        sched.advanceTo(t);
        assertEquals(DRDY, r.read(SR, 4));
        r.read(DR, 4);
        assertEquals(0, r.read(SR, 4) & DRDY, "DR read clears DRDY");
        sched.advanceTo(pll48.timeOf(2 * PERIODS_PER_VALUE));
        assertEquals(DRDY, r.read(SR, 4) & DRDY);
    }

    @Test void sameSeedSameSequenceOtherSeedOther() {
        List<Integer> a = draw(rng(1234), 8);
        List<Integer> b = draw(rng(1234), 8);
        List<Integer> c = draw(rng(1235), 8);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(8, a.stream().distinct().count());
        // SplitMix64 reference: first output for seed 0 is 0xE220A8397B1DCDAF
        long[] s = {0};
        assertEquals(0xE220A8397B1DCDAFL, Rng.splitMix64(s));
        assertEquals(0xE220A839, draw(rng(0), 1).getFirst());
    }

    @Test void readBeforeReadyIsReported() {
        Rng r = rng(1);
        r.write(CR, 4, RNGEN);
        assertEquals(0, r.read(DR, 4));
        assertEquals(GuestLog.Kind.GUEST_ERROR, log.entries().getFirst().kind());
    }

    @Test void interruptOnDrdy() {
        Rng r = rng(1);
        r.write(CR, 4, RNGEN | IE);
        sched.advanceTo(pll48.timeOf(PERIODS_PER_VALUE));
        assertEquals(List.of(true), irq);
        r.read(DR, 4);
        assertEquals(List.of(true, false), irq);
    }

    @Test void clockErrorWhenRngClockTooSlow() {
        ClockDomain slow = new ClockDomain("PLL48CLK", 8_000_000L);
        Rng r = new Rng(sched, log, slow, hclk, irq::add, 1);
        r.write(CR, 4, RNGEN | IE);
        assertEquals(CECS | CEIS, r.read(SR, 4));
        assertEquals(List.of(true), irq);
        r.write(SR, 4, ~CEIS);
        assertEquals(CECS, r.read(SR, 4));
    }

    @Test void unmodelledReadsZeroAndReportsEachRegisterOnce() {
        UnmodelledPeripheral tim2 = new UnmodelledPeripheral(0x4000_0000L, log);
        assertEquals(0, tim2.read(0x24, 4));
        tim2.write(0x24, 4, 5);
        assertEquals(0, tim2.read(0x24, 4));
        tim2.read(0x26, 2); // same register word
        assertEquals(1, log.entries().size());
        tim2.write(0x400 + 0x10, 4, 1); // TIM3_SR
        assertEquals(2, log.entries().size());
        GuestLog.Entry first = log.entries().get(0), second = log.entries().get(1);
        assertEquals(GuestLog.Kind.UNIMPLEMENTED, first.kind());
        assertEquals("TIM2", first.source());
        assertTrue(first.message().contains("0x40000024"), first.message());
        assertEquals("TIM3", second.source());
    }

    @Test void wideWindowNamesEachBlock() {
        UnmodelledPeripheral all = new UnmodelledPeripheral(0x4000_0000L, log);
        all.read(0x1006_0400, 4); // HASH at 0x50060400
        all.read(0x0002_6008, 4); // DMA1 at 0x40026000
        all.read(0x1006_0400, 4);
        all.read(0x0000_0000, 4); // TIM2_CR1
        assertEquals(List.of("HASH", "DMA1", "TIM2"), log.entries().stream().map(GuestLog.Entry::source).toList());
    }

    @Test void mapNamesBlocks() {
        assertEquals("DMA2", Stm32f429Map.nameAt(0x4002_6410L));
        assertEquals("RCC", Stm32f429Map.nameAt(0x4002_3800L));
        assertEquals("reserved", Stm32f429Map.nameAt(0x4000_2400L));
        assertEquals(0x4002_1C00L, Stm32f429Map.gpio(7));
        assertTrue(Stm32f429Map.unmodelledBlocks().stream().noneMatch(b -> b.name().startsWith("GPIO")));
        for (int i = 1; i < Stm32f429Map.BLOCKS.size(); i++)
            assertTrue(Stm32f429Map.BLOCKS.get(i - 1).end() <= Stm32f429Map.BLOCKS.get(i).base(), "sorted, no overlap at " + i);
    }
}
