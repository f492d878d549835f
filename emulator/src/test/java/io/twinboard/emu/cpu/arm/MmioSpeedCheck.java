package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;

/**
 * Quick (not JMH) check of the MMIO path's host cost on {@link M4Programs#MMIO_LOOP} (200 000
 * DWT_CYCCNT reads, one per 4-instruction block): {@code java -cp ... io.twinboard.emu.cpu.arm.MmioSpeedCheck [rounds]}.
 * Prints host ns (wall-clock and machine-thread CPU) per access. A wrong measurement would show a run that does not exit 0.
 */
public final class MmioSpeedCheck {
    static final int ACCESSES = 200_000;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long best = Long.MAX_VALUE, bestCpu = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            try (M4Harness h = new M4Harness(M4Programs.MMIO_LOOP)) {
                long t0 = System.nanoTime(), c0 = CPU.getCurrentThreadCpuTime();
                StopReason r = h.run(VirtualTime.ofSeconds(1));
                long ns = System.nanoTime() - t0, cpu = CPU.getCurrentThreadCpuTime() - c0;
                if (!(r instanceof StopReason.Exit e) || e.code() != 0) throw new IllegalStateException("run ended with " + r);
                best = Math.min(best, ns);
                bestCpu = Math.min(bestCpu, cpu);
                System.out.printf("round %2d: %.0f ns per MMIO access, %.0f ns of machine-thread CPU (%d cycles)%n",
                        round, (double) ns / ACCESSES, (double) cpu / ACCESSES, h.cpu.cycles());
            }
        }
        System.out.printf("best: %.0f ns per MMIO access, %.0f ns CPU%n", (double) best / ACCESSES, (double) bestCpu / ACCESSES);
    }
}
