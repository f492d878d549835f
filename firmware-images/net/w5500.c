/*
 * W5500 driver (our own code). Register addresses and semantics: W5500 datasheet v1.0.9 §4.
 * Every access is a variable-length (VDM) frame: address, control byte, data (§2.2.2).
 */
#include <string.h>

#include "board_net.h"
#include "w5500.h"

/* Common registers (BSB 0). */
#define MR        0x0000
#define GAR       0x0001
#define SUBR      0x0005
#define SHAR      0x0009
#define SIPR      0x000F
#define PHYCFGR   0x002E
#define VERSIONR  0x0039
/* Socket registers (BSB 1 + 4n). */
#define Sn_MR       0x0000
#define Sn_CR       0x0001
#define Sn_IR       0x0002
#define Sn_SR       0x0003
#define Sn_PORT     0x0004
#define Sn_DIPR     0x000C
#define Sn_DPORT    0x0010
#define Sn_RXBUF_SIZE 0x001E
#define Sn_TXBUF_SIZE 0x001F
#define Sn_TX_FSR   0x0020
#define Sn_TX_WR    0x0024
#define Sn_RX_RSR   0x0026
#define Sn_RX_RD    0x0028

#define CR_OPEN     0x01
#define CR_CONNECT  0x04
#define CR_DISCON   0x08
#define CR_CLOSE    0x10
#define CR_SEND     0x20
#define CR_RECV     0x40

#define IR_SENDOK   0x10
#define IR_TIMEOUT  0x08
#define IR_CON      0x01

#define BSB_COMMON   0x00
#define BSB_REG(n)   ((uint8_t) (((n) << 2) + 1))
#define BSB_TX(n)    ((uint8_t) (((n) << 2) + 2))
#define BSB_RX(n)    ((uint8_t) (((n) << 2) + 3))

uint32_t w5500_bytes_sent, w5500_bytes_received;
static uint8_t send_pending[W5500_SOCKETS];

static void frame(uint16_t addr, uint8_t bsb, int write, uint8_t *buf, size_t len)
{
    board_w5500_select(1);
    board_spi_xfer((uint8_t) (addr >> 8));
    board_spi_xfer((uint8_t) addr);
    board_spi_xfer((uint8_t) ((bsb << 3) | (write ? 0x04 : 0x00)));   /* OM = 00: VDM */
    for (size_t i = 0; i < len; i++) {
        uint8_t in = board_spi_xfer(write ? buf[i] : 0x00);
        if (!write) {
            buf[i] = in;
        }
    }
    board_w5500_select(0);
}

static uint8_t rd8(uint16_t a, uint8_t bsb) { uint8_t v; frame(a, bsb, 0, &v, 1); return v; }
static void wr8(uint16_t a, uint8_t bsb, uint8_t v) { frame(a, bsb, 1, &v, 1); }

static uint16_t rd16(uint16_t a, uint8_t bsb)
{
    uint8_t b[2];
    frame(a, bsb, 0, b, 2);
    return (uint16_t) ((b[0] << 8) | b[1]);
}

static void wr16(uint16_t a, uint8_t bsb, uint16_t v)
{
    uint8_t b[2] = { (uint8_t) (v >> 8), (uint8_t) v };
    frame(a, bsb, 1, b, 2);
}

/* The 16-bit counters change under our feet: read until two reads agree (ioLibrary does too). */
static uint16_t rd16_stable(uint16_t a, uint8_t bsb)
{
    uint16_t v1, v2 = rd16(a, bsb);
    do {
        v1 = v2;
        v2 = rd16(a, bsb);
    } while (v1 != v2);
    return v1;
}

static void command(uint8_t sn, uint8_t cr)
{
    wr8(Sn_CR, BSB_REG(sn), cr);
    while (rd8(Sn_CR, BSB_REG(sn)) != 0) {     /* Sn_CR clears once the command is accepted */
    }
}

uint8_t w5500_version(void) { return rd8(VERSIONR, BSB_COMMON); }
int w5500_link_up(void) { return rd8(PHYCFGR, BSB_COMMON) & 0x01; }
uint8_t w5500_status(uint8_t sn) { return rd8(Sn_SR, BSB_REG(sn)); }
uint16_t w5500_rx_available(uint8_t sn) { return rd16_stable(Sn_RX_RSR, BSB_REG(sn)); }
uint16_t w5500_tx_free(uint8_t sn) { return rd16_stable(Sn_TX_FSR, BSB_REG(sn)); }

