package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.BusFault;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.cpu.arm.timing.ThumbDecoder;
import io.twinboard.emu.cpu.arm.timing.ThumbInstruction;
import io.twinboard.emu.time.VirtualTime;

/**
 * WFI, WFE and the event register (ARMv7-M B1.5.18-19). Unicorn leaves {@code uc_emu_start}
 * after either instruction; the core then looks at the halfword before the PC. A sleeping core
 * jumps its time to the next event instead of executing. The event register is set by SEV (the
 * core sees it when it charges the block), exception entry and return; a WFE finding it set
 * clears it and does not sleep. Machine thread only; part of {@link CortexM4}.
 */
final class SleepState {
    private static final int WFI = 0xBF30, WFE = 0xBF20;

    private final CortexM4 core;
    /** The core waits in WFI/WFE. */
    boolean sleeping;
    private boolean eventRegister;

    SleepState(CortexM4 core) { this.core = core; }

    void reset() {
        sleeping = false;
        eventRegister = false;
    }

    /** SEV, exception entry or return: the next WFE does not sleep. */
    void event() { eventRegister = true; }

    /**
     * Unicorn 2.0.1 ends a WFE (QEMU's EXCP_YIELD) with UC_ERR_INSN_INVALID and the PC after it,
     * where a real undefined instruction leaves the PC at that instruction: a WFE just before
     * {@code at}, and a defined instruction at it, is a WFE (measured, CortexM4SystemInstructionTest).
     */
    boolean wfeJustExecuted(int at) {
        if (core.halfword(at - 2) != WFE) return false;
        ThumbInstruction next = ThumbDecoder.decode(at, core.halfword(at), core.halfword(at + 2));
        return (next.flags() & ThumbInstruction.F_UNDEFINED) == 0;
    }

    /** The engine stopped on its own at {@code at}: after a WFI or WFE the core may sleep. */
    void afterStop(int at) {
        int hw;
        try {
            hw = core.bus.read((at - 2) & 0xFFFF_FFFFL, 2);
        } catch (BusFault f) {
            return;
        }
        if (hw != WFI && hw != WFE) return;
        if (hw == WFE && eventRegister) { eventRegister = false; return; }
        sleeping = true;
    }

    /** Jumps the core's time to the next event (B1.5.19); null when woken, IDLE when nothing can wake it. */
    StopReason sleepUntil(long deadline) {
        if (core.exceptions.wakeable()) { sleeping = false; return null; }
        long next = core.scheduler.nextDeadline();
        if (next == VirtualTime.NEVER) return StopReason.IDLE;
        core.account.idleUntil(core.clock.firstCycleNotBefore(Math.min(next, deadline)));
        return StopReason.DEADLINE;
    }
}
