package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.cpu.CpuRegister;
import io.twinboard.emu.cpu.FaultReport;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.cpu.XtensaRegister;
import io.twinboard.emu.elf.SymbolTable;
import io.twinboard.emu.log.GuestLog;

/**
 * Architectural state of the LX106 outside the instruction loop: special registers, exception
 * and interrupt entry (XEA2), the interrupt inputs and the CCOUNT/CCOMPARE0 timer. Numbers are
 * those of QEMU's {@code core-lx106} configuration (core-isa.h): vectors relative to VECBASE
 * (debug/level 2 +0x10, NMI/level 3 +0x20, kernel +0x30, user +0x50, double +0x70), interrupt
 * levels 1 and 3, debug level 2, EXCM level 1.
 */
abstract class Lx106Core {
    static final String SOURCE = "lx106";

    // PS fields (ISA RM §4.4.1.4, XEA2 without windows or rings: 6 bits).
    static final int PS_INTLEVEL = 0xF, PS_EXCM = 0x10, PS_UM = 0x20, PS_MASK = 0x3F;
    static final int PS_RESET = 0x1F;

    // Special register numbers (ISA RM table 5-90 subset configured in lx106).
    static final int SR_SAR = 3, SR_LITBASE = 5, SR_MMID = 89, SR_IBREAKENABLE = 96, SR_DDR = 104,
        SR_IBREAKA0 = 128, SR_DBREAKA0 = 144, SR_DBREAKC0 = 160, SR_EPC1 = 177, SR_EPC2 = 178,
        SR_EPC3 = 179, SR_DEPC = 192, SR_EPS2 = 194, SR_EPS3 = 195, SR_EXCSAVE1 = 209,
        SR_EXCSAVE2 = 210, SR_EXCSAVE3 = 211, SR_INTSET = 226, SR_INTCLEAR = 227,
        SR_INTENABLE = 228, SR_PS = 230, SR_VECBASE = 231, SR_EXCCAUSE = 232, SR_DEBUGCAUSE = 233,
        SR_CCOUNT = 234, SR_PRID = 235, SR_ICOUNT = 236, SR_ICOUNTLEVEL = 237, SR_EXCVADDR = 238,
        SR_CCOMPARE0 = 240;

    // Vector offsets from VECBASE.
    static final int VEC_DEBUG = 0x10, VEC_NMI = 0x20, VEC_KERNEL = 0x30, VEC_USER = 0x50, VEC_DOUBLE = 0x70;
    static final int VECBASE_RESET = 0x40000000;

    // Interrupts: 0-5 external level, 6 timer (CCOMPARE0), 7 software, 8-13 external edge, 14 NMI.
    static final int INT_LEVEL_MASK = 0x003F, INT_TIMER = 6, INT_SOFTWARE_MASK = 0x0080,
        INT_EDGE_MASK = 0x3F00, INT_NMI = 14, INT_LEVEL1_MASK = 0x3FFF, INT_ALL = 0x7FFF;
    static final int DEBUG_LEVEL = 2, NMI_LEVEL = 3;
    static final int DEBUGCAUSE_BI = 0x08, DEBUGCAUSE_BN = 0x10;

    final GuestLog log;
    final SymbolTable symbols;
    final GuestTrap trap = new GuestTrap();

    final int[] ar = new int[16];
    int pc;
    int sar, litbase, ps = PS_RESET, vecbase = VECBASE_RESET;
    /** EPC1..EPC3, EPS2..EPS3, EXCSAVE1..EXCSAVE3 by level (index 0 unused). */
    final int[] epc = new int[4], eps = new int[4], excsave = new int[4];
    int depc, exccause, excvaddr, debugcause, intenable;
    int ibreakenable, ibreaka0, dbreaka0, dbreakc0, icount, icountlevel, ddr;

    /** Latched interrupt bits (timer, software, edge, NMI); level inputs live in {@link #levelLines}. */
    int latched;
    int levelLines;
    private int edgeLineState;

    /** Core cycles since reset; CCOUNT = cycles + ccountOffset (mod 2^32). */
    long cycles;
    long ccountOffset;
    int ccompare0;
    /** Cycle at which CCOUNT next equals CCOMPARE0. */
    long timerCycle = 1L << 32;

