package io.twinboard.bench.mqtt;

import io.twinboard.bench.board.BoardCatalog;
import io.twinboard.bench.board.BoardOptions;
import io.twinboard.bench.broker.Broker;
import io.twinboard.bench.broker.BrokerOptions;
import io.twinboard.bench.broker.EmbeddedBroker;
import io.twinboard.bench.broker.MosquittoBroker;
import io.twinboard.bench.broker.MosquittoClients;
import io.twinboard.bench.firmware.Images;
import io.twinboard.bench.inspect.MbedtlsErrors;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.LinkProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Tier-2 end to end: the real mqtt-tls-client firmware on an emulated board, through the W5500
 * model and the virtual link, to real brokers (embedded Moquette and Debian's mosquitto).
 */
class MqttEndToEndTest {
    static Pki pki;

    @BeforeAll static void pki() { pki = Pki.generate(7); }

    static MqttSetup setup(String board, Broker b, String brokerName, Path ca) {
        return new MqttSetup(brokerName, b == null ? "127.0.0.1" : b.host(), b == null ? freePort() : b.tlsPort(), ca, null, null,
                "tb-" + board, "board", "board-secret", "tb/" + board, 2, 500, 1, 2, LinkProfile.lan());
    }

    static MqttReport run(String board, MqttSetup setup, Broker broker, long limit) throws Exception {
        return run(board, setup, broker, limit, net -> {});
    }

    static MqttReport run(String board, MqttSetup setup, Broker broker, long limit, java.util.function.Consumer<io.twinboard.periph.net.Network> tweak) throws Exception {
        ElfImage elf = ElfImage.load(Images.require(board, "mqtt-tls-client"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        return MqttRun.run(BoardCatalog.load(board), elf, setup, broker, BoardOptions.defaults().withDiagnostics(null), console, limit, tweak);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) { return s.getLocalPort(); } catch (Exception e) { throw new IllegalStateException(e); }
    }

    @ParameterizedTest
    @ValueSource(strings = {"esp8266-w5500", "nucleo-f429zi"})
    void publishesAndAnswersThroughTheEmbeddedBroker(String board) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerOptions.of(pki).withUser("board", "board-secret")
                .withServerCredential(pki.server(KeyKind.EC_P256)))) {
            MqttReport r = run(board, setup(board, broker, Pki.DEFAULT_BROKER_HOST, broker.caCertPem()), broker, VirtualTime.ofSeconds(60));
            assertTrue(r.succeeded(), r.summary() + String.join("\n", r.console()));
            assertEquals("TLSv1.2", r.tlsVersion());
            assertTrue(r.cipherSuite().startsWith("TLS-ECDHE-ECDSA-WITH-AES"), r.cipherSuite());
            assertTrue(r.handshakeCycles() > 1_000_000, "handshake cycles " + r.handshakeCycles());
            assertEquals(2, r.telemetryPublished());
            assertTrue(r.bytesToBroker() > 300 && r.bytesFromBroker() > 300, r.summary());
            String reply = new String(broker.published().stream().filter(m -> m.topic().endsWith("/reply")).findFirst().orElseThrow().payload(), StandardCharsets.UTF_8);
            assertEquals("echo: " + MqttRun.COMMAND, reply);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void mosquittoSubSeesThePublishesAndMosquittoPubCommandIsAnswered(String board, @TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(BrokerOptions.of(pki).withUser("board", "board-secret")
                .withUser("bench", "bench-secret").withServerCredential(pki.server(KeyKind.RSA_2048)).withWorkDir(dir))) {
            MqttSetup s = setup(board, broker, Pki.DEFAULT_BROKER_HOST, broker.caCertPem());
            MosquittoClients clients = MosquittoClients.of(broker.host(), broker.tlsPort(), broker.caCertPem()).withCredentials("bench", "bench-secret");
            try (var sub = clients.subscribe("bench-sub", s.topicPrefix() + "/#", 1, 4, Duration.ofSeconds(120))) {
                // mosquitto_pub sends the command once the firmware has subscribed (MqttRun asks the
                // broker; for mosquitto the broker's publish goes through mosquitto_pub).
                MqttReport r = run(board, s, broker, VirtualTime.ofSeconds(60));
                assertTrue(r.succeeded(), r.summary() + String.join("\n", r.console()));
                assertTrue(r.cipherSuite().contains("ECDHE-RSA"), r.cipherSuite());
                var got = sub.await();
                assertTrue(got.stream().anyMatch(m -> m.topic().endsWith("/telemetry")), got.toString());
                assertTrue(got.stream().anyMatch(m -> m.topic().endsWith("/reply")), got.toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"esp8266-w5500"})
    void cliRunsTheFirmwareAgainstAnExternalBroker(String board, @TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(BrokerOptions.of(pki).withUser("board", "board-secret").withWorkDir(dir))) {
            int status = io.twinboard.bench.cli.Main.execute("run", "--board", board, "--max-time", "60s",
                    "--broker", "mqtts://localhost:" + broker.tlsPort(), "--ca", broker.caCertPem().toString(),
                    "--user", "board", "--password", "board-secret", "--count", "2",
                    Images.require(board, "mqtt-tls-client").toString());
            assertEquals(0, status);
            assertTrue(broker.published().stream().filter(m -> m.topic().endsWith("/telemetry")).count() >= 2, broker.published().toString());
        }
    }

    /** The report's diagnosis, as the CLI prints it (with mbedTLS's error names). */
    static String diagnosis(MqttReport r) {
        return r.diagnosis(MbedtlsErrors.fromFirmwareTree(Images.root()).orElse(null))
                .orElseThrow(() -> new AssertionError("no diagnosis for:\n" + r.summary() + String.join("\n", r.console())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void brokerDownIsAResetAndAClearReport(String board) throws Exception {
        // Nothing listens on the port: the host refuses, the chip sees RST -> SOCK_CLOSED.
        MqttSetup s = setup(board, null, Pki.DEFAULT_BROKER_HOST, pki.writeTo(Files_tmp()).caBundlePem());
        MqttReport r = run(board, s, null, VirtualTime.ofSeconds(60));
        assertEquals(14, r.exitCode(), String.join("\n", r.console()));
        assertTrue(r.firmwareError().contains("tcp-connect") && r.firmwareError().contains("refused"), r.firmwareError());
        String d = diagnosis(r);
        assertTrue(d.startsWith("tcp-connect failed. TCP connection to " + MqttSetup.BROKER_IP + ":" + s.hostPort() + " refused (RST)"), d);
        assertTrue(d.contains("SOCK_CLOSED") && d.contains("nothing listens there"), d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void aNameThatDoesNotResolveIsNxdomain(String board) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerOptions.of(pki).withUser("board", "board-secret"))) {
            MqttSetup s = setup(board, broker, Pki.DEFAULT_BROKER_HOST, broker.caCertPem());
            MqttReport r = run(board, s, broker, VirtualTime.ofSeconds(60), net -> net.setResolver(name -> java.util.Optional.empty()));
            assertEquals(13, r.exitCode(), String.join("\n", r.console()));
            assertTrue(r.firmwareError().contains("NXDOMAIN"), r.firmwareError());
            String d = diagnosis(r);
            assertTrue(d.startsWith("dns failed. The broker's name did not resolve (" + Pki.DEFAULT_BROKER_HOST + " NXDOMAIN)"), d);
            assertTrue(broker.tlsHandshakes().isEmpty(), "the board never reached the broker: " + broker.tlsHandshakes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void aWrongCaFailsCertificateVerification(String board) throws Exception {
        Pki other = Pki.generate(99);
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerOptions.of(pki).withUser("board", "board-secret"))) {
            MqttSetup s = setup(board, broker, Pki.DEFAULT_BROKER_HOST, other.writeTo(Files_tmp()).caBundlePem());
            MqttReport r = run(board, s, broker, VirtualTime.ofSeconds(60));
            assertEquals(16, r.exitCode(), String.join("\n", r.console()));
            assertTrue(r.firmwareError().contains("-0x2700"), r.firmwareError());   // MBEDTLS_ERR_X509_CERT_VERIFY_FAILED
            assertTrue(String.join("\n", r.console()).contains("not correctly signed by the trusted CA"), String.join("\n", r.console()));
        }
    }

    private static Path Files_tmp() throws Exception { return java.nio.file.Files.createTempDirectory("tb-pki"); }
}
