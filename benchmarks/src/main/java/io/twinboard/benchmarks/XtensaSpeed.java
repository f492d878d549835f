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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One question: how fast is our LX106 interpreter on real crypto code, against QEMU's? The
 * ESP8266 {@code crypto-bench} image runs on the esp8266-w5500 board (interpreter + cycle model
 * + SoC devices), and the same application built for QEMU's ISS board ({@code esp8266-qemu}:
 * identical crypto code, console through semihosting) runs under {@code qemu-system-xtensa -M sim
 * -cpu lx106}, in the same JMH run. Score: host seconds per run.
 *
 * <p>{@code emulatedMhz} is core cycles per host second (our cycle model); {@code mips} guest
 * instructions per host second. QEMU counts neither, so for it they are derived from our counts of
 * the same workload (the instruction streams differ only in the board file). Target: 160 MHz
 * emulated, i.e. real time at the ESP8266's top clock. A wrong measurement would show QEMU
 * finishing in a fraction of a second (it did not start our entry point: check its exit code,
 * the operation throws on failure).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss4m"})
@State(Scope.Benchmark)
public class XtensaSpeed {
    @Param({"twinboard", "qemu"})
    public String engine;

    private ElfImage ours;
    private Path qemuImage;
    /** Our counts of the workload, measured once per trial (the reference for QEMU's rates). */
    private long refCycles, refInstructions;

    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Rate {
        public double emulatedMhz;
        public double mips;

        @Setup(Level.Iteration) public void clear() { emulatedMhz = 0; mips = 0; }
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        ours = ElfImage.load(FirmwareImages.image("esp8266-w5500", "crypto-bench"));
        qemuImage = FirmwareImages.image("esp8266-qemu", "crypto-bench");
        RunResult r = runOurs();
        refCycles = r.cycles();
        refInstructions = r.instructions();
    }

    private RunResult runOurs() {
        return FirmwareImages.runToCleanExit("esp8266-w5500", ours, true);
    }

    @Benchmark
    public long crypto(Rate rate) throws Exception {
        long t0 = System.nanoTime();
        if (engine.equals("twinboard")) {
            RunResult r = runOurs();
            rate.emulatedMhz = r.emulatedMhz();
            rate.mips = r.mips();
            return r.cycles();
        }
        String entry = Long.toString(ElfImage.load(qemuImage).entry());
        Process p = new ProcessBuilder(List.of("qemu-system-xtensa", "-M", "sim", "-cpu", "lx106", "-semihosting", "-nographic",
                "-monitor", "none", "-kernel", qemuImage.toString(), "-device", "loader,cpu-num=0,addr=" + entry))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new IllegalStateException("qemu timed out"); }
        if (p.exitValue() != 0) throw new IllegalStateException("qemu exited " + p.exitValue());
        double ns = System.nanoTime() - t0;
        rate.emulatedMhz = refCycles * 1e3 / ns;
        rate.mips = refInstructions * 1e3 / ns;
        return refCycles;
    }
}