    /** The instruction loop runs while {@code cycles < limit}; lowering it asks for attention. */
    long limit;
    /** PS.INTLEVEL set by WAITI and the core sleeps until an interrupt is taken. */
    boolean waiting;

    Lx106Core(GuestLog log, SymbolTable symbols) {
        this.log = log;
        this.symbols = symbols;
    }

    /** Makes the instruction loop return to the outer loop after the current instruction. */
    final void attention() { limit = Long.MIN_VALUE; }

    final int ccount(long atCycles) { return (int) (atCycles + ccountOffset); }

    final void recomputeTimer(long now) {
        long delta = (ccompare0 - ccount(now)) & 0xFFFF_FFFFL;
        if (delta == 0) delta = 1L << 32;
        timerCycle = now + delta;
    }

    /** Current interrupt level: PS.INTLEVEL, at least EXCM level 1 while PS.EXCM is set. */
    final int cintlevel() {
        int level = ps & PS_INTLEVEL;
        return (ps & PS_EXCM) != 0 ? Math.max(level, 1) : level;
    }

    final int interruptRegister() { return (latched | levelLines) & INT_ALL; }

    // ---------------------------------------------------------------- exceptions and interrupts

    /** Enters the general exception vector for {@code cause} raised by the instruction at {@code pc}; returns the new PC. */
    final int enterException(int pc, int cause) {
        exccause = cause;
        int vector;
        if ((ps & PS_EXCM) != 0) {
            depc = pc;
            vector = VEC_DOUBLE;
        } else {
            epc[1] = pc;
            vector = (ps & PS_UM) != 0 ? VEC_USER : VEC_KERNEL;
        }
        ps |= PS_EXCM;
        attention();
        return vecbase + vector;
    }

    /** Debug exception (BREAK, BREAK.N) when the current level is below the debug level; else -1. */
    final int enterDebug(int pc, int cause) {
        if (cintlevel() >= DEBUG_LEVEL) return -1;
        debugcause = cause;
        epc[DEBUG_LEVEL] = pc;
        eps[DEBUG_LEVEL] = ps;
        ps = (ps & ~PS_INTLEVEL) | PS_EXCM | DEBUG_LEVEL;
        attention();
        return vecbase + VEC_DEBUG;
    }

    /**
     * Takes the highest-priority pending interrupt that the current level allows, as the
     * instruction at {@code pc} is about to execute; returns the vector PC, or -1 if none.
     * NMI (interrupt 14, level 3) is edge-latched and ignores INTENABLE and PS.INTLEVEL.
     */
    final int takeInterrupt(int pc) {
        if ((latched & (1 << INT_NMI)) != 0) {
            latched &= ~(1 << INT_NMI);
            epc[NMI_LEVEL] = pc;
            eps[NMI_LEVEL] = ps;
            ps = (ps & ~PS_INTLEVEL) | PS_EXCM | NMI_LEVEL;
            return vecbase + VEC_NMI;
        }
        int pending = interruptRegister() & intenable & INT_LEVEL1_MASK;
        if (pending == 0 || cintlevel() >= 1) return -1;
        return enterException(pc, ExcCause.LEVEL1_INTERRUPT);
    }

    /** True when a pending interrupt could be taken now (used to end WAITI). */
    final boolean interruptDeliverable() {
        if ((latched & (1 << INT_NMI)) != 0) return true;
        return (interruptRegister() & intenable & INT_LEVEL1_MASK) != 0 && cintlevel() < 1;
    }

    /** Returns from exception/interrupt level {@code level} (RFI 2/3). */
    final int returnFromInterrupt(int level) {
        ps = eps[level] & PS_MASK;
        attention();
        return epc[level];
    }

    // ---------------------------------------------------------------- interrupt inputs

