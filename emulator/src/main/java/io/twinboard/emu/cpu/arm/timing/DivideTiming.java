package io.twinboard.emu.cpu.arm.timing;

/**
 * SDIV/UDIV cycle count with early termination (Cortex-M4 TRM DDI 0439B table 3-1: "2 to 12
 * ... division operations complete early depending on the number of leading zeros / the size of
 * the operands"). ARM does not publish the exact algorithm for the M4; the model is:
 *
 * <pre>
 *   divisor == 0                : 2   (result 0, or UsageFault if CCR.DIV_0_TRP; fault is the core's)
 *   |divisor| &gt; |dividend|     : 2   (quotient 0, detected up front)
 *   otherwise                   : 2 + ceil((clz(|divisor|) - clz(|dividend|) + 1) / 3)   capped at 12
 * </pre>
 *
 * i.e. a radix-8 (3 quotient bits per cycle) iteration over the significant quotient bits after
 * two set-up cycles: with a full 32-bit quotient it gives 2 + 11 = 13, capped to the TRM's 12.
 * This reproduces the TRM bounds and the shape of community measurements (quotient-size-driven,
 * ~1 cycle per 3-4 quotient bits); the per-operand values are an approximation, see
 * docs/cycle-model.md. Signed operands are taken by magnitude (as the Cortex-R4 TRM, DDI 0363G
 * §C.8, does for its own divider's clz formula).
 */
public final class DivideTiming {
    private DivideTiming() {}

    /** Fewest cycles an SDIV/UDIV can take. */
    public static final int MIN_CYCLES = 2;
    /** Most cycles an SDIV/UDIV can take. */
    public static final int MAX_CYCLES = 12;
    /** Quotient bits retired per iteration cycle in this model. */
    static final int BITS_PER_CYCLE = 3;

    /**
     * @param dividend Rn as the instruction sees it
     * @param divisor  Rm as the instruction sees it
     * @param signed   SDIV (true) or UDIV (false)
     * @return cycles, {@link #MIN_CYCLES}..{@link #MAX_CYCLES}
     */
    public static int divideCycles(int dividend, int divisor, boolean signed) {
        if (divisor == 0) return MIN_CYCLES;
        int n = dividend;
        int d = divisor;
        if (signed) {
            n = Math.abs(n); // Integer.MIN_VALUE stays 0x80000000: correct as an unsigned magnitude
            d = Math.abs(d);
        }
        if (Integer.compareUnsigned(d, n) > 0) return MIN_CYCLES;
        int quotientBits = Integer.numberOfLeadingZeros(d) - Integer.numberOfLeadingZeros(n) + 1;
        int cycles = MIN_CYCLES + (quotientBits + BITS_PER_CYCLE - 1) / BITS_PER_CYCLE;
        return Math.min(cycles, MAX_CYCLES);
    }
}
