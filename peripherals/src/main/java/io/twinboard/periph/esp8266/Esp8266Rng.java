package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.RegisterBank;

/**
 * The hardware random number register at 0x3FF20E44 (read-only, 32 bits; no interrupt). The SDK's
 * {@code os_random()} and the Arduino core's {@code RANDOM_REG32} read it; on the chip it mixes
 * RF noise. Here every read returns the next value of a SplitMix64 sequence from a seed, so runs
 * are reproducible (DESIGN.md: determinism); pass a different seed to vary it.
 *
 * <p>Mapped alone (4-byte window) or through {@link Esp8266Wdev}, which decodes the surrounding
 * block.
 */
public final class Esp8266Rng implements MmioDevice {
    /** Seed used when the board gives none. */
    public static final long DEFAULT_SEED = 0x7477_696E_626F_6172L;

    private final RegisterBank regs;
    private long state;

    public Esp8266Rng(long seed, GuestLog log) {
        state = seed;
        regs = new RegisterBank("RNG", 4, log);
        regs.reg(0, "RNG_RANDOM").readOnly().onRead(this::next);
    }

    /** Next 32-bit value of the sequence (what the next guest read returns). */
    public int next() {
        long z = (state += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return (int) ((z ^ (z >>> 31)) >>> 32);
    }

    @Override public int read(int offset, int size) { return regs.read(offset, size); }

    @Override public void write(int offset, int size, int value) { regs.write(offset, size, value); }
}
