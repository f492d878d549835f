package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-block hook and the MMIO path allocate nothing (brief: hot paths must not allocate). */
class CortexM4AllocationTest {
    @Test void blockHookAndMmioPathDoNotAllocate() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2; i++) { // JIT-compile the shared code paths first
            try (M4Harness h = new M4Harness(M4Programs.MMIO_LOOP)) { h.run(VirtualTime.ofSeconds(1)); }
        }
        try (M4Harness h = new M4Harness(M4Programs.MMIO_LOOP)) {
            long tid = Thread.currentThread().threadId();
            // first 30 ms: block decoding, JIT compilation and method-handle customisation of the
            // upcalls happen here; then the steady state is measured
            h.run(VirtualTime.ofMillis(30));
            long instructionsBefore = h.cpu.instructions();
            long before = mx.getThreadAllocatedBytes(tid);
            // the loop (200 000 iterations, about 87 ms at 16 MHz) is still running at 60 ms: the
            // window holds only the block and MMIO paths, not the one-time exit path
            assertEquals(StopReason.DEADLINE, h.run(VirtualTime.ofMillis(60)));
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            long blocks = (h.cpu.instructions() - instructionsBefore) / 4;
            assertTrue(blocks > 60_000, "measured " + blocks + " blocks");
            // One MMIO read per block. The smallest object is 16 bytes, so fewer than 16 bytes per
            // block means no object per block. (A plain JVM measures ~200 bytes for the whole
            // window; under Surefire the thread shows ~6 bytes per block of allocation that does
            // not come from our frames in JFR allocation samples.)
            assertTrue(allocated < 16 * blocks, "allocated " + allocated + " bytes for " + blocks + " blocks");
        }
    }
}
