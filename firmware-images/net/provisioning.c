/* Reader of the provisioning block (format in provisioning.h). */
#include <string.h>

#include "board.h"
#include "provisioning.h"

static const uint8_t *block;
static size_t block_size;

static uint16_t u16le(const uint8_t *p) { return (uint16_t) (p[0] | (p[1] << 8)); }

int prov_open(void)
{
    block = board_provisioning(&block_size);
    if (block == NULL || block_size < 8 || memcmp(block, "TBPV", 4) != 0 || u16le(block + 4) != 1) {
        return -1;
    }
    /* Walk once to validate every length before anyone trusts them. */
    size_t off = 8;
    for (uint16_t i = 0; i < u16le(block + 6); i++) {
        if (off + 4 > block_size || off + 4 + u16le(block + off + 2) > block_size) {
            return -1;
        }
        off += 4u + u16le(block + off + 2);
    }
    return 0;
}

struct prov_item prov_get(enum prov_tag tag)
{
    struct prov_item none = { NULL, 0 };
    if (block == NULL) {
        return none;
    }
    size_t off = 8;
    for (uint16_t i = 0; i < u16le(block + 6); i++) {
        uint16_t t = u16le(block + off), len = u16le(block + off + 2);
        if (t == tag) {
            struct prov_item it = { block + off + 4, len };
            return it;
        }
        off += 4u + len;
    }
    return none;
}

const char *prov_string(enum prov_tag tag, const char *fallback)
{
    struct prov_item it = prov_get(tag);
    if (it.data == NULL || it.len == 0 || it.data[it.len - 1] != 0) {
        return fallback;
    }
    return (const char *) it.data;
}

uint32_t prov_u32(enum prov_tag tag, uint32_t fallback)
{
    struct prov_item it = prov_get(tag);
    uint32_t v = 0;
    if (it.data == NULL || it.len == 0 || it.len > 4) {
        return fallback;
    }
    for (int i = it.len - 1; i >= 0; i--) {
        v = (v << 8) | it.data[i];
    }
    return v;
}

int prov_bytes(enum prov_tag tag, uint8_t *out, size_t n)
{
    struct prov_item it = prov_get(tag);
    if (it.data == NULL || it.len != n) {
        return -1;
    }
    memcpy(out, it.data, n);
    return 0;
}
