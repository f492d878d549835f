package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.BusFault;
import io.twinboard.emu.cpu.ArmRegister;
import io.twinboard.emu.cpu.FaultReport;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.cpu.arm.timing.CortexM4Timing;

/**
 * Exception entry and return done by the host, as Unicorn 2.0.1 has no M-profile exception
 * machinery of its own (reference/unicorn.md): ARMv7-M ARM B1.5.6 ExceptionEntry (8-word basic
 * frame, STKALIGN 8-byte alignment with xPSR bit 9, MSP/PSP by CONTROL.SPSEL, EXC_RETURN in LR),
 * B1.5.8 ExceptionReturn (EXC_RETURN 0xFFFFFFF1/9/D and the FP-frame variants E1/E9/ED),
 * tail-chaining, SVC, and fault escalation to HardFault (B1.5.14 and B3.2.16), lockup.
 *
 * <p>FP context (B1.5.7, B3.2.22 FPCCR): when CONTROL.FPCA is set at entry (Unicorn sets it at
 * the first FP instruction, as FPCCR.ASPEN asks), the frame is the 26-word extended one, always
 * 8-byte aligned, and EXC_RETURN bit 4 is 0. With FPCCR.LSPEN (reset value) the hardware only
 * reserves S0-S15/FPSCR's space (FPCAR, LSPACT) and saves them when the handler first uses the
 * FPU. We write them at entry — the same values, as no FP instruction runs in between — and keep
 * LSPACT as the architecture does: a handler that never used the FPU returns without reading
 * them back (the registers still hold them), one that did (CONTROL.FPCA set when we next look:
 * at its return or at a nested entry) had the lazy save, whose 17 cycles are charged then rather
 * than at its first FP instruction. FPCCR.ASPEN = 0 is not modelled (Unicorn sets FPCA anyway).
 */
final class ExceptionUnit {
    private static final int FRAME_BASIC = 0x20, FRAME_EXTENDED = 0x68;
    private static final int CONTROL_SPSEL = 2, CONTROL_FPCA = 4;
    private final CortexM4 core;
    private FaultReport lockup;

    ExceptionUnit(CortexM4 core) { this.core = core; }

    // ---- priority queries ---------------------------------------------------------------------

    int executionPriority() {
        return core.nvic.executionPriority(core.engine.read(ArmRegister.PRIMASK), core.engine.read(ArmRegister.BASEPRI),
                core.engine.read(ArmRegister.FAULTMASK));
    }

    /** A pending exception would preempt the running code now. */
    boolean wouldPreempt() { return core.nvic.preempting(executionPriority()) != 0; }

    /** WFI/WFE wake-up: a pending exception would preempt if PRIMASK were clear (B1.5.19). */
    boolean wakeable() {
        if (!core.nvic.anyPending()) return false;
        int p = core.nvic.executionPriority(0, core.engine.read(ArmRegister.BASEPRI), core.engine.read(ArmRegister.FAULTMASK));
        return core.nvic.preempting(p) != 0;
    }

    /** Takes the highest pending exception if it preempts; a Fault stop when entry fails. */
    StopReason takePending() {
        if (lockup != null) return new StopReason.Fault(lockup);
        if (!core.nvic.anyPending()) return null;
        int exc = core.nvic.preempting(executionPriority());
        if (exc == 0) return null;
        core.sleep.sleeping = false;
        return enter(exc, core.pc);
    }

    /** SVC was executed (PC already after it): SVCall pends, or escalates (B1.5.14). */
    StopReason supervisorCall() {
        int prio = executionPriority();
        if (core.nvic.groupPriority(core.nvic.priority(Nvic.SVCALL)) >= prio)
            return escalate("SVCall", core.pc - 2, 0);
        core.nvic.setPending(Nvic.SVCALL, true);
        return null;
    }

    // ---- entry --------------------------------------------------------------------------------

