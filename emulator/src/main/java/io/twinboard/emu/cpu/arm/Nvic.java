package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;

/**
 * Exception state of the core and the NVIC registers (ARMv7-M ARM DDI 0403E, B1.5 exception
 * model, B3.4 NVIC). Holds, per exception number, pending / active / enabled and the priority;
 * answers "which exception would be taken now" (B1.5.4 priority, group priority from
 * AIRCR.PRIGROUP, masks PRIMASK/BASEPRI/FAULTMASK). Interrupt lines are level sensitive: a high
 * line makes its interrupt pending; pending is cleared on entry and set again on return while
 * the line stays high (B3.4.1).
 *
 * <p>Priorities are stored as the 8-bit register value with the STM32F4's 4 implemented bits
 * ([7:4]); Reset, NMI and HardFault have the fixed priorities -3, -2, -1.
 */
public final class Nvic {
    public static final int RESET = 1, NMI = 2, HARDFAULT = 3, MEMMANAGE = 4, BUSFAULT = 5, USAGEFAULT = 6,
            SVCALL = 11, DEBUGMONITOR = 12, PENDSV = 14, SYSTICK = 15, IRQ0 = 16;
    /** Implemented priority bits: [7:4] (STM32F4 __NVIC_PRIO_BITS = 4). */
    public static final int PRIORITY_MASK = 0xF0;
    /** "No exception / thread mode" execution priority (B1.5.4: one more than the lowest). */
    public static final int THREAD_PRIORITY = 256;

    private final int count;
    private final boolean[] pending;
    private final boolean[] active;
    private final boolean[] enabled;
    private final boolean[] level;
    private final int[] priority;
    private int prigroup;
    private boolean anyPending;
    private Runnable attention = () -> {};

    /** @param externalIrqs number of external interrupts (91 on the STM32F429) */
    public Nvic(int externalIrqs) {
        count = IRQ0 + externalIrqs;
        pending = new boolean[count];
        active = new boolean[count];
        enabled = new boolean[count];
        level = new boolean[count];
        priority = new int[count];
        reset();
    }

    /** Called (on the core's thread) whenever an exception becomes pending. */
    void onAttention(Runnable r) { attention = r; }

    public void reset() {
        java.util.Arrays.fill(pending, false);
        java.util.Arrays.fill(active, false);
        java.util.Arrays.fill(priority, 0);
        for (int i = 0; i < count; i++) enabled[i] = i < IRQ0 && !(i >= MEMMANAGE && i <= USAGEFAULT);
        priority[RESET] = -3;
        priority[NMI] = -2;
        priority[HARDFAULT] = -1;
        prigroup = 0;
        anyPending = false;
        // Lines keep their level through a reset: a device still asserting re-pends.
        for (int i = IRQ0; i < count; i++) if (level[i]) pending[i] = true;
        recompute();
    }

    public int exceptionCount() { return count; }

    /** The level-sensitive request line of external interrupt {@code n}. */
    public IrqLine line(int n) {
        if (n < 0 || IRQ0 + n >= count) throw new IllegalArgumentException("IRQ " + n + " out of range 0.." + (count - IRQ0 - 1));
        int exc = IRQ0 + n;
        return high -> {
            if (level[exc] == high) return;
            level[exc] = high;
            if (high) setPending(exc, true);
        };
    }

    // ---- state ------------------------------------------------------------------------------

    public boolean isPending(int exc) { return pending[exc]; }
    public boolean isActive(int exc) { return active[exc]; }
    public boolean isEnabled(int exc) { return enabled[exc]; }
    public int priority(int exc) { return priority[exc]; }
    public int prigroup() { return prigroup; }
    /** Some exception is pending (cheap; the core polls it at block boundaries). */
    public boolean anyPending() { return anyPending; }

    public void setPending(int exc, boolean on) {
        if (pending[exc] == on) return;
        pending[exc] = on;
        recompute();
        if (on) attention.run();
    }

    void setEnabled(int exc, boolean on) {
        if (enabled[exc] == on) return;
        enabled[exc] = on;
        recompute();
        if (on && pending[exc]) attention.run();
    }

    void setPriority(int exc, int value) {
        if (exc > HARDFAULT) priority[exc] = value & PRIORITY_MASK;
    }

    void setPrigroup(int g) { prigroup = g & 7; }

    /** Exception entry bookkeeping (B1.5.6): active, no longer pending. */
    void activate(int exc) {
        active[exc] = true;
        pending[exc] = false;
        recompute();
    }

    /** Exception return bookkeeping (B1.5.8 DeActivate); a still-high line pends again. */
    void deactivate(int exc) {
        active[exc] = false;
        if (exc >= IRQ0 && level[exc]) pending[exc] = true;
        recompute();
    }

    /** Clears every active state (AIRCR.VECTCLRACTIVE, reset). */
    void clearActive() { java.util.Arrays.fill(active, false); }