    /** Interrupt input {@code n}: 0..5 level, 8..13 rising edge, 14 NMI (rising edge). */
    final IrqLine interruptLine(int n) {
        if (n == INT_TIMER) throw new IllegalArgumentException("interrupt 6 is the internal CCOMPARE0 timer, not an input");
        if (n == 7) throw new IllegalArgumentException("interrupt 7 is the software interrupt (WSR INTSET), not an input");
        if (n < 0 || n > 14) throw new IllegalArgumentException("lx106 has interrupts 0..14, not " + n);
        int bit = 1 << n;
        if ((bit & INT_LEVEL_MASK) != 0) {
            return level -> {
                int old = levelLines;
                levelLines = level ? old | bit : old & ~bit;
                if (old != levelLines) attention();
            };
        }
        return level -> {
            boolean was = (edgeLineState & bit) != 0;
            edgeLineState = level ? edgeLineState | bit : edgeLineState & ~bit;
            if (level && !was) {
                latched |= bit;
                attention();
            }
        };
    }

    // ---------------------------------------------------------------- special registers

    /** RSR: value of special register {@code sr}; unconfigured or write-only ones are illegal. */
    final int readSpecial(int sr, long now) {
        return switch (sr) {
            case SR_SAR -> sar;
            case SR_LITBASE -> litbase;
            case SR_IBREAKENABLE -> ibreakenable;
            case SR_DDR -> ddr;
            case SR_IBREAKA0 -> ibreaka0;
            case SR_DBREAKA0 -> dbreaka0;
            case SR_DBREAKC0 -> dbreakc0;
            case SR_EPC1 -> epc[1];
            case SR_EPC2 -> epc[2];
            case SR_EPC3 -> epc[3];
            case SR_DEPC -> depc;
            case SR_EPS2 -> eps[2];
            case SR_EPS3 -> eps[3];
            case SR_EXCSAVE1 -> excsave[1];
            case SR_EXCSAVE2 -> excsave[2];
            case SR_EXCSAVE3 -> excsave[3];
            case SR_INTSET -> interruptRegister();
            case SR_INTENABLE -> intenable;
            case SR_PS -> ps;
            case SR_VECBASE -> vecbase;
            case SR_EXCCAUSE -> exccause;
            case SR_DEBUGCAUSE -> debugcause;
            case SR_CCOUNT -> ccount(now);
            case SR_PRID -> 0;
            case SR_ICOUNT -> icount;
            case SR_ICOUNTLEVEL -> icountlevel;
            case SR_EXCVADDR -> excvaddr;
            case SR_CCOMPARE0 -> ccompare0;
            default -> throw trap.exception(ExcCause.ILLEGAL_INSTRUCTION, 0); // MMID, INTCLEAR: write-only
        };
    }

    /** WSR: writes special register {@code sr} at cycle {@code now}. */
    final void writeSpecial(int sr, int v, long now) {
        switch (sr) {
            case SR_SAR -> sar = v & 0x3F;
            case SR_LITBASE -> litbase = v & 0xFFFFF001;
            case SR_MMID -> { }
            case SR_IBREAKENABLE -> { ibreakenable = v & 1; if (ibreakenable != 0) unmodelled("IBREAKENABLE", "hardware instruction breakpoints (IBREAKA0) are not modelled"); }
            case SR_DDR -> ddr = v;
            case SR_IBREAKA0 -> ibreaka0 = v;
            case SR_DBREAKA0 -> dbreaka0 = v;
            case SR_DBREAKC0 -> { dbreakc0 = v & 0xC000003F; if ((v & 0xC0000000) != 0) unmodelled("DBREAKC0", "hardware data breakpoints are not modelled"); }
            case SR_EPC1 -> epc[1] = v;
            case SR_EPC2 -> epc[2] = v;
            case SR_EPC3 -> epc[3] = v;
            case SR_DEPC -> depc = v;
            case SR_EPS2 -> eps[2] = v;
            case SR_EPS3 -> eps[3] = v;
            case SR_EXCSAVE1 -> excsave[1] = v;
            case SR_EXCSAVE2 -> excsave[2] = v;
            case SR_EXCSAVE3 -> excsave[3] = v;
            case SR_INTSET -> { latched |= v & INT_SOFTWARE_MASK; attention(); }
            case SR_INTCLEAR -> latched &= ~(v & (INT_SOFTWARE_MASK | INT_EDGE_MASK));
            case SR_INTENABLE -> { intenable = v; attention(); }
            case SR_PS -> { ps = v & PS_MASK; attention(); }
            case SR_VECBASE -> vecbase = v & 0xFFFFFC00;
            case SR_EXCCAUSE -> exccause = v;
            case SR_DEBUGCAUSE -> { }
            case SR_CCOUNT -> { ccountOffset = (v & 0xFFFF_FFFFL) - now; recomputeTimer(now); attention(); }
            case SR_ICOUNT -> icount = v;
            case SR_ICOUNTLEVEL -> { icountlevel = v & 0xF; if (icountlevel != 0) unmodelled("ICOUNT", "instruction counting debug exceptions are not modelled"); }
            case SR_EXCVADDR -> excvaddr = v;
            case SR_CCOMPARE0 -> { ccompare0 = v; latched &= ~(1 << INT_TIMER); recomputeTimer(now); attention(); }
            default -> throw trap.exception(ExcCause.ILLEGAL_INSTRUCTION, 0); // PRID read-only, unconfigured
        }
    }

