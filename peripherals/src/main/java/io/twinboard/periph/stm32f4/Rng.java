package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;

/**
 * True random number generator (RM0090 §24, registers §24.4), base {@link Stm32f429Map#RNG}
 * 0x50060800, IRQ {@link Stm32f429Map#IRQ_HASH_RNG} 80 (shared with HASH).
 *
 * <p>Deterministic by design: the "random" numbers are the output of SplitMix64 (Steele, Lea,
 * Flood, OOPSLA 2014: {@code z = (s += 0x9E3779B97F4A7C15); z = (z ^ z>>>30) *
 * 0xBF58476D1CE4E5B9; z = (z ^ z>>>27) * 0x94D049BB133111EB; z ^ z>>>31}) seeded with the
 * run's seed; each DR value is the upper 32 bits of one output. The same seed gives the same
 * sequence in every run.
 *
 * <p>Timing (§24.3.1): with RNGEN set, a value is ready (DRDY) 40 periods of the RNG clock
 * (PLL48CLK, {@link Rcc#pll48()}) after enabling and after each DR read. Reading DR while
 * DRDY = 0 returns 0 and is reported. Clock check (§24.3.2): when the RNG clock is below
 * HCLK / 16, CECS and CEIS are set and no value is produced. Seed errors (SECS/SEIS) never
 * occur. Interrupt (§24.3.3): IE·(DRDY | CEIS | SEIS). Clearing RNGEN stops generation; a value
 * already ready stays readable.
 */
public final class Rng implements MmioDevice {
    public static final int CR = 0x00, SR = 0x04, DR = 0x08;
    public static final int RNGEN = 1 << 2, IE = 1 << 3;
    public static final int DRDY = 1, CECS = 1 << 1, SECS = 1 << 2, CEIS = 1 << 5, SEIS = 1 << 6;
    /** RNG clock periods from enable or from a DR read to the next DRDY (§24.3.1). */
    public static final int PERIODS_PER_VALUE = 40;

    private final Scheduler scheduler;
    private final GuestLog log;
    private final ClockDomain rngClock, hclk;
    private final IrqLine irq;
    private final long seed;
    private final RegisterBank bank;
    private Register cr, sr; // assigned once, in the constructor
    private final Runnable ready = this::valueReady;
    private Scheduler.Event readyEvent;
    private long state;
    private int value;
    private boolean irqLevel;

    /**
     * @param rngClock PLL48CLK
     * @param hclk     the AHB clock (for the clock-error check)
     * @param seed     the run's seed
     */
    public Rng(Scheduler scheduler, GuestLog log, ClockDomain rngClock, ClockDomain hclk, IrqLine irq, long seed) {
        this.scheduler = scheduler;
        this.log = log;
        this.rngClock = rngClock;
        this.hclk = hclk;
        this.irq = irq;
        this.seed = seed;
        this.state = seed;
        bank = new RegisterBank("RNG", (int) Stm32f429Map.WINDOW, log);
        cr = bank.reg(CR, "RNG_CR").reset(0).writeMask(RNGEN | IE).field("RNGEN", 2, 1).field("IE", 3, 1)
                .onWrite((o, n, w) -> crWritten(o, n));
        sr = bank.reg(SR, "RNG_SR").reset(0).readOnly()
                .field("DRDY", 0, 1).field("CECS", 1, 1).field("SECS", 2, 1).field("CEIS", 5, 1).field("SEIS", 6, 1)
                .onWrite((o, n, w) -> { sr.set(o & ~(~w & (CEIS | SEIS))); updateIrq(); });
        bank.reg(DR, "RNG_DR").reset(0).readOnly().onRead(this::readDr);
    }

    /** SplitMix64 step; the upper half of its output is one DR value. */
    static long splitMix64(long[] s) {
        long z = (s[0] += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private final long[] stateBox = new long[1];

    private int nextValue() {
        stateBox[0] = state;
        long z = splitMix64(stateBox);
        state = stateBox[0];
        return (int) (z >>> 32);
    }

    public void reset() {
        if (readyEvent != null) readyEvent.cancel();
        bank.reset();
        state = seed;
        value = 0;
        updateIrq();
    }

    @Override public int read(int offset, int size) { return bank.read(offset, size); }

    @Override public void write(int offset, int size, int value) { bank.write(offset, size, value); }

    private void crWritten(int old, int now) {
        if ((old & RNGEN) == 0 && (now & RNGEN) != 0) scheduleNext();
        if ((now & RNGEN) == 0 && readyEvent != null) readyEvent.cancel();
        updateIrq();
    }

    private void scheduleNext() {
        if (readyEvent != null) readyEvent.cancel();
        if (rngClock.hz() < hclk.hz() / 16) {
            sr.set(sr.get() | CECS | CEIS);
            log.guestError("RNG", "clock-error", "RNG clock " + rngClock.hz() + " Hz below HCLK/16 (RM0090 §24.3.2): no data");
            updateIrq();
            return;
        }
        sr.set(sr.get() & ~CECS);
        if (rngClock.hz() > 48_000_000L)
            log.guestError("RNG", "clock-high", "RNG clock " + rngClock.hz() + " Hz above the 48 MHz maximum (DS9405 PLL48CLK)");
        long now = scheduler.now();
        long at = rngClock.timeOf(rngClock.firstCycleNotBefore(now) + PERIODS_PER_VALUE);
        readyEvent = scheduler.schedule(at, "RNG DRDY", ready);
    }

    private void valueReady() {
        value = nextValue();
        sr.set(sr.get() | DRDY);
        updateIrq();
    }

    private int readDr() {
        if ((sr.get() & DRDY) == 0) {
            log.guestError("RNG", "dr-not-ready", "RNG_DR read while DRDY = 0 (RM0090 §24.3.1): reads 0");
            return 0;
        }
        int v = value;
        sr.set(sr.get() & ~DRDY);
        if ((cr.get() & RNGEN) != 0) scheduleNext();
        updateIrq();
        return v;
    }

    private void updateIrq() {
        boolean level = (cr.get() & IE) != 0 && (sr.get() & (DRDY | CEIS | SEIS)) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