    private void recompute() {
        boolean any = false;
        for (int i = 1; i < count; i++) if (pending[i] && enabled[i]) { any = true; break; }
        anyPending = any;
    }

    // ---- priority ---------------------------------------------------------------------------

    /** Group priority of an 8-bit priority value under the current PRIGROUP (B1.5.4). */
    public int groupPriority(int value) {
        if (value < 0) return value;
        return value & (0xFF << (prigroup + 1)) & 0xFF;
    }

    /**
     * Execution priority (B1.5.4 ExecutionPriority()): the highest group priority of the active
     * exceptions, boosted by PRIMASK (0), FAULTMASK (-1) and BASEPRI.
     */
    public int executionPriority(int primask, int basepri, int faultmask) {
        int p = THREAD_PRIORITY;
        for (int i = 1; i < count; i++) if (active[i]) p = Math.min(p, groupPriority(priority[i]));
        if ((basepri & PRIORITY_MASK) != 0) p = Math.min(p, groupPriority(basepri & PRIORITY_MASK));
        if ((primask & 1) != 0) p = Math.min(p, 0);
        if ((faultmask & 1) != 0) p = Math.min(p, -1);
        return p;
    }

    /** As {@link #executionPriority} but ignoring exception {@code leaving} (return in progress). */
    int executionPriorityWithout(int leaving, int primask, int basepri, int faultmask) {
        boolean was = active[leaving];
        active[leaving] = false;
        int p = executionPriority(primask, basepri, faultmask);
        active[leaving] = was;
        return p;
    }

    /**
     * The pending, enabled exception with the highest priority (lowest value; ties go to the
     * lowest number, B1.5.4), or 0 when none is pending.
     */
    public int highestPending() {
        if (!anyPending) return 0;
        int best = 0;
        int bestPrio = Integer.MAX_VALUE;
        for (int i = 1; i < count; i++) {
            if (pending[i] && enabled[i] && priority[i] < bestPrio) { best = i; bestPrio = priority[i]; }
        }
        return best;
    }

    /** The exception that preempts at execution priority {@code current}, or 0. */
    public int preempting(int current) {
        int e = highestPending();
        return e != 0 && groupPriority(priority[e]) < current ? e : 0;
    }

    /** Number of active exceptions (RETTOBASE, nesting checks). */
    int activeCount() {
        int n = 0;
        for (int i = 1; i < count; i++) if (active[i]) n++;
        return n;
    }

    // ---- registers (B3.4.2 NVIC register map) -------------------------------------------------

    /** Declares ISER/ICER/ISPR/ICPR/IABR/IPR and STIR in the SCS bank (offsets from 0xE000E000). */
    void declare(RegisterBank scs) {
        for (int w = 0; w < 8; w++) {
            final int base = IRQ0 + 32 * w;
            setClear(scs, 0x100 + 4 * w, "NVIC_ISER" + w, enabled, base, e -> setEnabled(e, true));
            setClear(scs, 0x180 + 4 * w, "NVIC_ICER" + w, enabled, base, e -> setEnabled(e, false));
            setClear(scs, 0x200 + 4 * w, "NVIC_ISPR" + w, pending, base, e -> setPending(e, true));
            setClear(scs, 0x280 + 4 * w, "NVIC_ICPR" + w, pending, base, e -> setPending(e, false));
            scs.reg(0x300 + 4 * w, "NVIC_IABR" + w).readOnly().onRead(() -> bits(active, base));
        }
        int iprs = (count - IRQ0 + 3) / 4;
        for (int k = 0; k < iprs; k++) {
            final int first = IRQ0 + 4 * k;
            scs.reg(0x400 + 4 * k, "NVIC_IPR" + k).writeMask(0xF0F0F0F0).onWrite((o, n, raw) -> {
                for (int b = 0; b < 4 && first + b < count; b++) setPriority(first + b, n >>> (8 * b));
            });
        }
        scs.reg(0xF00, "STIR").writeMask(0).onWrite((o, n, raw) -> {
            int irq = raw & 0x1FF;
            if (IRQ0 + irq < count) setPending(IRQ0 + irq, true);
        });
    }

    /** A write-one-to-set/clear register: keeps no state of its own, so a narrow write does
     *  not re-apply the other bytes (the bank merges narrow writes with the stored value). */
    private void setClear(RegisterBank scs, int offset, String name, boolean[] state, int base, java.util.function.IntConsumer action) {
        Register r = scs.reg(offset, name).onRead(() -> bits(state, base));
        r.onWrite((o, n, raw) -> { forBits(n, base, action); r.set(0); });
    }

    private int bits(boolean[] a, int base) {
        int v = 0;
        for (int b = 0; b < 32 && base + b < count; b++) if (a[base + b]) v |= 1 << b;
        return v;
    }

    private void forBits(int raw, int base, java.util.function.IntConsumer f) {
        for (int b = 0; b < 32; b++) if ((raw >>> b & 1) != 0 && base + b < count) f.accept(base + b);
    }
}
