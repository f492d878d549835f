package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;

import java.util.function.BooleanSupplier;

/**
 * The FRC1/FRC2 timer block at 0x60000600 (FRC1 at +0x00, FRC2 at +0x20). FRC1 raises core
 * interrupt {@link Esp8266Map#INUM_FRC_TIMER1} (9), FRC2 {@link Esp8266Map#INUM_FRC_TIMER2} (10).
 *
 * <p>Registers (SDK {@code eagle_soc.h} FRC1_/FRC2_*_ADDRESS; esp-open-rtos {@code timer_regs.h}
 * for observed behaviour): LOAD, COUNT (read-only), CTRL, INT, and FRC2 ALARM at +0x30.
 * CTRL: bit 0 INT_TYPE (0 edge, 1 level — "INT_HOLD"), bits 2..3 divider (0: /1, 1: /16, 2 and
 * 3: /256 of the 80 MHz APB clock), bit 6 AUTO_LOAD, bit 7 ENABLE, bit 8 interrupt status
 * (read-only). INT: any write clears the status (the SDK writes back the register with bit 0
 * cleared); reads return LOAD (observed).
 *
 * <p>FRC1 counts down, 23 bits. Writing LOAD loads COUNT. Reaching zero sets the status and
 * interrupts; with AUTO_LOAD it reloads LOAD (period LOAD ticks, COUNT never reads 0), without
 * it it wraps to 0x7FFFFF and keeps counting (next zero 2^23 ticks later). FRC2 counts up,
 * 32 bits, from the value written to LOAD; COUNT == ALARM sets the status and interrupts.
 *
 * <p>Time model (DESIGN.md rule 5): nothing ticks. Each counter keeps (base APB cycle, count at
 * base); COUNT is computed on read and the next zero/alarm is one scheduled event, recomputed
 * when LOAD, CTRL or ALARM change. The prescaler phase restarts when LOAD is written or the
 * counter is enabled; ALARM writes and CTRL writes that keep ENABLE/DIVIDER/AUTO_LOAD leave the
 * tick phase alone (the SDK re-arms FRC2's ALARM constantly and uses COUNT as its clock).
 *
 * <p>Interrupt routing: in edge mode the status auto-clears and the core input gets a pulse
 * (raise then lower at the same instant; LX106 interrupts 9 and 10 are edge-triggered), but only
 * when DPORT EDGE_INT_ENABLE has the timer's bit (bit 1 FRC1, bit 2 FRC2), which the SDK sets with
 * TM1_EDGE_INT_ENABLE(). In level mode the line follows the status bit until INT is written;
 * we do not gate it by EDGE_INT_ENABLE (assumption — the register's name says "edge").
 */
public final class Esp8266Timers implements MmioDevice {
    private static final int CTRL_INT_LEVEL = 1, CTRL_AUTO_LOAD = 1 << 6, CTRL_ENABLE = 1 << 7, CTRL_STATUS = 1 << 8;
    private static final int FRC1_MASK = 0x7F_FFFF;
    private static final long FRC1_MODULUS = 1L << 23;
    private static final long FRC2_MODULUS = 1L << 32;

    private final Scheduler scheduler;
    private final ClockDomain apb;
    private final GuestLog log;
    private final RegisterBank regs;
    private final Counter frc1, frc2;
    private Register frc2Alarm;

    /**
     * @param apb     the 80 MHz APB clock the timers count
     * @param frc1Irq core interrupt 9
     * @param frc2Irq core interrupt 10
     */
    public Esp8266Timers(Scheduler scheduler, ClockDomain apb, IrqLine frc1Irq, IrqLine frc2Irq, GuestLog log) {
        this.scheduler = scheduler;
        this.apb = apb;
        this.log = log;
        regs = new RegisterBank("FRC", 0x40, log);
        frc1 = new Counter("FRC1", 0x00, true, frc1Irq);
        frc2 = new Counter("FRC2", 0x20, false, frc2Irq);
        frc2Alarm = regs.reg(0x30, "FRC2_ALARM").onWrite((o, n, raw) -> frc2.reschedule());
    }

    /** Gates for edge interrupts: DPORT EDGE_INT_ENABLE bits 1 (FRC1) and 2 (FRC2). */
    public void setEdgeEnables(BooleanSupplier frc1Enabled, BooleanSupplier frc2Enabled) {
        frc1.edgeEnabled = frc1Enabled;
        frc2.edgeEnabled = frc2Enabled;
    }

    /** FRC1 COUNT as the guest would read it now. */
    public int frc1Count() { return frc1.countNow(); }

    /** FRC2 COUNT as the guest would read it now. */
    public int frc2Count() { return frc2.countNow(); }

    /** Interrupt status bits (CTRL bit 8) of FRC1 and FRC2. */
    public boolean frc1Status() { return frc1.status; }
    public boolean frc2Status() { return frc2.status; }

    /** FRC1's own 0x20-byte window (0x60000600), for boards that map FRC1 and FRC2 apart. */
    public MmioDevice frc1Window() { return this; }

    /** FRC2's own window (0x60000620: LOAD, COUNT, CTRL, INT, ALARM at 0x00..0x10). */
    public MmioDevice frc2Window() {
        return new MmioDevice() {
            @Override public int read(int offset, int size) { return regs.read(offset + 0x20, size); }
            @Override public void write(int offset, int size, int value) { regs.write(offset + 0x20, size, value); }
        };
    }

    public RegisterBank registers() { return regs; }

    @Override public int read(int offset, int size) { return regs.read(offset, size); }

    @Override public void write(int offset, int size, int value) { regs.write(offset, size, value); }

