package io.twinboard.emu.cpu.arm.timing;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The accounting protocol a Unicorn core follows (package overview), on a loop whose blocks are
 * what QEMU translates: A = 0x8000800..0x800080c (entry), B = 0x8000802..0x800080c (loop body
 * re-entered by the taken bne), C = 0x800080c (return). Register effects are applied by hand.
 */
class CoreProtocolTest {
    private static final int[] CODE = {
        0x200a,            // 8000800     movs r0, #10
        0x6851,            // 8000802 1:  ldr r1, [r2, #4]
        0xfbb1, 0xf3f0,    // 8000804     udiv r3, r1, r0
        0x3801,            // 8000808     subs r0, #1
        0xd1fa,            // 800080a     bne.n 1b
        0x4770,            // 800080c     bx lr
    };

    private static int halfword(int address) {
        return CODE[(address - 0x0800_0800) >> 1];
    }

    private static long run(FlashAccelerator art) {
        BlockTimingCache cache = new BlockTimingCache();
        int[] r = new int[16];
        long cycles = 0;
        BlockTiming prev = null;
        int pc = 0x0800_0800;
        while (true) {
            int size = pc == 0x0800_080C ? 2 : 0x0800_080C - pc;   // QEMU's TB boundaries
            BlockTiming b = cache.getOrDecode(pc, size, CoreProtocolTest::halfword);
            if (prev != null) cycles += prev.takenBranchCycles(b);
            cycles += art.blockFetchStalls(b) + art.literalLoadStalls(b);
            cycles += b.staticCycles();
            int[] snapshot = r.clone();
            cycles += b.stableDivideExtraCycles(n -> snapshot[n]);
            // "execute" the block
            if (pc == 0x0800_0800) r[0] = 10;
            if (pc == 0x0800_080C) return cycles;
            r[1] = 1000;                                  // ldr r1, [r2, #4]
            int k = 0;
            assertFalse(b.divideOperandsStable(k), "r1 is loaded inside the block");
            ThumbInstruction div = b.instruction(b.divideIndex(k));
            // unstable divide: evaluated at the instruction (the core's code hook)
            cycles += DivideTiming.divideCycles(r[div.dividendRegister()], r[div.divisorRegister()], false)
                    - DivideTiming.MIN_CYCLES;
            r[3] = r[1] / r[0];
            r[0] -= 1;
            pc = r[0] != 0 ? 0x0800_0802 : 0x0800_080C;
            prev = b;
        }
    }

    @Test
    void loopCyclesAtZeroWaitStates() {
        // A: movs 1 + ldr 2 + udiv 2 + subs 1 + bne 1 = 7; B: 6 (x9); taken bne: P = 2 (x9);
        // C: bx 1. Divide extras 1000/r0 for r0 = 10..1: q = 7..10 bits -> +3 each, +4 for /1.
        int expected = 7 + 9 * 6 + 9 * 2 + 1 + (9 * 3 + 4);
        assertEquals(expected, run(new FlashAccelerator()));
    }

    @Test
    void loopInOneFlashLinePaysOneMiss() {
        FlashAccelerator art = new FlashAccelerator();
        art.configure(5 | FlashAccelerator.ACR_PRFTEN | FlashAccelerator.ACR_ICEN | FlashAccelerator.ACR_DCEN);
        long zeroWs = run(new FlashAccelerator());
        assertEquals(zeroWs + 5, run(art), "0x8000800..0x800080f is one 16-byte line");
    }
}
