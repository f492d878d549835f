package io.twinboard.bench.cli;

import io.twinboard.bench.board.BoardCatalog;
import io.twinboard.bench.board.BoardDescription;
import io.twinboard.bench.board.BoardOptions;
import io.twinboard.bench.broker.BrokerOptions;
import io.twinboard.bench.broker.EmbeddedBroker;
import io.twinboard.bench.mqtt.MqttReport;
import io.twinboard.bench.mqtt.MqttRun;
import io.twinboard.bench.mqtt.MqttSetup;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;
import io.twinboard.emu.elf.ElfFormatException;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.time.VirtualTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code twinboard demo}: the main job — MQTT over TLS from the emulated board to the embedded broker. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The main job: start the embedded MQTT broker (TLS, PKI made at start), boot the mqtt-tls-client firmware"
                + " on the emulated board, stream its console, publish a command it must answer, and print a summary.",
                "Exit status 0 when the firmware published and received as expected."})
final class DemoCommand extends MqttSessionOptions implements Callable<Integer> {
    @Option(names = "--board", paramLabel = "NAME", defaultValue = "nucleo-f429zi",
            description = "Board: nucleo-f429zi or esp8266-w5500. Default: ${DEFAULT-VALUE}.")
    String board;

    @Option(names = "--image", paramLabel = "APP", defaultValue = "mqtt-tls-client",
            description = {"Firmware to boot: mqtt-tls-client (default), or mqtt-tls-client-eof-bug: seed 004's I/O callback"
                    + " that returns 0 for 'no data yet', so the handshake fails with -0x7280 and the summary explains why."})
    String image;

    @Option(names = "--key", paramLabel = "KIND", defaultValue = "ec",
            description = "Broker certificate key: ec (ECDSA P-256: ECDHE-ECDSA suites) or rsa (RSA-2048: ECDHE-RSA suites). Default: ${DEFAULT-VALUE}.")
    String key;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000", description = "Telemetry interval in ms of virtual time. Default: ${DEFAULT-VALUE}.")
    int intervalMs;

    @Option(names = "--max-time", paramLabel = "DURATION", converter = DurationParser.class, defaultValue = "120s",
            description = "Give up after this much virtual time. Default: 120s.")
    long maxTime;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the PKI and every random source. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override public Integer call() throws Exception {
        // Every option is checked before the broker starts: a mistake costs nothing and names the option.
        KeyKind kind = switch (key) {
            case "ec" -> KeyKind.EC_P256;
            case "rsa" -> KeyKind.RSA_2048;
            default -> throw new IllegalArgumentException("--key must be ec or rsa, not '" + key + "'");
        };
        check();
        OptionChecks.atLeast("--interval", intervalMs, 0);
        if (maxTime <= 0) throw new IllegalArgumentException("--max-time must be more than 0");
        BoardDescription desc = BoardCatalog.load(board);
        ElfImage elf;
        try {
            elf = ElfImage.load(FirmwareLocator.image(desc.name(), image));
        } catch (ElfFormatException e) {
            System.err.println("twinboard: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Pki pki = Pki.generate(seed);
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerOptions.of(pki).withUser("board", "board-secret")
                .withServerCredential(pki.server(kind)))) {
            System.err.printf("twinboard: embedded MQTT broker on %s:%d (TLS, %s certificate for %s)%n", broker.host(), broker.tlsPort(),
                    kind.tag(), Pki.DEFAULT_BROKER_HOST);
            MqttSetup setup = provisioned(new MqttSetup(Pki.DEFAULT_BROKER_HOST, broker.host(), broker.tlsPort(), broker.caCertPem(), null, null,
                    "twinboard-" + desc.name(), "board", "board-secret", "twinboard/" + desc.name(), count, intervalMs, 1, 2, linkProfile()));
            MqttReport r = MqttRun.run(desc, elf, setup, broker, BoardOptions.defaults().withSeed(seed), System.out, maxTime,
                    net -> net.setPacing(pacingMode()), capture);
            System.out.flush();
            System.err.println("twinboard demo summary (" + desc.name() + ", max " + VirtualTime.format(maxTime) + ")");
            MqttOutput.print(r, trace, capture, System.err);
            return r.succeeded() ? ExitCodes.OK : 1;
        }
    }
}
