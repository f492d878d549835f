package io.twinboard.bench.mqtt;

import io.twinboard.bench.broker.BrokerOptions;
import io.twinboard.bench.broker.EmbeddedBroker;
import io.twinboard.bench.broker.TlsHandshake;
import io.twinboard.bench.pki.KeyKind;
import io.twinboard.bench.pki.Pki;
import io.twinboard.bench.pki.PkiFiles;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.LinkProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Mutual TLS from the firmware: the broker requires a client certificate from the PKI; the
 * firmware presents the one provisioned in its flash (CERT_PEM, KEY_PEM).
 */
class MutualTlsTest {
    static Pki pki;
    @TempDir static Path dir;
    static PkiFiles files;

    @BeforeAll static void pki() {
        pki = Pki.generate(21);
        files = pki.writeTo(dir);
    }

    static EmbeddedBroker broker() {
        return EmbeddedBroker.start(BrokerOptions.of(pki).withUser("board", "board-secret")
                .withServerCredential(pki.server(KeyKind.EC_P256)).withClientCertificateRequired(true));
    }

    static MqttSetup setup(String board, EmbeddedBroker broker, Path cert, Path key) {
        return new MqttSetup(Pki.DEFAULT_BROKER_HOST, broker.host(), broker.tlsPort(), files.caBundlePem(), cert, key,
                "tb-" + board, "board", "board-secret", "tb/" + board, 1, 100, 1, 2, LinkProfile.lan());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void withTheClientCertificateTheRunSucceeds(String board) throws Exception {
        try (EmbeddedBroker broker = broker()) {
            var client = pki.client(KeyKind.EC_P256);
            MqttReport r = MqttEndToEndTest.run(board, setup(board, broker, files.certificatePem(client), files.keyPem(client)), broker,
                    VirtualTime.ofSeconds(60));
            assertTrue(r.succeeded(), r.summary() + String.join("\n", r.console()));
            TlsHandshake h = broker.tlsHandshakes().getFirst();
            assertTrue(h.succeeded(), h.toString());
            assertNotNull(h.clientCertificate(), "the broker saw no client certificate: " + h);
            assertTrue(h.clientCertificate().contains("CN=" + Pki.DEFAULT_CLIENT_NAME), h.clientCertificate());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-f429zi", "esp8266-w5500"})
    void withoutItTheBrokerRefusesTheHandshakeAndTheReportSaysSo(String board) throws Exception {
        try (EmbeddedBroker broker = broker()) {
            MqttReport r = MqttEndToEndTest.run(board, setup(board, broker, null, null), broker, VirtualTime.ofSeconds(60));
            assertEquals(16, r.exitCode(), r.summary() + String.join("\n", r.console()));   // EXIT_TLS_HANDSHAKE
            assertFalse(broker.tlsHandshakes().getFirst().succeeded(), broker.tlsHandshakes().toString());
            String d = MqttEndToEndTest.diagnosis(r);
            assertTrue(d.startsWith("handshake failed with -0x7780"), d);   // MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE
            assertTrue(d.contains("The peer requires a client certificate (mutual TLS: it sent a CertificateRequest) and the board"
                    + " sent an empty Certificate message"), d);
            assertTrue(d.contains("alert fatal handshake_failure"), d);
        }
    }
}
