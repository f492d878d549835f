package io.twinboard.emu.cpu.arm.timing;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-execution calls the core makes from its block hook and MMIO callbacks allocate nothing. */
class HotPathAllocationTest {

    @Test
    void perExecutionQueriesDoNotAllocate() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeSupported(bean);
        BlockTiming loop = Asm.block(0x0800_0400,
            0x6841,            // 8000400 1: ldr r1, [r0, #4]
            0x4d01,            // 8000402    ldr r5, [pc, #4]
            0xfbb1, 0xf0f2,    // 8000404    udiv r0, r1, r2
            0x3801,            // 8000408    subs r0, #1
            0xd1f9);           // 800040a    bne.n 1b
        FlashAccelerator art = new FlashAccelerator();
        art.configure(5 | FlashAccelerator.ACR_PRFTEN | FlashAccelerator.ACR_ICEN | FlashAccelerator.ACR_DCEN);
        int[] regs = Asm.regs(0x4000_4400, 7, 3);
        java.util.function.IntUnaryOperator view = n -> regs[n];
        BlockTimingCache cache = new BlockTimingCache();
        cache.put(loop.address(), loop.size(), loop);
        long sink = 0;
        for (int round = 0; round < 2; round++) {          // round 0 warms up (JIT, first misses)
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                sink += cache.get(0x0800_0400, 12).staticCycles();
                sink += art.blockFetchStalls(loop);
                sink += art.literalLoadStalls(loop);
                sink += loop.stableDivideExtraCycles(view);
                sink += loop.findAccessIndex(0x4000_4404, 4, false, 0, regs);
                sink += loop.findAccessIndex(0x4000_4404, 4, false, 0, view);
                sink += loop.cyclesBefore(1);
                sink += loop.takenBranchCycles(loop);
            }
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
        }
        assertTrue(sink > 0);
    }

    private static void assumeSupported(com.sun.management.ThreadMXBean bean) {
        org.junit.jupiter.api.Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported());
        bean.setThreadAllocatedMemoryEnabled(true);
    }
}
