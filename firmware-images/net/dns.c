/* DNS A-record lookup (RFC 1035 §4.1): one question, recursion desired, 3 tries of 2 s. */
#include <string.h>

#include "board_net.h"
#include "dns.h"
#include "w5500.h"

static int build_query(uint8_t *q, uint16_t id, const char *name)
{
    memset(q, 0, 12);
    q[0] = (uint8_t) (id >> 8);
    q[1] = (uint8_t) id;
    q[2] = 0x01;            /* RD */
    q[5] = 1;               /* QDCOUNT */
    int n = 12;
    const char *p = name;
    while (*p) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t) (dot - p) : strlen(p);
        if (len == 0 || len > 63 || n + (int) len + 6 > 300) {
            return -1;
        }
        q[n++] = (uint8_t) len;
        memcpy(q + n, p, len);
        n += (int) len;
        p += len + (dot ? 1 : 0);
    }
    q[n++] = 0;
    q[n++] = 0; q[n++] = 1;   /* QTYPE A */
    q[n++] = 0; q[n++] = 1;   /* QCLASS IN */
    return n;
}

static int skip_name(const uint8_t *m, int len, int off)
{
    while (off < len) {
        uint8_t l = m[off];
        if ((l & 0xC0) == 0xC0) {
            return off + 2;
        }
        if (l == 0) {
            return off + 1;
        }
        off += l + 1;
    }
    return -1;
}

static int parse_reply(const uint8_t *m, int len, uint16_t id, uint8_t ip[4])
{
    if (len < 12 || ((m[0] << 8) | m[1]) != id || !(m[2] & 0x80)) {
        return -3;
    }
    if ((m[3] & 0x0F) == 3) {
        return -2;
    }
    int an = (m[6] << 8) | m[7];
    int off = skip_name(m, len, 12);
    if (off < 0) {
        return -3;
    }
    off += 4;
    for (int i = 0; i < an && off < len; i++) {
        off = skip_name(m, len, off);
        if (off < 0 || off + 10 > len) {
            return -3;
        }
        int type = (m[off] << 8) | m[off + 1];
        int rdlen = (m[off + 8] << 8) | m[off + 9];
        off += 10;
        if (type == 1 && rdlen == 4 && off + 4 <= len) {
            memcpy(ip, m + off, 4);
            return 0;
        }
        off += rdlen;
    }
    return -3;
}

int dns_resolve(uint8_t sn, const uint8_t server[4], const char *name, uint8_t ip_out[4])
{
    static uint8_t msg[512];
    uint16_t id = (uint16_t) (board_millis() * 7919u + 1u);
    int qlen = build_query(msg, id, name);
    if (qlen < 0) {
        return -3;
    }
    int result = -1;
    if (w5500_socket(sn, Sn_MR_UDP, 3000 + (id & 0x3FF)) < 0) {
        return -1;
    }
    for (int attempt = 0; attempt < 3 && result == -1; attempt++) {
        build_query(msg, id, name);
        if (w5500_sendto(sn, msg, (uint16_t) qlen, server, 53) < 0) {
            break;
        }
        uint64_t deadline = board_millis() + 2000;
        while (board_millis() < deadline) {
            uint8_t from[4];
            uint16_t port;
            int32_t n = w5500_recvfrom(sn, msg, sizeof msg, from, &port);
            if (n > 0) {
                result = parse_reply(msg, (int) n, id, ip_out);
                if (result != -3) {
                    break;
                }
                result = -1;
            }
        }
    }
    w5500_close(sn);
    return result;
}
