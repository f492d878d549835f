/* A minimal DNS client (RFC 1035 A query over UDP on a W5500 socket). */
#ifndef TWINBOARD_DNS_H
#define TWINBOARD_DNS_H

#include <stdint.h>

/* Resolves name to an IPv4 address through server; 0 on success, -1 no answer (timeout),
 * -2 name does not exist (NXDOMAIN), -3 malformed reply. Uses socket sn. */
int dns_resolve(uint8_t sn, const uint8_t server[4], const char *name, uint8_t ip_out[4]);

#endif
