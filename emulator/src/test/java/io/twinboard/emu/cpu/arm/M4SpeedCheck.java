package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;

/**
 * Quick (not JMH) speed check of cycle accounting against bare Unicorn on {@link M4Programs#HOT_LOOP}:
 * {@code java -cp ... io.twinboard.emu.cpu.arm.M4SpeedCheck}. The program executes
 * 10 M x 4 + 4 M x 23 + 8 = 132 M instructions. A wrong measurement would show a bare
 * run that stops early (check the exit) or an accounted run whose instruction count differs.
 */
public final class M4SpeedCheck {
    static final long INSTRUCTIONS = 10_000_000L * 4 + 4_000_000L * 23 + 8;

    public static void main(String[] args) {
        for (int round = 0; round < 3; round++) {
            for (boolean accounting : new boolean[]{false, true}) {
                try (M4Harness h = new M4Harness(M4Programs.HOT_LOOP, CortexM4.Options.stm32f429().withCycleAccounting(accounting))) {
                    long t0 = System.nanoTime();
                    StopReason r = h.run(VirtualTime.ofSeconds(100));
                    long ns = System.nanoTime() - t0;
                    System.out.printf("accounting=%-5s %s  %.1f M instr/s  (%.2f s, counted %d instructions, %d cycles)%n",
                            accounting, r, INSTRUCTIONS / (ns / 1e3), ns / 1e9, h.cpu.instructions(), h.cpu.cycles());
                }
            }
        }
    }
}
