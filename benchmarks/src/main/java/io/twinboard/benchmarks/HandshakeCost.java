package io.twinboard.benchmarks;

import io.twinboard.bench.board.BoardCatalog;
import io.twinboard.bench.board.BoardOptions;
import io.twinboard.bench.broker.BrokerOptions;
import io.twinboard.bench.broker.EmbeddedBroker;
import io.twinboard.bench.mqtt.MqttReport;
import io.twinboard.bench.mqtt.MqttRun;
import io.twinboard.bench.mqtt.MqttSetup;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.LinkProfile;
import io.twinboard.periph.net.Pacing;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * One question: does emulating a TLS handshake take less host time than the real board needs?
 * Each operation boots mqtt-tls-client, resolves the broker, does a full ECDHE-ECDSA handshake
 * with the embedded broker, MQTT CONNECT + SUBSCRIBE + one PUBLISH, and exits. The score is the
 * host time of the whole operation; the aux counters give the handshake's cycles as the firmware
 * measured them (DWT / CCOUNT), the real board's time for them ({@code boardHandshakeMs} =
 * cycles / core clock) and the host time the handshake took, from TCP connected to the
 * firmware's handshake report: wall-clock ({@code hostHandshakeMs}) and the machine thread's CPU
 * time ({@code hostHandshakeCpuMs}). The target is host &lt; board. With a live broker, virtual
 * time is paced against wall-clock time ({@code pacing}, net.Pacing): under {@code strict} it
 * may lead by one 10 ms slice at most, so the wall-clock figure cannot fall much below the
 * board's time by design (an emulator faster than the board sleeps the difference); under
 * {@code contact}, the default, slices in which the firmware only computes keep the time they
 * gain ({@code leadKeptMs}), so the wall-clock figure shows how fast the handshake is emulated.
 * The CPU time is the work of emulating in both modes.
 *
 * <p>A wrong measurement would show a handshake cycle count of 0 (the firmware failed before its
 * "TB tls" line: the operation throws instead) or host times dominated by broker start-up (the
 * broker is started once per trial, outside the measured operation).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss4m"})
@State(Scope.Benchmark)
public class HandshakeCost {
    @Param({"nucleo-f429zi", "esp8266-w5500"})
    public String board;

    @Param({"contact", "strict"})
    public String pacing;

    private Pki pki;
    private EmbeddedBroker broker;
    private ElfImage image;

    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Handshake {
        public long handshakeCycles;
        public double boardHandshakeMs;
        public double hostHandshakeMs;
        public double hostHandshakeCpuMs;
        public double leadKeptMs;

        @Setup(Level.Iteration) public void clear() {
            handshakeCycles = 0;
            boardHandshakeMs = hostHandshakeMs = hostHandshakeCpuMs = leadKeptMs = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        pki = Pki.generate(1);
        broker = EmbeddedBroker.start(BrokerOptions.of(pki).withUser("board", "pw").withServerCredential(pki.server(KeyKind.EC_P256)));
        image = ElfImage.load(FirmwareImages.image(board, "mqtt-tls-client"));
    }

    @TearDown(Level.Trial)
    public void stop() { broker.close(); }

    @Benchmark
    public MqttReport handshakeConnectPublish(Handshake h) {
        MqttSetup s = new MqttSetup(Pki.DEFAULT_BROKER_HOST, broker.host(), broker.tlsPort(), broker.caCertPem(), null, null,
                "bench-" + board, "board", "pw", "bench/" + board, 1, 100, 0, 2, LinkProfile.lan());
        MqttReport r = MqttRun.run(BoardCatalog.load(board), image, s, broker,
                BoardOptions.defaults().withConsole(OutputStream.nullOutputStream()).withDiagnostics(null),
                OutputStream.nullOutputStream(), VirtualTime.ofSeconds(60), net -> net.setPacing(Pacing.named(pacing)));
        if (!r.succeeded() || r.handshakeCycles() <= 0) throw new IllegalStateException("run failed: " + r.summary());
        h.handshakeCycles = r.handshakeCycles();
        h.boardHandshakeMs = r.handshakeCycles() * 1e3 / r.coreHz();
        h.hostHandshakeMs = r.handshakeHostNanos() / 1e6;
        h.hostHandshakeCpuMs = r.handshakeCpuNanos() / 1e6;
        h.leadKeptMs = r.leadKeptPs() / 1e9;
        return r;
    }
}