    /** One counter: FRC1 (down, 23 bits) or FRC2 (up, 32 bits, alarm). */
    private final class Counter {
        final String name;
        final boolean down;
        final IrqLine irq;
        final Register load, ctrl;
        BooleanSupplier edgeEnabled = () -> true;
        long baseCycle;
        long baseCount;
        boolean status;
        boolean lineHigh;
        Scheduler.Event event;
        final Runnable fire = this::fire;
        final String eventName;

        Counter(String name, int at, boolean down, IrqLine irq) {
            this.name = name;
            this.down = down;
            this.irq = irq;
            this.eventName = name + " zero";
            load = regs.reg(at, name + "_LOAD").writeMask(down ? FRC1_MASK : -1)
                    .onWrite((o, n, raw) -> { baseCount = n & 0xFFFF_FFFFL; baseCycle = apb.cycleAt(scheduler.now()); reschedule(); });
            regs.reg(at + 4, name + "_COUNT").readOnly().onRead(this::countNow);
            ctrl = regs.reg(at + 8, name + "_CTRL").writeMask(0xCD)
                    .field("INT_TYPE", 0, 1).field("DIVIDER", 2, 2).field("AUTO_LOAD", 6, 1)
                    .field("ENABLE", 7, 1).field("INT_STATUS", 8, 1)
                    .onRead(() -> ctrl().get() | (status ? CTRL_STATUS : 0))
                    .onWrite(this::ctrlWritten);
            if (!down) ctrl.unmodelled(CTRL_AUTO_LOAD, "FRC2 auto-load (FRC2 is free running)");
            regs.reg(at + 12, name + "_INT").readOnly().field("INT_CLR", 0, 1)
                    .onRead(() -> load.get()).onWrite((o, n, raw) -> clearStatus());
            if (down) baseCount = FRC1_MASK;
        }

        private Register ctrl() { return ctrl; }

        int divider() {
            return switch ((ctrl.get() >>> 2) & 3) { case 0 -> 1; case 1 -> 16; default -> 256; };
        }

        boolean enabled() { return (ctrl.get() & CTRL_ENABLE) != 0; }

        long ticksSinceBase() {
            return enabled() ? (apb.cycleAt(scheduler.now()) - baseCycle) / divider() : 0;
        }

        int countNow() { return (int) countAfter(ticksSinceBase()); }

        long countAfter(long ticks) {
            if (!down) return (baseCount + ticks) & 0xFFFF_FFFFL;
            long first = baseCount == 0 ? reloadPeriod() : baseCount;
            if (ticks < first) return (baseCount - ticks) & FRC1_MASK;
            long k = (ticks - first) % reloadPeriod();
            if ((ctrl.get() & CTRL_AUTO_LOAD) != 0) return reloadPeriod() - k;
            return (FRC1_MODULUS - k) & FRC1_MASK;
        }

        long reloadPeriod() {
            if ((ctrl.get() & CTRL_AUTO_LOAD) == 0) return FRC1_MODULUS;
            long l = load.get() & FRC1_MASK;
            if (l == 0) {
                log.guestError(name, "load0", "auto-load with LOAD = 0; period taken as 2^23 ticks");
                return FRC1_MODULUS;
            }
            return l;
        }

        /** Ticks after base at which the next interrupt happens, strictly after {@code now}. */
        long nextEventTick(long ticksNow) {
            if (down) {
                long first = baseCount == 0 ? reloadPeriod() : baseCount;
                if (ticksNow < first) return first;
                long p = reloadPeriod();
                return first + ((ticksNow - first) / p + 1) * p;
            }
            long cur = (baseCount + ticksNow) & 0xFFFF_FFFFL;
            long delta = ((frc2Alarm.get() & 0xFFFF_FFFFL) - cur) & 0xFFFF_FFFFL;
            return ticksNow + (delta == 0 ? FRC2_MODULUS : delta);
        }

        void reschedule() {
            if (event != null) { event.cancel(); event = null; }
            if (!enabled()) return;
            long ticksNow = (apb.cycleAt(scheduler.now()) - baseCycle) / divider();
            long at = baseCycle + nextEventTick(ticksNow) * divider();
            event = scheduler.schedule(apb.timeOf(at), eventName, fire);
        }

        void ctrlWritten(int old, int now, int raw) {
            if (((old ^ now) & (CTRL_ENABLE | CTRL_AUTO_LOAD | 3 << 2)) != 0) {
                // Re-base at the last tick under the old settings, so a running counter keeps its
                // tick phase; a counter being started begins its first tick now.
                int fresh = ctrl.get();
                ctrl.set(old);
                long t = ticksSinceBase();
                boolean wasRunning = enabled();
                baseCount = countAfter(t);
                long lastTick = baseCycle + t * divider();
                ctrl.set(fresh);
                baseCycle = wasRunning ? lastTick : apb.cycleAt(scheduler.now());
            }
            reschedule();
            updateLine();
        }

        void fire() {
            event = null;
            if ((ctrl.get() & CTRL_INT_LEVEL) != 0) {
                status = true;
                updateLine();
            } else if (edgeEnabled.getAsBoolean()) {
                // Edge mode: the status bit clears by itself; the core latches the pulse.
                irq.set(true);
                irq.set(false);
            }
            reschedule();
        }

        void clearStatus() {
            status = false;
            updateLine();
        }

        void updateLine() {
            boolean level = status && (ctrl.get() & CTRL_INT_LEVEL) != 0;
            if (level != lineHigh) {
                lineHigh = level;
                irq.set(level);
            }
        }
    }
}
