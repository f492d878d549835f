package io.twinboard.emu.cpu.arm.unicorn;

import io.twinboard.emu.bus.Region;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Unicorn 2.0.1 fixes of unicorn_fixes.c: they are in effect with Debian bookworm's
 * libunicorn2, and the reimplemented memory_mapping finds exactly the regions libunicorn's own does.
 */
class UnicornFixesTest {
    /** Does nothing: these tests never run guest code. */
    private static final UnicornEngine.Listener IDLE = new UnicornEngine.Listener() {
        @Override public void block(int address, int size) {}
        @Override public void code(int address, int size) {}
        @Override public void hooked(int address) {}
        @Override public void interrupt(int intno) {}
        @Override public void invalidMemory(int type, int address, int size, int value) {}
        @Override public int mmioRead(int window, int offset, int size) { return 0; }
        @Override public void mmioWrite(int window, int offset, int size, int value) {}
    };

    @Test
    void theFastMemoryMappingIsInEffectWithBookwormsLibunicorn() {
        try (UnicornEngine ignored = new UnicornEngine(IDLE, true)) {
            assertEquals(UnicornFixes.FAST_MEMORY_MAPPING, UnicornFixes.bind(),
                    "libunicorn2 is not the 2.0.1.post1-1+b1 build the fix was made for: libunicorn's own memory_mapping runs");
        }
    }

    @Test
    void memoryMappingFindsTheRegionsLibunicornFinds() {
        try (Arena arena = Arena.ofConfined(); UnicornEngine engine = new UnicornEngine(IDLE, false)) {
            long[][] memory = {{0x0800_0000L, 0x20_0000L}, {0x1000_0000L, 0x1_0000L}, {0x2000_0000L, 0x3_0000L}};
            for (long[] m : memory) {
                engine.mapMemory(new Region.Memory("m" + m[0], m[0], m[1], arena.allocate(m[1], 4096), true));
            }
            long[][] mmio = {{0x4000_0000L, 0x8000L}, {0x4001_0000L, 0x400L}, {0x4002_3800L, 0x400L}, {0xE000_0000L, 0x10_0000L}};
            for (long[] m : mmio) engine.mapMmio(m[0], m[1]);
            List<Long> probes = new ArrayList<>();
            for (long[] r : concat(memory, mmio)) {
                for (long a : new long[] {r[0] - 1, r[0], r[0] + 1, r[0] + r[1] / 2, r[0] + r[1] - 1, r[0] + r[1]}) probes.add(a);
            }
            probes.add(0L);
            probes.add(0xFFFF_FFFFL);
            int mapped = 0;
            // Twice, in an order that moves the cached index around: a stale cache must never answer.
            for (int pass = 0; pass < 2; pass++) {
                for (long a : pass == 0 ? probes : probes.reversed()) {
                    long ours = UnicornFixes.memoryMapping(engine.handle(), a);
                    long theirs = UnicornFixes.unicornMemoryMapping(engine.handle(), a);
                    assertEquals(theirs, ours, "region of 0x" + Long.toHexString(a));
                    if (ours != 0) mapped++;
                }
            }
            assertEquals(2 * (memory.length + mmio.length) * 4, mapped, "4 probes inside each region, twice");
            long flash = UnicornFixes.memoryMapping(engine.handle(), 0x0800_0000L);
            assertNotEquals(flash, UnicornFixes.memoryMapping(engine.handle(), 0x2000_0000L));
            assertFalse(flash == 0);
        }
    }

    private static long[][] concat(long[][] a, long[][] b) {
        long[][] r = new long[a.length + b.length][];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
