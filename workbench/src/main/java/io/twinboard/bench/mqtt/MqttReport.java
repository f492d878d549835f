package io.twinboard.bench.mqtt;

import io.twinboard.bench.broker.ObservedMessage;
import io.twinboard.emu.machine.RunResult;

import java.util.List;

/**
 * What an MQTT run did, from three sides: the firmware's console ({@code TB} lines), the broker's
 * observations, and the W5500 link's byte counters.
 *
 * @param exitCode firmware exit code, -1 if it did not exit
 * @param brokerObserved false for an external broker the workbench cannot watch
 * @param handshakeHostNanos wall-clock time the host took from TCP connected to the firmware's
 *                           handshake report, -1 if the handshake did not complete. While a live
 *                           peer is connected virtual time is paced against wall-clock time
 *                           (net.Pacing): under STRICT this is never much below the board's own
 *                           time, however fast the emulator is; under CONTACT the handshake's
 *                           computing keeps the time it gains.
 * @param handshakeCpuNanos  CPU time the machine thread spent over the same span: the host's work
 *                           to emulate the handshake, without pacing sleeps; -1 if unknown
 * @param pacing             how virtual time followed wall-clock time
 * @param leadKeptPs         virtual time the board ran ahead of wall-clock time in computing slices (CONTACT)
 * @param stopPc             where the core stopped, as {@code 0x... <symbol+offset>}
 */
public record MqttReport(RunResult run, int exitCode, List<String> console, List<ObservedMessage> publishedByBoard,
                         List<ObservedMessage> deliveredToBoard, long bytesToBroker, long bytesFromBroker, long coreHz,
                         MqttSetup setup, boolean brokerObserved, io.twinboard.bench.inspect.TrafficLog traffic,
                         long handshakeHostNanos, long handshakeCpuNanos, io.twinboard.periph.net.Pacing pacing, long leadKeptPs,
                         String stopPc) {

    private String tb(String prefix) {
        for (String l : console) if (l.startsWith(prefix)) return l;
        return null;
    }

    public String tlsVersion() { return ConsoleTap.field(tb("TB tls "), "version"); }
    public String cipherSuite() { return ConsoleTap.field(tb("TB tls "), "suite"); }

    /** Handshake cost in core cycles as the firmware measured it (DWT/CCOUNT), or -1. */
    public long handshakeCycles() {
        String v = ConsoleTap.field(tb("TB tls "), "handshake_cycles");
        return v == null ? -1 : Long.parseUnsignedLong(v);
    }

    public long telemetryPublished() { return publishedByBoard.stream().filter(m -> m.topic().equals(setup.telemetryTopic())).count(); }
    public long repliesPublished() { return publishedByBoard.stream().filter(m -> m.topic().equals(setup.replyTopic())).count(); }
    public long commandsDelivered() { return deliveredToBoard.stream().filter(m -> m.topic().equals(setup.commandTopic())).count(); }

    /** The firmware exited 0 and the broker saw every telemetry message and a reply per command. */
    public boolean succeeded() {
        if (!brokerObserved) return exitCode == 0;
        return exitCode == 0 && telemetryPublished() >= setup.publishCount() && repliesPublished() >= setup.expectCommands()
                && commandsDelivered() >= setup.expectCommands();
    }

    /** The firmware's first error line, if any. */
    public String firmwareError() { return tb("TB error"); }

    /**
     * Why the run failed, from the firmware's error and what crossed the link (empty when it
     * succeeded or nothing matches a known failure).
     */
    public java.util.Optional<String> diagnosis(io.twinboard.bench.inspect.MbedtlsErrors errors) {
        if (succeeded()) return java.util.Optional.empty();
        var d = new io.twinboard.bench.inspect.Diagnoser(errors, 0);
        var found = d.explain(console, traffic);
        if (found.isEmpty() && run.reason() == null) found = d.explainStall(traffic);
        return found.map(io.twinboard.bench.inspect.Diagnoser.Diagnosis::text);
    }

    /** The summary block the demo prints. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("  TLS              %s, %s%n", orDash(tlsVersion()), orDash(cipherSuite())));
        long hc = handshakeCycles();
        s.append(hc < 0 ? "  handshake        -\n"
                : String.format("  handshake        %,d cycles = %.1f ms at %.0f MHz on the board; host: %.1f ms wall-clock, %s%n",
                        hc, hc * 1e3 / coreHz, coreHz / 1e6, handshakeHostNanos / 1e6,
                        handshakeCpuNanos < 0 ? "CPU time unknown" : String.format("%.1f ms emulating (machine thread CPU)", handshakeCpuNanos / 1e6)));
        if (!brokerObserved) s.append("  broker saw       (external broker: not observed; the firmware's own TB lines above)\n");
        else s.append(String.format("  broker saw       %d telemetry + %d replies published by %s; %d command(s) delivered to it%n",
                telemetryPublished(), repliesPublished(), setup.clientId(), commandsDelivered()));
        s.append(String.format("  W5500 link       %,d bytes to the broker, %,d bytes from it (%s link)%n", bytesToBroker, bytesFromBroker, setup.link().name()));
        s.append(String.format("  pacing           %s: the board ran %.1f ms ahead of wall-clock time while only computing%n",
                pacing.name().toLowerCase(java.util.Locale.ROOT), leadKeptPs / 1e9));
        s.append(String.format("  run              %s%n", run.summary()));
        String err = firmwareError();
        if (err != null) s.append("  firmware error   ").append(err.substring(3)).append('\n');
        s.append(succeeded() ? "  result           OK: published and received as expected\n"
                : "  result           FAILED (firmware exit " + exitCode + ")\n");
        return s.toString();
    }

    private static String orDash(String s) { return s == null ? "-" : s; }
}