    /** ExceptionEntry: push the frame on the current stack, enter handler mode at the vector. */
    StopReason enter(int exc, int returnAddress) {
        var e = core.engine;
        int xpsr = e.read(ArmRegister.XPSR);
        int control = e.read(ArmRegister.CONTROL);
        int msp = e.read(ArmRegister.MSP), psp = e.read(ArmRegister.PSP);
        boolean handler = core.ipsr != 0;
        boolean usePsp = !handler && (control & CONTROL_SPSEL) != 0;
        boolean fpFrame = (control & CONTROL_FPCA) != 0;
        int extraCycles = completeLazySave(control);
        int sp = usePsp ? psp : msp;
        boolean align = (fpFrame || core.scb.stackAlign()) && (sp & 4) != 0;
        int frame = (sp - (fpFrame ? FRAME_EXTENDED : FRAME_BASIC)) & ~(align ? 4 : 0);
        int stackedXpsr = (xpsr & ~(1 << 9)) | (align ? 1 << 9 : 0);
        int[] words = {e.reg(0), e.reg(1), e.reg(2), e.reg(3), e.reg(12), e.reg(14), returnAddress & ~1, stackedXpsr};
        try {
            for (int i = 0; i < 8; i++) core.bus.write((frame + 4L * i) & 0xFFFF_FFFFL, 4, words[i], false);
            if (fpFrame) {
                for (int i = 0; i < 16; i++) core.bus.write((frame + 0x20L + 4L * i) & 0xFFFF_FFFFL, 4, e.readS(i), false);
                core.bus.write((frame + 0x60L) & 0xFFFF_FFFFL, 4, e.readFpscr(), false);
            }
        } catch (BusFault f) {
            core.scb.cfsr.set(core.scb.cfsr.get() | Scb.STKERR);
            return lockup("stacking error while entering " + name(exc) + " (SP " + hex(sp) + "): " + f.getMessage(), returnAddress);
        }
        if (fpFrame) {
            if (core.scb.lazyStacking()) reserveLazySave(frame, handler, (control & 1) != 0);
            else extraCycles += CortexM4Timing.FP_CONTEXT_CYCLES;
        }
        if (usePsp) psp = frame; else msp = frame;
        int excReturn = 0xFFFF_FFE1 | (fpFrame ? 0 : 0x10) | (handler ? 0 : 8) | (usePsp ? 4 : 0);
        return vectorTo(exc, xpsr, control, msp, psp, excReturn, CortexM4Timing.EXCEPTION_ENTRY_CYCLES + extraCycles);
    }

    /** FPCCR after an extended frame's FP space is reserved (B3.2.22): LSPACT, FPCAR, and who owned the context. */
    private void reserveLazySave(int frame, boolean handler, boolean unprivileged) {
        Scb scb = core.scb;
        int v = scb.fpccr.get() & ~(Scb.FPCCR_USER | Scb.FPCCR_THREAD);
        v |= Scb.FPCCR_LSPACT | (handler ? 0 : Scb.FPCCR_THREAD) | (!handler && unprivileged ? Scb.FPCCR_USER : 0);
        scb.fpccr.set(v);
        scb.fpcar.set(frame + 0x20);
    }

    /**
     * A lazy save is pending and the running code has used the FPU since (CONTROL.FPCA set
     * again): the hardware saved the context then. Clears LSPACT; returns the save's cycles.
     */
    private int completeLazySave(int control) {
        if (!core.scb.lazySavePending() || (control & CONTROL_FPCA) == 0) return 0;
        core.scb.fpccr.set(core.scb.fpccr.get() & ~Scb.FPCCR_LSPACT);
        return CortexM4Timing.FP_CONTEXT_CYCLES;
    }

    /** Common tail of entry and tail-chaining: handler mode, LR, vector fetch, cycles. */
    private StopReason vectorTo(int exc, int xpsr, int control, int msp, int psp, int excReturn, int baseCycles) {
        var e = core.engine;
        int vectorAddress = core.scb.vtor() + 4 * exc;
        int handlerPc;
        try {
            handlerPc = core.bus.read(vectorAddress & 0xFFFF_FFFFL, 4);
        } catch (BusFault f) {
            core.scb.hfsr.set(core.scb.hfsr.get() | Scb.HFSR_VECTTBL);
            return lockup("vector table read failed for " + name(exc) + " at " + hex(vectorAddress), core.pc);
        }
        e.write(ArmRegister.XPSR, (xpsr & 0xF80F_0000) | (1 << 24) | exc);
        e.writeIpsr(exc);
        e.write(ArmRegister.CONTROL, control & ~(CONTROL_SPSEL | CONTROL_FPCA));
        e.write(ArmRegister.MSP, msp);
        e.write(ArmRegister.PSP, psp);
        e.write(ArmRegister.LR, excReturn);
        core.nvic.activate(exc);
        core.ipsr = exc;
        core.pc = handlerPc & ~1;
        core.sleep.event();
        core.account.chargeException(core.options.cycleAccounting() ? baseCycles - CortexM4Timing.EXCEPTION_ENTRY_CYCLES
                + CortexM4Timing.exceptionEntryCycles(core.art, vectorAddress) : 0);
        if (pendingFaultReport != null) {
            FaultReport r = pendingFaultReport;
            pendingFaultReport = null;
            if (core.options.stopOnFault()) return new StopReason.Fault(withStack(r, exc));
        }
        return null;
    }

