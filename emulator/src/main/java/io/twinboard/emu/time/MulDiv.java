package io.twinboard.emu.time;

import java.math.BigInteger;

/** Exact {@code floor(a * b / c)} for non-negative operands without 64-bit overflow. */
final class MulDiv {
    private MulDiv() {}

    static long floor(long a, long b, long c) {
        if (a < 0 || b < 0 || c <= 0) throw new IllegalArgumentException("mulDiv(" + a + ", " + b + ", " + c + ")");
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) return lo / c;
        BigInteger r = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c));
        return r.longValueExact();
    }

    /** {@code ceil(a * b / c)}. */
    static long ceil(long a, long b, long c) {
        long f = floor(a, b, c);
        // Exact when the product divides evenly; otherwise round up.
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) return lo % c == 0 ? f : f + 1;
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        return qr[1].signum() == 0 ? f : f + 1;
    }
}
