/*
 * W5500 driver with a socket API in the style of WIZnet's ioLibrary (our own code): the same
 * function names' meaning and return codes, so firmware written against ioLibrary reads the same.
 * W5500 datasheet v1.0.9: §2.2 SPI frame, §4 register map, §5 socket commands and states.
 */
#ifndef TWINBOARD_W5500_H
#define TWINBOARD_W5500_H

#include <stddef.h>
#include <stdint.h>

#define W5500_SOCKETS 8

/* Return codes (ioLibrary's values). */
#define SOCK_OK              1
#define SOCK_BUSY            0
#define SOCKERR_SOCKNUM     (-1)
#define SOCKERR_SOCKINIT    (-3)
#define SOCKERR_SOCKCLOSED  (-4)
#define SOCKERR_SOCKMODE    (-5)
#define SOCKERR_SOCKSTATUS  (-7)
#define SOCKERR_IPINVALID   (-12)
#define SOCKERR_TIMEOUT     (-13)
#define SOCKERR_DATALEN     (-14)

/* Sn_MR protocols, Sn_SR states (datasheet §4.2). */
#define Sn_MR_TCP    0x01
#define Sn_MR_UDP    0x02
#define SOCK_CLOSED      0x00
#define SOCK_INIT        0x13
#define SOCK_LISTEN      0x14
#define SOCK_ESTABLISHED 0x17
#define SOCK_CLOSE_WAIT  0x1C
#define SOCK_UDP         0x22

struct w5500_netinfo {
    uint8_t mac[6];
    uint8_t ip[4];
    uint8_t netmask[4];
    uint8_t gateway[4];
};

/* Hardware reset, checks VERSIONR (0x04), programs addresses and per-socket buffer sizes (KB,
 * each direction's total at most 16). Returns 0, or -1 when no W5500 answers. */
int w5500_init(const struct w5500_netinfo *info, const uint8_t rx_kb[W5500_SOCKETS], const uint8_t tx_kb[W5500_SOCKETS]);

/* 1 when PHYCFGR reports link up. */
int w5500_link_up(void);

uint8_t w5500_version(void);

int8_t  w5500_socket(uint8_t sn, uint8_t protocol, uint16_t port);
int8_t  w5500_connect(uint8_t sn, const uint8_t ip[4], uint16_t port);  /* blocking */
int8_t  w5500_disconnect(uint8_t sn);
int8_t  w5500_close(uint8_t sn);
uint8_t w5500_status(uint8_t sn);

/* Non-blocking TCP send: queues up to len bytes; SOCK_BUSY (0) while the previous SEND is not
 * acknowledged or no buffer space is free; a negative error when the socket is gone. */
int32_t w5500_send(uint8_t sn, const uint8_t *buf, uint16_t len);

/* Non-blocking TCP receive: up to len bytes; SOCK_BUSY (0) when nothing has arrived yet;
 * SOCKERR_SOCKCLOSED when the peer closed and nothing is left. */
int32_t w5500_recv(uint8_t sn, uint8_t *buf, uint16_t len);

/* UDP. sendto blocks until SENDOK (or TIMEOUT); recvfrom returns SOCK_BUSY when nothing. */
int32_t w5500_sendto(uint8_t sn, const uint8_t *buf, uint16_t len, const uint8_t ip[4], uint16_t port);
int32_t w5500_recvfrom(uint8_t sn, uint8_t *buf, uint16_t len, uint8_t ip[4], uint16_t *port);

/* Sn_RX_RSR / Sn_TX_FSR, read until two reads agree (the 16-bit counters are not latched). */
uint16_t w5500_rx_available(uint8_t sn);
uint16_t w5500_tx_free(uint8_t sn);

/* Bytes moved through the chip's buffers since init (for the run summary). */
extern uint32_t w5500_bytes_sent, w5500_bytes_received;

#endif
