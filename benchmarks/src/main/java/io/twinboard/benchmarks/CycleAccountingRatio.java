package io.twinboard.benchmarks;

import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.machine.RunResult;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * {@link CycleAccountingCost}'s ratio, measured so that the VM's speed drift cannot bias it:
 * each operation runs {@code crypto-bench} on bare Unicorn and with the cycle model back to
 * back, alternating which goes first, so both modes see the same minutes. CycleAccountingCost
 * runs all iterations of one mode, then all of the other: on a VM whose speed moves by 1.5x
 * within minutes that ratio can be off by as much.
 *
 * <p>Aux counters (summed over an iteration's operations; JMH then sums the iterations):
 * {@code bareMs}, {@code accountingMs} (host time of each mode), {@code accountingPerBare} (their
 * quotient: the slowdown the cycle model costs; 1/x is the share of bare speed kept),
 * {@code accountingMhz} and {@code bareMhz}: emulated MHz of each mode, the image's board cycles
 * (from the cycle-model run; bare Unicorn counts none) per host second. Real time is 168 MHz. A wrong measurement would show an
 * accounting run that stops early (RunResult.cycles is checked against the known count).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss4m"})
@State(Scope.Benchmark)
public class CycleAccountingRatio {
    private ElfImage image;
    private int operation;

    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Pair {
        public double bareMs;
        public double accountingMs;
        /** Board cycles of the cycle-model runs (the same image takes as many in bare mode). */
        long boardCycles;

        @Setup(Level.Iteration) public void clear() { bareMs = accountingMs = 0; boardCycles = 0; }

        public double accountingMhz() { return accountingMs == 0 ? 0 : boardCycles / (accountingMs * 1e3); }
        public double bareMhz() { return bareMs == 0 ? 0 : boardCycles / (bareMs * 1e3); }

        /** Accounting time per bare time in this iteration. */
        public double accountingPerBare() { return bareMs == 0 ? 0 : accountingMs / bareMs; }
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        image = ElfImage.load(FirmwareImages.image("nucleo-f429zi", "crypto-bench"));
    }

    @Benchmark
    public long pair(Pair p) {
        boolean accountingFirst = (operation++ & 1) == 0;
        long cycles = 0;
        for (int k = 0; k < 2; k++) {
            boolean accounting = (k == 0) == accountingFirst;
            RunResult r = FirmwareImages.runToCleanExit("nucleo-f429zi", image, accounting);
            if (accounting) {
                p.accountingMs += r.hostNanos() / 1e6;
                cycles = r.cycles();
                p.boardCycles += cycles;
            } else {
                p.bareMs += r.hostNanos() / 1e6;
            }
        }
        return cycles;
    }
}
