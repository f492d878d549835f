/*
 * mbedTLS <-> W5500 glue: the BIO callbacks mbedtls_ssl_set_bio() takes, and the MQTT transport
 * over an established TLS session.
 *
 * The receive callback returns MBEDTLS_ERR_SSL_WANT_READ when the chip has no data yet. Seed 004's
 * bug — passing ioLibrary's SOCK_BUSY (0) through, which mbedTLS reads as end of connection
 * (MBEDTLS_ERR_SSL_CONN_EOF, -0x7280) — is built in with -DTB_BUG_RECV_ZERO_IS_EOF so the
 * scenario can show it.
 */
#ifndef TWINBOARD_TLS_IO_H
#define TWINBOARD_TLS_IO_H

#include <stddef.h>
#include <stdint.h>

struct tls_socket {
    uint8_t sn;
    void *ssl;     /* mbedtls_ssl_context * */
};

int tls_bio_send(void *ctx, const unsigned char *buf, size_t len);
int tls_bio_recv(void *ctx, unsigned char *buf, size_t len);

/* MQTT transport: 0 = not now, negative = error. */
int tls_mqtt_write(void *ctx, const uint8_t *buf, size_t len);
int tls_mqtt_read(void *ctx, uint8_t *buf, size_t len);

#endif
