package io.twinboard.bench.inspect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class MbedtlsErrorsTest {
    @Test
    void namesExactAndCombinedCodes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("mbedtls"));
        Files.writeString(dir.resolve("mbedtls/ssl.h"), """
                #define MBEDTLS_ERR_SSL_CONN_EOF                          -0x7280
                #define MBEDTLS_ERR_SSL_INVALID_RECORD   -0x7200  /**< An invalid SSL record was received. */
                #define MBEDTLS_ERR_X509_CERT_VERIFY_FAILED -0x2700
                """);
        Files.writeString(dir.resolve("mbedtls/bignum.h"), "#define MBEDTLS_ERR_MPI_ALLOC_FAILED -0x0010\n");
        MbedtlsErrors e = MbedtlsErrors.fromHeaders(dir);
        assertEquals(4, e.size());
        assertEquals("MBEDTLS_ERR_SSL_CONN_EOF", e.name(-0x7280));
        assertEquals("-0x7200 (MBEDTLS_ERR_SSL_INVALID_RECORD)", e.describe(-0x7200));
        assertEquals("MBEDTLS_ERR_X509_CERT_VERIFY_FAILED + MBEDTLS_ERR_MPI_ALLOC_FAILED", e.name(-0x2710));
        assertEquals("-0x1234", e.name(-0x1234));
    }

    @Test
    void readsTheRealHeadersWhenFetched() throws Exception {
        Path home = Path.of(System.getProperty("user.dir")).getParent();
        var errors = MbedtlsErrors.fromFirmwareTree(home);
        if (System.getenv("CI") != null) assertTrue(errors.isPresent(), "CI fetches mbedTLS before the tests");
        errors.ifPresent(e -> {
            assertEquals("MBEDTLS_ERR_SSL_CONN_EOF", e.name(-0x7280));
            assertEquals("MBEDTLS_ERR_SSL_INVALID_RECORD", e.name(-0x7200));
        });
    }
}
