#include "mbedtls/ssl.h"
#include "mbedtls/net_sockets.h"

#include "tls_io.h"
#include "w5500.h"

int tls_bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    struct tls_socket *s = ctx;
    int32_t r = w5500_send(s->sn, buf, (uint16_t) (len > 0xFFFF ? 0xFFFF : len));
    if (r == SOCK_BUSY) {
        return MBEDTLS_ERR_SSL_WANT_WRITE;
    }
    if (r < 0) {
        return MBEDTLS_ERR_NET_CONN_RESET;
    }
    return (int) r;
}

int tls_bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    struct tls_socket *s = ctx;
    int32_t r = w5500_recv(s->sn, buf, (uint16_t) (len > 0xFFFF ? 0xFFFF : len));
    if (r == SOCK_BUSY) {
#ifdef TB_BUG_RECV_ZERO_IS_EOF
        return 0;                        /* the bug: "no data yet" reads as EOF */
#else
        return MBEDTLS_ERR_SSL_WANT_READ;
#endif
    }
    if (r == SOCKERR_SOCKCLOSED) {
        return 0;                        /* the peer really closed: EOF */
    }
    if (r < 0) {
        return MBEDTLS_ERR_NET_CONN_RESET;
    }
    return (int) r;
}

int tls_mqtt_write(void *ctx, const uint8_t *buf, size_t len)
{
    struct tls_socket *s = ctx;
    int r = mbedtls_ssl_write(s->ssl, buf, len);
    if (r == MBEDTLS_ERR_SSL_WANT_WRITE || r == MBEDTLS_ERR_SSL_WANT_READ) {
        return 0;
    }
    return r;
}

int tls_mqtt_read(void *ctx, uint8_t *buf, size_t len)
{
    struct tls_socket *s = ctx;
    /* Always ask mbedTLS, not the chip: decrypted bytes may already wait in mbedTLS's own buffer
     * while Sn_RX_RSR is 0 (the stranded-bytes bug of seed 004). */
    int r = mbedtls_ssl_read(s->ssl, buf, len);
    if (r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE) {
        return 0;
    }
    if (r == 0 || r == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
        return -1;
    }
    return r;
}
