package io.twinboard.bench.cli;

import io.twinboard.bench.inspect.MbedtlsErrors;
import io.twinboard.bench.mqtt.MqttReport;

import java.io.PrintStream;
import java.nio.file.Path;

/** How the commands print an MQTT run: summary, diagnosis of a failure, optional traffic trace. */
final class MqttOutput {
    private MqttOutput() {}

    /** The summary block, the diagnosis of a failure, where the capture went, and the trace if asked for. */
    static void print(MqttReport r, boolean trace, Path capture, PrintStream err) {
        err.print(r.summary());
        diagnosis(r, err);
        if (capture != null) err.println("  capture          " + capture + " (open with Wireshark or tshark -r)");
        if (trace) trace(r, err);
    }

    /** Why the run failed, when the diagnoser knows (nothing for a success). */
    static void diagnosis(MqttReport r, PrintStream err) {
        r.diagnosis(MbedtlsErrors.fromFirmwareTree(FirmwareLocator.home()).orElse(null))
                .ifPresent(d -> err.println("  diagnosis        " + d.replace("\n", "\n                   ")));
    }

    /** The decoded traffic (TLS records, handshake messages, alerts, MQTT). */
    static void trace(MqttReport r, PrintStream err) {
        err.println("traffic:");
        err.print(r.traffic().format());
    }
}
