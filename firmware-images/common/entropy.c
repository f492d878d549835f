/*
 * mbedTLS entropy source (MBEDTLS_ENTROPY_HARDWARE_ALT): the board's hardware RNG is the only
 * source, registered by mbedtls_entropy_init() as a strong one.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "board.h"

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    (void) data;
    size_t done = 0;
    while (done < len) {
        uint32_t word = board_random32();
        size_t n = len - done < sizeof word ? len - done : sizeof word;
        memcpy(output + done, &word, n);
        done += n;
    }
    *olen = len;
    return 0;
}
