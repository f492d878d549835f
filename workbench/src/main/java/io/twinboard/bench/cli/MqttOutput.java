package io.twinboard.bench.cli;

import io.twinboard.bench.inspect.MbedtlsErrors;
import io.twinboard.bench.mqtt.MqttReport;

import java.io.PrintStream;
import java.nio.file.Path;

/** How the commands print an MQTT run: summary, diagnosis of a failure, optional traffic trace. */
final class MqttOutput {
    private MqttOutput() {}

    static void print(MqttReport r, boolean trace, Path capture, PrintStream err) {
        err.print(r.summary());
        r.diagnosis(MbedtlsErrors.fromFirmwareTree(FirmwareLocator.home()).orElse(null))
                .ifPresent(d -> err.println("  diagnosis        " + d.replace("\n", "\n                   ")));
        if (capture != null) err.println("  capture          " + capture + " (open with Wireshark or tshark -r)");
        if (trace) {
            err.println("traffic:");
            err.print(r.traffic().format());
        }
    }
}
