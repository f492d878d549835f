package io.twinboard.emu.time;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MulDivTest {
    @Test void matchesBigIntegerAcrossTheOverflowBoundary() {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] bs = {VirtualTime.PS_PER_S, 168_000_000L, 16_000_000L, 80_000_000L, 1L, 999_999_937L};
        for (int i = 0; i < 200_000; i++) {
            long b = bs[i % bs.length];
            long c = bs[(i / bs.length) % bs.length];
            long a = rnd.nextLong(1L << (1 + rnd.nextInt(62)));
            BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
            if (qr[0].bitLength() > 62) continue;
            long f = qr[0].longValueExact();
            assertEquals(f, MulDiv.floor(a, b, c), a + "*" + b + "/" + c);
            assertEquals(qr[1].signum() == 0 ? f : f + 1, MulDiv.ceil(a, b, c), a + "*" + b + "/" + c + " (ceil)");
        }
    }
}
