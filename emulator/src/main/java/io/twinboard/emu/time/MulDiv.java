package io.twinboard.emu.time;

import java.math.BigInteger;

/**
 * Exact {@code floor(a * b / c)} and {@code ceil(a * b / c)} for non-negative operands without
 * 64-bit overflow. When {@code a * b} overflows, {@code b = q*c + r} and {@code a = a1*c + a0}
 * give {@code a*b = (a*q + a1*r)*c + a0*r}, so the quotient is {@code a*q + a1*r + a0*r / c}
 * and the remainder that of {@code a0*r} — no allocation while {@code a0*r} fits (always for
 * {@link ClockDomain#timeOf}, whose divisor is a frequency). BigInteger is the last resort.
 */
final class MulDiv {
    private MulDiv() {}

    static long floor(long a, long b, long c) { return divide(a, b, c, false); }

    /** {@code ceil(a * b / c)}. */
    static long ceil(long a, long b, long c) { return divide(a, b, c, true); }

    private static long divide(long a, long b, long c, boolean roundUp) {
        if (a < 0 || b < 0 || c <= 0) throw new IllegalArgumentException("mulDiv(" + a + ", " + b + ", " + c + ")");
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            long f = lo / c;
            return roundUp && f * c != lo ? f + 1 : f;
        }
        long q = b / c, r = b % c, a1 = a / c, a0 = a % c;
        long p = a0 * r;
        if (Math.multiplyHigh(a0, r) == 0 && p >= 0) {
            try {
                long f = Math.addExact(Math.addExact(Math.multiplyExact(a, q), Math.multiplyExact(a1, r)), p / c);
                return roundUp && p % c != 0 ? Math.incrementExact(f) : f;
            } catch (ArithmeticException beyondLong) {
                // fall through: BigInteger reports a result that does not fit
            }
        }
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        long f = qr[0].longValueExact();
        return roundUp && qr[1].signum() != 0 ? f + 1 : f;
    }
}