int w5500_init(const struct w5500_netinfo *info, const uint8_t rx_kb[W5500_SOCKETS], const uint8_t tx_kb[W5500_SOCKETS])
{
    board_w5500_reset(1);
    board_delay_ms(1);           /* RSTn low for at least 500 us (datasheet §5.5.1) */
    board_w5500_reset(0);
    board_delay_ms(2);           /* PLL lock, 1 ms max */
    if (w5500_version() != 0x04) {
        return -1;
    }
    wr8(MR, BSB_COMMON, 0x80);   /* software reset, self-clearing */
    while (rd8(MR, BSB_COMMON) & 0x80) {
    }
    frame(SHAR, BSB_COMMON, 1, (uint8_t *) info->mac, 6);
    frame(GAR, BSB_COMMON, 1, (uint8_t *) info->gateway, 4);
    frame(SUBR, BSB_COMMON, 1, (uint8_t *) info->netmask, 4);
    frame(SIPR, BSB_COMMON, 1, (uint8_t *) info->ip, 4);
    for (uint8_t sn = 0; sn < W5500_SOCKETS; sn++) {
        wr8(Sn_RXBUF_SIZE, BSB_REG(sn), rx_kb[sn]);
        wr8(Sn_TXBUF_SIZE, BSB_REG(sn), tx_kb[sn]);
        send_pending[sn] = 0;
    }
    w5500_bytes_sent = w5500_bytes_received = 0;
    return 0;
}

int8_t w5500_close(uint8_t sn)
{
    if (sn >= W5500_SOCKETS) {
        return SOCKERR_SOCKNUM;
    }
    command(sn, CR_CLOSE);
    wr8(Sn_IR, BSB_REG(sn), 0xFF);
    send_pending[sn] = 0;
    while (w5500_status(sn) != SOCK_CLOSED) {
    }
    return SOCK_OK;
}

int8_t w5500_socket(uint8_t sn, uint8_t protocol, uint16_t port)
{
    if (sn >= W5500_SOCKETS) {
        return SOCKERR_SOCKNUM;
    }
    if (protocol != Sn_MR_TCP && protocol != Sn_MR_UDP) {
        return SOCKERR_SOCKMODE;
    }
    w5500_close(sn);
    wr8(Sn_MR, BSB_REG(sn), protocol);
    wr16(Sn_PORT, BSB_REG(sn), port);
    command(sn, CR_OPEN);
    uint8_t want = protocol == Sn_MR_TCP ? SOCK_INIT : SOCK_UDP;
    while (w5500_status(sn) != want) {
    }
    return (int8_t) sn;
}

int8_t w5500_connect(uint8_t sn, const uint8_t ip[4], uint16_t port)
{
    if (w5500_status(sn) != SOCK_INIT) {
        return SOCKERR_SOCKINIT;
    }
    if ((ip[0] | ip[1] | ip[2] | ip[3]) == 0 || (ip[0] & ip[1] & ip[2] & ip[3]) == 0xFF) {
        return SOCKERR_IPINVALID;
    }
    frame(Sn_DIPR, BSB_REG(sn), 1, (uint8_t *) ip, 4);
    wr16(Sn_DPORT, BSB_REG(sn), port);
    command(sn, CR_CONNECT);
    for (;;) {
        /* TIMEOUT first: the chip raises it no later than it closes the socket. */
        uint8_t ir = rd8(Sn_IR, BSB_REG(sn));
        if (ir & IR_TIMEOUT) {
            wr8(Sn_IR, BSB_REG(sn), IR_TIMEOUT);
            return SOCKERR_TIMEOUT;
        }
        uint8_t sr = w5500_status(sn);
        if (sr == SOCK_ESTABLISHED) {
            wr8(Sn_IR, BSB_REG(sn), IR_CON);
            return SOCK_OK;
        }
        if (sr == SOCK_CLOSED) {
            return SOCKERR_SOCKCLOSED;
        }
    }
}

int8_t w5500_disconnect(uint8_t sn)
{
    command(sn, CR_DISCON);
    uint64_t deadline = board_millis() + 2000;
    while (w5500_status(sn) != SOCK_CLOSED && board_millis() < deadline) {
        if (rd8(Sn_IR, BSB_REG(sn)) & IR_TIMEOUT) {
            break;
        }
    }
    return w5500_close(sn);
}

