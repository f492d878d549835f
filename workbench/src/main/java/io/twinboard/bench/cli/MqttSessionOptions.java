package io.twinboard.bench.cli;

import io.twinboard.bench.mqtt.MqttSetup;
import io.twinboard.periph.net.LinkProfile;
import io.twinboard.periph.net.Pacing;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of an MQTT session from the emulated board that {@code demo} and
 * {@code run --broker} share: what the firmware is provisioned with (telemetry count, keep-alive,
 * QoS), the link and pacing, and what to show of the traffic. picocli collects the options of
 * superclasses, so each command declares them once, here.
 */
abstract class MqttSessionOptions {
    @Option(names = "--count", paramLabel = "N", defaultValue = "3", description = "Telemetry messages to publish before a clean exit (at least 1). Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--link", paramLabel = "PROFILE", defaultValue = "lan",
            description = "Network link between the W5500 and the broker: lan or satellite (~640 ms RTT). Default: ${DEFAULT-VALUE}.")
    String link;

    @Option(names = "--pacing", paramLabel = "MODE", defaultValue = "contact",
            description = {"How virtual time follows wall-clock time while the broker is connected: strict (never more than one 10 ms slice ahead)"
                    + " or contact (as strict, but slices in which the firmware only computes keep the time they gained). Default: ${DEFAULT-VALUE}."})
    String pacing;

    @Option(names = "--keepalive", paramLabel = "SECONDS", defaultValue = "60",
            description = "MQTT keep-alive the firmware sends in CONNECT; it sends PINGREQ after 3/4 of it without traffic (0: off, at most 65535). Default: ${DEFAULT-VALUE}.")
    int keepAlive;

    @Option(names = "--qos", paramLabel = "N", defaultValue = "1", description = "QoS of the telemetry publishes, 0 or 1 (command replies are QoS 1). Default: ${DEFAULT-VALUE}.")
    int qos;

    @Option(names = "--capture", paramLabel = "FILE.pcapng", description = "Write the board's network traffic (TCP, DNS; virtual-time stamps) to a pcapng file for Wireshark.")
    Path capture;

    @Option(names = "--trace", description = "Print the decoded traffic (TLS records and handshake messages, alerts) after the run.")
    boolean trace;

    /** Checks every value before anything starts (each failure one line naming the option). */
    void check() {
        OptionChecks.atLeast("--count", count, 1);
        linkProfile();
        pacingMode();
        OptionChecks.between("--keepalive", keepAlive, 0, 65535);
        OptionChecks.between("--qos", qos, 0, 1);
        OptionChecks.writable("--capture", capture);
    }

    LinkProfile linkProfile() { return OptionChecks.parsed("--link", link, LinkProfile::named); }

    Pacing pacingMode() { return OptionChecks.parsed("--pacing", pacing, Pacing::named); }

    /** {@code setup} with this session's keep-alive and telemetry QoS. */
    MqttSetup provisioned(MqttSetup setup) { return setup.withKeepAlive(keepAlive).withTelemetryQos(qos); }
}