    // ---- return -------------------------------------------------------------------------------

    /** ExceptionReturn for the EXC_RETURN value the handler branched to. */
    StopReason exceptionReturn(int excReturn) {
        var e = core.engine;
        int returning = core.ipsr;
        int low = excReturn & 0xF;
        boolean valid = (excReturn >>> 5) == (0xFFFF_FFE0 >>> 5) && (low == 1 || low == 9 || low == 0xD) && returning != 0;
        if (!valid) {
            core.pc = excReturn & ~1;
            return fault(Nvic.USAGEFAULT, Scb.INVPC, 0, excReturn & ~1);
        }
        boolean toThread = (low & 8) != 0;
        boolean toPsp = low == 0xD;
        boolean extended = (excReturn & 0x10) == 0;
        if (returning != Nvic.NMI) e.write(ArmRegister.FAULTMASK, 0);
        core.nvic.deactivate(returning);
        int msp = e.read(ArmRegister.MSP), psp = e.read(ArmRegister.PSP);
        int control = e.read(ArmRegister.CONTROL);
        int extraCycles = completeLazySave(control);

        // Tail-chaining: a pending exception that preempts the context we return to is taken
        // with the frame left in place (B1.5.12), in 6 cycles instead of 10 + 12.
        int next = core.nvic.preempting(executionPriority());
        if (next != 0) {
            core.sleep.sleeping = false;
            return vectorTo(next, e.read(ArmRegister.XPSR), control, msp, psp, excReturn, CortexM4Timing.TAIL_CHAIN_CYCLES + extraCycles);
        }
        int sp = toPsp ? psp : msp;
        // An extended frame whose lazy save never happened: the FP registers still hold the context.
        boolean restoreFp = extended && !core.scb.lazySavePending();
        if (extended && !restoreFp) core.scb.fpccr.set(core.scb.fpccr.get() & ~Scb.FPCCR_LSPACT);
        if (restoreFp) extraCycles += CortexM4Timing.FP_CONTEXT_CYCLES;
        int[] w = new int[8];
        try {
            for (int i = 0; i < 8; i++) w[i] = core.bus.read((sp + 4L * i) & 0xFFFF_FFFFL, 4);
            if (restoreFp) {
                for (int i = 0; i < 16; i++) e.writeS(i, core.bus.read((sp + 0x20L + 4L * i) & 0xFFFF_FFFFL, 4));
                e.writeFpscr(core.bus.read((sp + 0x60L) & 0xFFFF_FFFFL, 4));
            }
        } catch (BusFault f) {
            core.scb.cfsr.set(core.scb.cfsr.get() | Scb.UNSTKERR);
            return lockup("unstacking error returning from " + name(returning) + " (SP " + hex(sp) + ")", core.pc);
        }
        int xpsr = w[7];
        sp += (extended ? FRAME_EXTENDED : FRAME_BASIC) + ((xpsr & (1 << 9)) != 0 ? 4 : 0);
        if (toPsp) psp = sp; else msp = sp;
        int newIpsr = toThread ? 0 : xpsr & 0x1FF;
        for (int i = 0; i < 4; i++) e.write(ArmRegister.r(i), w[i]);
        e.write(ArmRegister.R12, w[4]);
        e.write(ArmRegister.LR, w[5]);
        e.write(ArmRegister.XPSR, (xpsr & ~0x3FF) | (1 << 24) | newIpsr);
        e.writeIpsr(newIpsr);
        e.write(ArmRegister.CONTROL, (control & ~(CONTROL_SPSEL | CONTROL_FPCA)) | (toPsp ? CONTROL_SPSEL : 0) | (extended ? CONTROL_FPCA : 0));
        e.write(ArmRegister.MSP, msp);
        e.write(ArmRegister.PSP, psp);
        core.ipsr = newIpsr;
        core.pc = w[6] & ~1;
        core.sleep.event();
        core.account.chargeException(core.options.cycleAccounting() ? CortexM4Timing.exceptionReturnCycles() + extraCycles : 0);
        if (toThread && core.scb.sleepOnExit()) core.sleep.sleeping = true;
        return null;
    }

    // ---- faults -------------------------------------------------------------------------------

    private FaultReport pendingFaultReport;

