package io.twinboard.emu.cpu.xtensa;

/**
 * The LX106 cycle model's constants (cycles of the core clock). Espressif publishes no timing
 * table; every number here is explained, with its source or marked as a guess, in
 * {@code docs/cycle-model.md}, section "LX106 (Xtensa)". Memory wait states per address range
 * are set by the board through {@link XtensaLx106#setWaitStates}.
 */
final class Lx106Timing {
    private Lx106Timing() {}

    /** Extra cycles for a taken branch: the 5-stage pipeline resolves it in E (2 fetches lost). */
    static final int TAKEN_BRANCH_PENALTY = 2;
    /** Extra cycles for J, JX, CALL0, CALLX0, RET: same refill as a taken branch. */
    static final int JUMP_PENALTY = 2;
    /** Stall when an instruction reads the result of the load (or MULL) just before it. */
    static final int RESULT_USE_STALL = 1;
    /** Extra cycles to enter an exception or interrupt vector (pipeline flush + refill). */
    static final int EXCEPTION_ENTRY = 3;
    /** Extra cycles for RFE, RFDE, RFI (return redirects fetch like a jump). */
    static final int EXCEPTION_RETURN = 2;

    /**
     * Static cost of an operation without wait states: issue cycles plus penalties that do not
     * depend on operands (the refill after J, JX, CALL0, CALLX0, RET, which always redirect
     * fetch). The taken-branch penalty and the load-use stall are added when they happen.
     */
    static int baseCost(int op) {
        return switch (op) {
            // ISYNC/RSYNC/ESYNC/DSYNC/MEMW/EXTW are treated as 1-cycle NOPs: no write buffer
            // drain is modelled separately from the store wait states.
            case Op.MULL -> 1;   // pipelined; the result latency is modelled as an interlock
            case Op.J, Op.JX, Op.CALL0, Op.CALLX0, Op.RET -> 1 + JUMP_PENALTY;
            default -> 1;
        };
    }

    /** Ops whose result arrives a cycle late (load-use / multiply-use interlock), as a bit set over op numbers. */
    private static final long LATE_RESULT_OPS = 1L << Op.L8UI | 1L << Op.L16UI | 1L << Op.L16SI | 1L << Op.L32I
        | 1L << Op.L32R | 1L << Op.MULL;

    /** True for ops whose result arrives a cycle late (load-use / multiply-use interlock). */
    static boolean lateResult(int op) {
        return op < 64 && ((LATE_RESULT_OPS >>> op) & 1) != 0;
    }
}
