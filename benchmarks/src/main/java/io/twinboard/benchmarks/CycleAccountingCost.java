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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One question: what does the Cortex-M4 cycle model cost? The whole {@code crypto-bench} image
 * (mbedTLS SHA-256, AES, GCM, ECDSA, ECDH, X25519, RSA) runs on the nucleo-f429zi board with the
 * cycle model on, and on bare Unicorn (no block hook: {@code cycleAccounting=false}) in the same
 * JMH run. The baseline is the bare run; the figure of merit is the instructions/s ratio.
 *
 * <p>The {@code instructions} and {@code cycles} aux counters are per second of host time, i.e.
 * guest MIPS and emulated Hz. A wrong measurement would show identical instruction counts for
 * both modes at very different times if the firmware took another path (check the counts are
 * equal), or a bare mode with cycles == 0 (no time base; the board then never reaches its
 * timeouts) — both rows are printed.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss4m"})
@State(Scope.Benchmark)
public class CycleAccountingCost {
    @Param({"true", "false"})
    public boolean cycleAccounting;

    private ElfImage image;

    /** Per-iteration counters JMH turns into rates. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Counters {
        public long instructions;
        public long cycles;
        public long hostNanos;

        @Setup(Level.Iteration) public void clear() { instructions = cycles = hostNanos = 0; }

        /** Guest instructions per host second, in millions. */
        public double mips() { return hostNanos == 0 ? 0 : instructions * 1e3 / hostNanos; }
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        image = ElfImage.load(FirmwareImages.image("nucleo-f429zi", "crypto-bench"));
    }

    @Benchmark
    public RunResult cryptoBench(Counters c) {
        RunResult r = FirmwareImages.runToCleanExit("nucleo-f429zi", image, cycleAccounting);
        c.instructions += r.instructions();
        c.cycles += r.cycles();
        c.hostNanos += r.hostNanos();
        return r;
    }
}
