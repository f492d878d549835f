package io.twinboard.bench.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;

import io.twinboard.bench.inspect.Decoded.ClientHello;
import io.twinboard.bench.inspect.Decoded.Handshake;
import io.twinboard.bench.pki.Pki;

/** Cipher suite names agree with what JSSE and mbedTLS call the suites they offer. */
class TlsNamesTest {
    @Test
    void everySuiteJsseOffersIsNamedAsJsseNamesIt() throws Exception {
        TlsTranscript t = TlsTranscript.run(TlsDecodingTest.PKI.clientSslContext(null), TlsDecodingTest.PKI.serverSslContext(),
                Pki.DEFAULT_BROKER_HOST, null, null, null, null);
        SSLEngine reference = TlsDecodingTest.PKI.clientSslContext(null).createSSLEngine();
        reference.setUseClientMode(true);
        TrafficLog log = new TrafficLog();
        t.feed(log, 1, 0, TlsTranscript.Splitter.WHOLE);
        Handshake first = TlsDecodingTest.handshakes(log.connection(1).orElseThrow(), true).get(0);
        List<String> offered = ((ClientHello) first.body()).suiteNames();
        assertEquals(List.of(reference.getEnabledCipherSuites()), offered);
        assertTrue(offered.size() > 20, offered.toString());
    }

    @Test
    void everySuiteMbedtlsDefinesIsNamedAsMbedtlsNamesIt() throws Exception {
        Path header = Path.of(System.getProperty("user.dir")).getParent()
                .resolve("firmware-images/third_party/mbedtls-2.28.3/include/mbedtls/ssl_ciphersuites.h");
        if (System.getenv("CI") != null) assertTrue(Files.exists(header), "CI fetches mbedTLS before the tests");
        assumeTrue(Files.exists(header), "mbedTLS headers not fetched (tools/fetch-mbedtls.sh)");
        Matcher m = Pattern.compile("#define MBEDTLS_(TLS_\\w+)\\s+0x([0-9A-Fa-f]+)").matcher(Files.readString(header));
        List<String> wrong = new ArrayList<>();
        int n = 0;
        while (m.find()) {
            n++;
            String ours = TlsNames.cipherSuite(Integer.parseInt(m.group(2), 16));
            // IANA calls 0xC0AA/0xC0AB TLS_PSK_DHE_WITH_AES_*_CCM_8; mbedTLS says DHE_PSK. IANA's name wins.
            if (!ours.replace("TLS_PSK_DHE_", "TLS_DHE_PSK_").equals(m.group(1))) wrong.add(m.group(1) + " → " + ours);
        }
        assertTrue(n > 150, "suites read: " + n);
        assertEquals(List.of(), wrong);
    }
}
