package io.twinboard.bench.mqtt;

import io.twinboard.bench.board.BoardCatalog;
import io.twinboard.bench.board.BoardOptions;
import io.twinboard.bench.broker.BrokerOptions;
import io.twinboard.bench.broker.EmbeddedBroker;
import io.twinboard.bench.firmware.Images;
import io.twinboard.bench.inspect.MbedtlsErrors;
import io.twinboard.bench.pki.Pki;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.net.LinkProfile;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Seed 004 (MQTT over TLS on a W5500): the TLS glue passes the driver's "no data yet" (0) to
 * mbedTLS, which reads it as EOF. The known-bad image must fail exactly as the forum thread's
 * board did — handshake error -0x7280 while the broker never closed — and the workbench must
 * say why.
 */
class Seed004EofTest {
    @Test
    void theZeroReturningCallbackFailsTheHandshakeWithConnEofAndIsExplained() throws Exception {
        String board = "nucleo-f429zi";
        Pki pki = Pki.generate(4);
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerOptions.of(pki).withUser("board", "pw"))) {
            MqttSetup s = new MqttSetup(Pki.DEFAULT_BROKER_HOST, broker.host(), broker.tlsPort(), broker.caCertPem(), null, null,
                    "seed004", "board", "pw", "seed004", 1, 500, 0, 2, LinkProfile.lan());
            ElfImage elf = ElfImage.load(Images.require(board, "mqtt-tls-client-eof-bug"));
            MqttReport r = MqttRun.run(BoardCatalog.load(board), elf, s, broker, BoardOptions.defaults().withDiagnostics(null),
                    OutputStream.nullOutputStream(), VirtualTime.ofSeconds(30));
            assertEquals(16, r.exitCode(), String.join("\n", r.console()));
            assertTrue(r.firmwareError().contains("handshake -0x7280"), r.firmwareError());
            String why = r.diagnosis(MbedtlsErrors.fromFirmwareTree(Images.root()).orElse(null)).orElseThrow();
            assertTrue(why.contains("WANT_READ"), why);
        }
    }
}
