package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Data Watchpoint and Trace unit (ARMv7-M ARM C1.8) and the CoreDebug registers DHCSR, DCRSR,
 * DCRDR, DEMCR (C1.6). Modelled: DWT_CTRL.CYCCNTENA and DWT_CYCCNT, gated by DEMCR.TRCENA;
 * CYCCNT is computed from the core's exact cycle count (also mid-block), not ticked. The
 * profiling counters, comparators and PCSR sampling are declared and read 0 / unmodelled.
 */
final class Dwt {
    static final int CTRL_CYCCNTENA = 1;
    static final int DEMCR_TRCENA = 1 << 24;
    /** DWT_CTRL reset: NUMCOMP = 4 comparators (Cortex-M4 TRM §8.3), no other feature bits. */
    static final int CTRL_RESET = 0x4000_0000;

    private final LongSupplier cycleNow;
    private final RegisterBank bank;
    private Register ctrl;
    private Register demcr;
    /** CYCCNT = {@code base} + cycles counted since {@code since} while counting. */
    private int base;
    private long since;
    private boolean counting;

    Dwt(LongSupplier cycleNow, IntSupplier pc, GuestLog log) {
        this.cycleNow = cycleNow;
        bank = new RegisterBank("DWT", 0x1000, log);
        ctrl = bank.reg(0x000, "DWT_CTRL").reset(CTRL_RESET).writeMask(0x0FFF_FFFF & ~0x0E00_0000)
                .field("CYCCNTENA", 0, 1).field("NUMCOMP", 28, 4)
                .unmodelled(0x007F_FFFE, "DWT sampling/event counters (POSTPRESET, CPIEVTENA, EXCTRCENA, ...)")
                .onWrite((o, n, raw) -> update());
        bank.reg(0x004, "DWT_CYCCNT").onRead(this::cyccnt).onWrite((o, n, raw) -> { base = n; since = cycleNow.getAsLong(); });
        bank.reg(0x008, "DWT_CPICNT").width(8).unmodelled(0xFF, "DWT profiling counter");
        bank.reg(0x00C, "DWT_EXCCNT").width(8).unmodelled(0xFF, "DWT profiling counter");
        bank.reg(0x010, "DWT_SLEEPCNT").width(8).unmodelled(0xFF, "DWT profiling counter");
        bank.reg(0x014, "DWT_LSUCNT").width(8).unmodelled(0xFF, "DWT profiling counter");
        bank.reg(0x018, "DWT_FOLDCNT").width(8).unmodelled(0xFF, "DWT profiling counter");
        bank.reg(0x01C, "DWT_PCSR").readOnly().onRead(pc);
        for (int n = 0; n < 4; n++) {
            bank.reg(0x020 + 16 * n, "DWT_COMP" + n);
            bank.reg(0x024 + 16 * n, "DWT_MASK" + n).writeMask(0x1F);
            bank.reg(0x028 + 16 * n, "DWT_FUNCTION" + n).unmodelled(0xF, "DWT watchpoint/trace comparators");
        }
        bank.reg(0xFB0, "DWT_LAR").writeMask(0);
        bank.reg(0xFB4, "DWT_LSR").readOnly();
        int[] ids = {0x04, 0, 0, 0, 0x02, 0xB0, 0x3B, 0, 0x0D, 0xE0, 0x05, 0xB1};
        String[] names = {"PID4", "PID5", "PID6", "PID7", "PID0", "PID1", "PID2", "PID3", "CID0", "CID1", "CID2", "CID3"};
        for (int i = 0; i < ids.length; i++) bank.reg(0xFD0 + 4 * i, "DWT_" + names[i]).readOnly().reset(ids[i]);
    }

    RegisterBank bank() { return bank; }

    /** Declares CoreDebug (DHCSR at 0xE000EDF0) in the SCS bank. */
    void declareCoreDebug(RegisterBank scs, GuestLog log) {
        scs.reg(0xDF0, "DHCSR").writeMask(0).field("C_DEBUGEN", 0, 1).onWrite((o, n, raw) -> {
            if ((raw >>> 16) == 0xA05F && (raw & 0xF) != 0)
                log.unimplemented("CoreDebug", "DHCSR", String.format("DHCSR write 0x%08x: halting debug is not modelled", raw));
        });
        scs.reg(0xDF4, "DCRSR").writeMask(0);
        scs.reg(0xDF8, "DCRDR");
        demcr = scs.reg(0xDFC, "DEMCR").writeMask(0x010F_07F1).field("TRCENA", 24, 1)
                .unmodelled(0x000F_07F1, "vector catch and debug monitor")
                .onWrite((o, n, raw) -> update());
    }

    void reset() {
        bank.reset();
        base = 0;
        since = cycleNow.getAsLong();
        counting = false;
    }

    /** Resets DEMCR too (power-on; a system reset leaves the debug registers alone, C1.6). */
    void powerOnReset() { if (demcr != null) demcr.set(0); reset(); }

    private int cyccnt() {
        return counting ? base + (int) (cycleNow.getAsLong() - since) : base;
    }

    private void update() {
        boolean on = ctrl.bit(0) && demcr != null && (demcr.get() & DEMCR_TRCENA) != 0;
        if (on == counting) return;
        base = cyccnt();
        since = cycleNow.getAsLong();
        counting = on;
    }
}
