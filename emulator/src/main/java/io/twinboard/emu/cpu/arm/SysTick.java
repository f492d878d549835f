package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;

import java.util.function.LongSupplier;

/**
 * SysTick timer (ARMv7-M ARM B3.3): a 24-bit down counter, computed from its start tick and
 * reload value — never ticked (DESIGN.md style rule 5). Counts processor clock cycles
 * (CSR.CLKSOURCE = 1) or the external reference, which on the STM32F4 is HCLK/8 (RM0090 §6.2,
 * "the RCC feeds the Cortex System Timer (SysTick) external clock with the AHB clock divided by
 * 8"). One scheduler event per wrap raises the exception when CSR.TICKINT is set.
 *
 * <p>Counter semantics (B3.3.1): the counter decrements every tick; the tick after it reaches
 * 0 reloads RVR; the transition 1→0 sets COUNTFLAG and pends SysTick. Writing CVR clears it to
 * 0 and clears COUNTFLAG. Reading CSR clears COUNTFLAG.
 */
final class SysTick {
    static final int CSR_ENABLE = 1, CSR_TICKINT = 2, CSR_CLKSOURCE = 4, CSR_COUNTFLAG = 1 << 16;
    /** STM32F4 SYST_CALIB: TENMS = 21000 (1 ms at the 21 MHz HCLK/8 reference; PM0214 §4.5.4). */
    static final int CALIB_STM32F4 = 21000;

    private final Nvic nvic;
    private final Scheduler scheduler;
    private final ClockDomain clock;
    private final LongSupplier cycleNow;
    private final int externalDivider;

    private boolean enabled, tickint, processorClock;
    private int reload;
    /** Counter value {@code startValue} at tick {@code startTick} (when enabled). */
    private long startTick;
    private int startValue;
    /** Counter value while disabled. */
    private int frozenValue;
    private long countflagClearedAt;
    private boolean countflagSticky;
    private Scheduler.Event event;
    private Register csr;

    SysTick(Nvic nvic, Scheduler scheduler, ClockDomain clock, LongSupplier cycleNow, int externalDivider) {
        this.nvic = nvic;
        this.scheduler = scheduler;
        this.clock = clock;
        this.cycleNow = cycleNow;
        this.externalDivider = Math.max(1, externalDivider);
        clock.onFrequencyChange(hz -> reschedule());
    }

    void declare(RegisterBank scs) {
        csr = scs.reg(0x010, "SYST_CSR").reset(0).writeMask(CSR_ENABLE | CSR_TICKINT | CSR_CLKSOURCE)
                .field("ENABLE", 0, 1).field("TICKINT", 1, 1).field("CLKSOURCE", 2, 1).field("COUNTFLAG", 16, 1)
                .onRead(this::readCsr).onWrite((o, n, raw) -> writeCsr(n));
        scs.reg(0x014, "SYST_RVR").writeMask(0x00FF_FFFF).field("RELOAD", 0, 24).onWrite((o, n, raw) -> writeReload(n));
        scs.reg(0x018, "SYST_CVR").field("CURRENT", 0, 24).onRead(this::current).onWrite((o, n, raw) -> clearCurrent());
        scs.reg(0x01C, "SYST_CALIB").readOnly().reset(CALIB_STM32F4).field("TENMS", 0, 24).field("SKEW", 30, 1).field("NOREF", 31, 1);
    }

    void reset() {
        cancel();
        enabled = tickint = processorClock = false;
        reload = 0;
        frozenValue = 0;
        countflagSticky = false;
    }

    private long tickAt(long cycle) { return processorClock ? cycle : Math.floorDiv(cycle, externalDivider); }
    private long cycleOfTick(long tick) { return processorClock ? tick : tick * externalDivider; }
    private long nowTick() { return tickAt(cycleNow.getAsLong()); }

    /** Current counter value (CVR) at the exact core cycle. */
    int current() {
        if (!enabled) return frozenValue;
        return valueAt(nowTick());
    }

    private int valueAt(long tick) {
        long t = tick - startTick;
        if (t <= startValue) return (int) (startValue - t);
        if (reload == 0) return 0;
        return (int) (reload - (t - startValue - 1) % (reload + 1L));
    }

    /** First tick strictly after {@code after} at which the counter transitions to 0, or -1. */
    private long nextZeroTick(long after) {
        long first = startValue > 0 ? startTick + startValue : (reload == 0 ? -1 : startTick + reload + 1);
        if (first < 0) return -1;
        if (first > after) return first;
        if (reload == 0) return -1;
        long period = reload + 1L;
        long m = (after - first) / period + 1;
        return first + m * period;
    }

    private int readCsr() {
        int v = (enabled ? CSR_ENABLE : 0) | (tickint ? CSR_TICKINT : 0) | (processorClock ? CSR_CLKSOURCE : 0);
        if (countflag()) v |= CSR_COUNTFLAG;
        countflagSticky = false;
        countflagClearedAt = enabled ? nowTick() : Long.MAX_VALUE;
        return v;
    }

    private boolean countflag() {
        if (countflagSticky) return true;
        if (!enabled) return false;
        long z = nextZeroTick(countflagClearedAt);
        return z >= 0 && z <= nowTick();
    }

    private void writeCsr(int v) {
        boolean wasFlag = countflag();
        // Freeze the counter under the old configuration before changing it.
        int value = current();
        long now = cycleNow.getAsLong();
        boolean nowEnabled = (v & CSR_ENABLE) != 0;
        tickint = (v & CSR_TICKINT) != 0;
        processorClock = (v & CSR_CLKSOURCE) != 0;
        countflagSticky = wasFlag;
        if (nowEnabled) {
            startTick = tickAt(now);
            startValue = value;
            countflagClearedAt = startTick;
        } else {
            frozenValue = value;
        }
        enabled = nowEnabled;
        reschedule();
    }

    private void writeReload(int v) {
        if (enabled) { // keep the running counter where it is; the new reload applies at the next wrap
            long now = nowTick();
            boolean flag = countflag();
            startValue = valueAt(now);
            startTick = now;
            countflagSticky = flag;
            countflagClearedAt = now;
        }
        reload = v & 0x00FF_FFFF;
        reschedule();
    }

    private void clearCurrent() {
        countflagSticky = false;
        if (enabled) {
            startTick = nowTick();
            startValue = 0;
            countflagClearedAt = startTick;
        } else {
            frozenValue = 0;
        }
        reschedule();
    }

    private void cancel() {
        if (event != null) event.cancel();
        event = null;
    }

    private void reschedule() {
        cancel();
        if (!enabled) return;
        long z = nextZeroTick(nowTick());
        if (z < 0) return;
        long zeroTick = z;
        event = scheduler.schedule(clock.timeOf(cycleOfTick(zeroTick)), "SysTick wrap", () -> wrapped(zeroTick));
    }

    private void wrapped(long zeroTick) {
        event = null;
        if (tickint) nvic.setPending(Nvic.SYSTICK, true);
        long z = nextZeroTick(zeroTick);
        if (z < 0) return;
        event = scheduler.schedule(clock.timeOf(cycleOfTick(z)), "SysTick wrap", () -> wrapped(z));
    }
}
