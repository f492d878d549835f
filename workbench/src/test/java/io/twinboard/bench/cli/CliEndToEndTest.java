package io.twinboard.bench.cli;

import io.twinboard.bench.broker.BrokerOptions;
import io.twinboard.bench.broker.EmbeddedBroker;
import io.twinboard.bench.firmware.Images;
import io.twinboard.bench.pki.Credential;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;
import io.twinboard.bench.pki.PkiFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code twinboard demo} and {@code twinboard run --broker} end to end, through {@link Main}. */
class CliEndToEndTest {
    @BeforeEach void home() { System.setProperty("twinboard.home", Images.root().toString()); }   // as the launcher does
    @AfterEach void noHome() { System.clearProperty("twinboard.home"); }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void demoPublishesAndAnswersOnEachBoard(String board) {
        Images.require(board, "mqtt-tls-client");
        CliRun r = CliRun.of("demo", "--board", board, "--count", "1", "--interval", "100");
        assertEquals(0, r.status(), r.both());
        assertTrue(r.err().contains("twinboard demo summary (" + board), r.both());
        assertTrue(r.err().contains("  TLS              TLSv1.2, TLS-ECDHE-ECDSA-WITH-AES"), r.both());
        assertTrue(r.err().matches("(?s).*  handshake        [0-9,]+ cycles = [0-9.]+ ms at [0-9]+ MHz on the board.*"), r.both());
        assertTrue(r.err().contains("  broker saw       1 telemetry + 1 replies published by twinboard-" + board), r.both());
        assertTrue(r.err().contains("  result           OK: published and received as expected"), r.both());
        assertTrue(r.out().contains("TB done "), "the console streams to stdout: " + r.both());
    }

    /** --keepalive and --qos reach the firmware through its provisioning block. */
    @Test void demoProvisionsKeepAliveAndQos() {
        Images.require("nucleo-f429zi", "mqtt-tls-client");
        CliRun r = CliRun.of("demo", "--count", "1", "--interval", "100", "--keepalive", "30", "--qos", "0");
        assertEquals(0, r.status(), r.both());
        assertTrue(r.out().contains("TB mqtt connected keepalive_s=30 telemetry_qos=0"), r.both());
        assertTrue(r.out().contains("seq=1 qos=0"), r.both());
    }

    /** With the broker requiring mutual TLS, so that --cert and --key are exercised too. */
    @Test void runAgainstTheEmbeddedBrokerOnTheNucleo(@TempDir Path dir) {
        String board = "nucleo-f429zi";
        Pki pki = Pki.generate(11);
        PkiFiles files = pki.writeTo(dir);
        Credential client = pki.client(KeyKind.EC_P256);
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerOptions.of(pki).withUser("board", "board-secret")
                .withClientCertificateRequired(true))) {
            CliRun r = CliRun.of("run", "--board", board, "--max-time", "60s",
                    "--broker", "mqtts://localhost:" + broker.tlsPort(), "--ca", files.caBundlePem().toString(),
                    "--cert", files.certificatePem(client).toString(), "--key", files.keyPem(client).toString(),
                    "--user", "board", "--password", "board-secret", "--count", "2",
                    Images.require(board, "mqtt-tls-client").toString());
            assertEquals(0, r.status(), r.both());
            assertEquals(2, broker.published().stream().filter(m -> m.topic().equals("twinboard/" + board + "/telemetry")).count(),
                    broker.published().toString());
            assertTrue(broker.tlsHandshakes().getFirst().clientCertificate().contains("CN=" + Pki.DEFAULT_CLIENT_NAME), broker.tlsHandshakes().toString());
            assertTrue(r.err().contains("twinboard: firmware exited with code 0"), r.both());
            assertTrue(r.err().contains("twinboard: " + board + " against mqtts://localhost:" + broker.tlsPort()), r.both());
            assertTrue(r.err().contains("  TLS              TLSv1.2, TLS-ECDHE-"), r.both());
            assertTrue(r.err().contains("  result           OK"), r.both());
        }
    }
}