/* Finishes the previous SEND: 1 done, 0 still in flight, negative on timeout. */
static int send_finished(uint8_t sn)
{
    if (!send_pending[sn]) {
        return 1;
    }
    uint8_t ir = rd8(Sn_IR, BSB_REG(sn));
    if (ir & IR_SENDOK) {
        wr8(Sn_IR, BSB_REG(sn), IR_SENDOK);
        send_pending[sn] = 0;
        return 1;
    }
    if (ir & IR_TIMEOUT) {
        w5500_close(sn);
        return SOCKERR_TIMEOUT;
    }
    return 0;
}

static void write_tx(uint8_t sn, const uint8_t *buf, uint16_t len)
{
    uint16_t wr = rd16(Sn_TX_WR, BSB_REG(sn));
    /* The chip maps the free-running pointer into the socket's buffer and wraps inside it. */
    frame(wr, BSB_TX(sn), 1, (uint8_t *) buf, len);
    wr16(Sn_TX_WR, BSB_REG(sn), (uint16_t) (wr + len));
    command(sn, CR_SEND);
    send_pending[sn] = 1;
    w5500_bytes_sent += len;
}

int32_t w5500_send(uint8_t sn, const uint8_t *buf, uint16_t len)
{
    uint8_t sr = w5500_status(sn);
    if (sr != SOCK_ESTABLISHED && sr != SOCK_CLOSE_WAIT) {
        return SOCKERR_SOCKSTATUS;
    }
    int done = send_finished(sn);
    if (done <= 0) {
        return done;
    }
    uint16_t free = w5500_tx_free(sn);
    if (free == 0) {
        return SOCK_BUSY;
    }
    if (len > free) {
        len = free;
    }
    write_tx(sn, buf, len);
    return len;
}

static uint16_t read_rx(uint8_t sn, uint8_t *buf, uint16_t len)
{
    uint16_t rd = rd16(Sn_RX_RD, BSB_REG(sn));
    frame(rd, BSB_RX(sn), 0, buf, len);
    wr16(Sn_RX_RD, BSB_REG(sn), (uint16_t) (rd + len));
    command(sn, CR_RECV);
    return len;
}

int32_t w5500_recv(uint8_t sn, uint8_t *buf, uint16_t len)
{
    uint16_t avail = w5500_rx_available(sn);
    if (avail == 0) {
        uint8_t sr = w5500_status(sn);
        if (sr == SOCK_ESTABLISHED) {
            return SOCK_BUSY;
        }
        /* Peer closed (CLOSE_WAIT) or connection gone; re-check for data that raced in. */
        if (w5500_rx_available(sn) == 0) {
            return SOCKERR_SOCKCLOSED;
        }
        avail = w5500_rx_available(sn);
    }
    if (len > avail) {
        len = avail;
    }
    read_rx(sn, buf, len);
    w5500_bytes_received += len;
    return len;
}

int32_t w5500_sendto(uint8_t sn, const uint8_t *buf, uint16_t len, const uint8_t ip[4], uint16_t port)
{
    if (w5500_status(sn) != SOCK_UDP) {
        return SOCKERR_SOCKSTATUS;
    }
    if (len > w5500_tx_free(sn)) {
        return SOCKERR_DATALEN;
    }
    frame(Sn_DIPR, BSB_REG(sn), 1, (uint8_t *) ip, 4);
    wr16(Sn_DPORT, BSB_REG(sn), port);
    write_tx(sn, buf, len);
    for (;;) {
        int r = send_finished(sn);
        if (r != 0) {
            return r < 0 ? r : len;
        }
    }
}

int32_t w5500_recvfrom(uint8_t sn, uint8_t *buf, uint16_t len, uint8_t ip[4], uint16_t *port)
{
    if (w5500_rx_available(sn) < 8) {
        return SOCK_BUSY;
    }
    /* Each datagram is preceded by an 8-byte header: peer IP, port, length (§5.2.2 UDP). */
    uint8_t head[8];
    uint16_t rd = rd16(Sn_RX_RD, BSB_REG(sn));
    frame(rd, BSB_RX(sn), 0, head, 8);
    memcpy(ip, head, 4);
    *port = (uint16_t) ((head[4] << 8) | head[5]);
    uint16_t dlen = (uint16_t) ((head[6] << 8) | head[7]);
    uint16_t take = dlen < len ? dlen : len;
    frame((uint16_t) (rd + 8), BSB_RX(sn), 0, buf, take);
    wr16(Sn_RX_RD, BSB_REG(sn), (uint16_t) (rd + 8 + dlen));   /* drop what did not fit */
    command(sn, CR_RECV);
    w5500_bytes_received += dlen;
    return take;
}