    /**
     * A synchronous fault of kind {@code exc} (MemManage, BusFault, UsageFault or HardFault) at
     * {@code faultPc}: status bits are set, the fault escalates to HardFault when disabled or not
     * able to preempt, and the handler is entered. Lockup when it happens at priority &lt; 0.
     */
    StopReason fault(int exc, int cfsrBits, int address, int faultPc) {
        Scb scb = core.scb;
        scb.cfsr.set(scb.cfsr.get() | cfsrBits);
        if ((cfsrBits & Scb.MMARVALID) != 0) scb.mmfar.set(address);
        if ((cfsrBits & Scb.BFARVALID) != 0) scb.bfar.set(address);
        core.pc = faultPc;
        int prio = executionPriority();
        String kind = name(exc);
        if (exc != Nvic.HARDFAULT && (!core.nvic.isEnabled(exc) || core.nvic.groupPriority(core.nvic.priority(exc)) >= prio))
            return escalate(kind, faultPc, cfsrBits);
        if (prio <= -1) return lockup(kind + " at priority " + prio, faultPc);
        pendingFaultReport = report(kind, faultPc);
        return enter(exc, faultPc);
    }

    private StopReason escalate(String from, int faultPc, int cfsrBits) {
        if (executionPriority() <= -1) return lockup(from + " while in HardFault/NMI", faultPc);
        core.scb.hfsr.set(core.scb.hfsr.get() | Scb.HFSR_FORCED);
        pendingFaultReport = report("HardFault (forced from " + from + ")", faultPc);
        return enter(Nvic.HARDFAULT, faultPc);
    }

    private StopReason lockup(String why, int faultPc) {
        lockup = report("Lockup: " + why, faultPc);
        return new StopReason.Fault(lockup);
    }

    void clearLockup() { lockup = null; }

    private FaultReport report(String kind, int faultPc) {
        Scb scb = core.scb;
        StringBuilder sb = new StringBuilder();
        sb.append(kind).append(" at ").append(core.symbols.describe(faultPc & 0xFFFF_FFFFL)).append('\n');
        int cfsr = scb.cfsr.get();
        sb.append(String.format("  CFSR  0x%08x%s%n", cfsr, bitNames(cfsr)));
        int hfsr = scb.hfsr.get();
        sb.append(String.format("  HFSR  0x%08x%s%n", hfsr, (hfsr & Scb.HFSR_FORCED) != 0 ? " FORCED" : (hfsr & Scb.HFSR_VECTTBL) != 0 ? " VECTTBL" : ""));
        if ((cfsr & Scb.MMARVALID) != 0) sb.append(String.format("  MMFAR 0x%08x%n", scb.mmfar.get()));
        if ((cfsr & Scb.BFARVALID) != 0) sb.append(String.format("  BFAR  0x%08x%n", scb.bfar.get()));
        return new FaultReport(kind, faultPc, sb.toString());
    }

    /** Adds the stacked registers (the frame just pushed on entry to {@code exc}). */
    private FaultReport withStack(FaultReport r, int exc) {
        int lr = core.engine.read(ArmRegister.LR);
        int sp = (lr & 4) != 0 ? core.engine.read(ArmRegister.PSP) : core.engine.read(ArmRegister.MSP);
        String[] names = {"r0", "r1", "r2", "r3", "r12", "lr", "pc", "xpsr"};
        StringBuilder sb = new StringBuilder(r.report()).append("  stacked:");
        try {
            for (int i = 0; i < 8; i++) {
                int v = core.bus.read((sp + 4L * i) & 0xFFFF_FFFFL, 4);
                sb.append(' ').append(names[i]).append('=');
                sb.append(i == 5 || i == 6 ? core.symbols.describe(v & 0xFFFF_FFFEL) : hex(v));
            }
        } catch (BusFault f) {
            sb.append(" (unreadable)");
        }
        sb.append(String.format("%n  handler %s entered at %s%n", name(exc), core.symbols.describe(core.pc & 0xFFFF_FFFFL)));
        return new FaultReport(r.kind(), r.pc(), sb.toString());
    }

    static String bitNames(int cfsr) {
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < 32; b++) if ((cfsr >>> b & 1) != 0 && Scb.CFSR_NAMES[b] != null) sb.append(' ').append(Scb.CFSR_NAMES[b]);
        return sb.toString();
    }

    static String name(int exc) {
        return switch (exc) {
            case Nvic.NMI -> "NMI";
            case Nvic.HARDFAULT -> "HardFault";
            case Nvic.MEMMANAGE -> "MemManage";
            case Nvic.BUSFAULT -> "BusFault";
            case Nvic.USAGEFAULT -> "UsageFault";
            case Nvic.SVCALL -> "SVCall";
            case Nvic.PENDSV -> "PendSV";
            case Nvic.SYSTICK -> "SysTick";
            default -> exc >= Nvic.IRQ0 ? "IRQ" + (exc - Nvic.IRQ0) : "exception " + exc;
        };
    }

    private static String hex(int v) { return String.format("0x%08x", v); }
}