    // ---------------------------------------------------------------- registers by enum

    /** Debugger/test view of a register by our own enum. */
    final int readArchRegister(CpuRegister r) {
        if (!(r instanceof XtensaRegister x)) throw new IllegalArgumentException("not an Xtensa register: " + r);
        return switch (x) {
            case PC -> pc;
            case SAR -> sar;
            case LITBASE -> litbase;
            case PS -> ps;
            case EPC1 -> epc[1];
            case EPC2 -> epc[2];
            case EPC3 -> epc[3];
            case EXCSAVE1 -> excsave[1];
            case EXCCAUSE -> exccause;
            case EXCVADDR -> excvaddr;
            case VECBASE -> vecbase;
            case INTENABLE -> intenable;
            case INTERRUPT -> interruptRegister();
            case CCOUNT -> ccount(cycles);
            case CCOMPARE0 -> ccompare0;
            case DEPC -> depc;
            default -> ar[x.ordinal() - XtensaRegister.A0.ordinal()];
        };
    }

    final void writeArchRegister(CpuRegister r, int value) {
        if (!(r instanceof XtensaRegister x)) throw new IllegalArgumentException("not an Xtensa register: " + r);
        switch (x) {
            case PC -> pc = value;
            case SAR -> writeSpecial(SR_SAR, value, cycles);
            case LITBASE -> writeSpecial(SR_LITBASE, value, cycles);
            case PS -> writeSpecial(SR_PS, value, cycles);
            case EPC1 -> epc[1] = value;
            case EPC2 -> epc[2] = value;
            case EPC3 -> epc[3] = value;
            case EXCSAVE1 -> excsave[1] = value;
            case EXCCAUSE -> exccause = value;
            case EXCVADDR -> excvaddr = value;
            case VECBASE -> writeSpecial(SR_VECBASE, value, cycles);
            case INTENABLE -> writeSpecial(SR_INTENABLE, value, cycles);
            case INTERRUPT -> writeSpecial(SR_INTSET, value, cycles);
            case CCOUNT -> writeSpecial(SR_CCOUNT, value, cycles);
            case CCOMPARE0 -> writeSpecial(SR_CCOMPARE0, value, cycles);
            case DEPC -> depc = value;
            default -> ar[x.ordinal() - XtensaRegister.A0.ordinal()] = value;
        }
    }

    final void unmodelled(String key, String message) { log.unimplemented(SOURCE, key, message); }

    final String where(int address) { return symbols.describe(Integer.toUnsignedLong(address)); }

    final StopReason fault(String kind, int at, String detail) {
        StringBuilder sb = new StringBuilder();
        sb.append(kind).append(" at ").append(where(at)).append('\n').append(detail).append('\n');
        for (int i = 0; i < 16; i++) {
            sb.append(String.format("a%-2d=%08x%s", i, ar[i], i % 4 == 3 ? "\n" : "  "));
        }
        sb.append(String.format("ps=%08x sar=%08x epc1=%08x exccause=%s excvaddr=%08x vecbase=%08x",
            ps, sar, epc[1], ExcCause.name(exccause), excvaddr, vecbase));
        return new StopReason.Fault(new FaultReport(kind, at, sb.toString()));
    }
}
