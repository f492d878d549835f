/**
 * A test PKI generated at start with Bouncy Castle, for the brokers and TLS peers the emulated
 * board talks to.
 *
 * <p>Entry point: {@link io.twinboard.bench.pki.Pki} ({@code Pki.generate()}, {@code Pki.generate(seed)},
 * {@code Pki.builder()}). One root CA per {@link io.twinboard.bench.pki.KeyKind} (RSA-2048,
 * ECDSA P-256), a server certificate of each kind for {@code localhost}/{@code 127.0.0.1}/the broker
 * host names, client certificates for mutual TLS, and long padded chains that make the TLS
 * Certificate message exceed a chosen size (mbedTLS -0x7200 reproductions). Output as
 * {@link io.twinboard.bench.pki.Credential} objects, PEM/DER files
 * ({@link io.twinboard.bench.pki.PkiFiles}) and JSSE contexts
 * ({@link io.twinboard.bench.pki.TlsContexts}).
 */
package io.twinboard.bench.pki;
