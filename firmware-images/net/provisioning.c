/*
 * Reader of the provisioning block (format in provisioning.h). The block lives in flash; on the
 * ESP8266 flash is mapped on the instruction bus, where only aligned 32-bit loads work (a byte load
 * raises LoadStoreErrorCause), so the used part is first copied to RAM with word reads.
 */
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "provisioning.h"

static const uint8_t *block;      /* RAM copy */
static size_t block_size;

static uint16_t u16le(const uint8_t *p) { return (uint16_t) (p[0] | (p[1] << 8)); }

/* Byte at offset off of the flash block, read with an aligned 32-bit load. */
static uint8_t flash_byte(const uint8_t *flash, size_t off)
{
    const volatile uint32_t *w = (const volatile uint32_t *) (const void *) (flash + (off & ~(size_t) 3));
    return (uint8_t) (*w >> (8 * (off & 3)));
}

static uint16_t flash_u16(const uint8_t *flash, size_t off)
{
    return (uint16_t) (flash_byte(flash, off) | (flash_byte(flash, off + 1) << 8));
}

int prov_open(void)
{
    size_t area;
    const uint8_t *flash = board_provisioning(&area);
    if (flash == NULL || area < 8 || flash_byte(flash, 0) != 'T' || flash_byte(flash, 1) != 'B'
        || flash_byte(flash, 2) != 'P' || flash_byte(flash, 3) != 'V' || flash_u16(flash, 4) != 1) {
        return -1;
    }
    size_t used = 8;
    for (uint16_t i = 0; i < flash_u16(flash, 6); i++) {
        if (used + 4 > area || used + 4 + flash_u16(flash, used + 2) > area) {
            return -1;
        }
        used += 4u + flash_u16(flash, used + 2);
    }
    uint8_t *copy = malloc(used);
    if (copy == NULL) {
        return -1;
    }
    for (size_t off = 0; off < used; off++) {
        copy[off] = flash_byte(flash, off);
    }
    block = copy;
    block_size = used;
    if (u16le(block + 4) != 1) {
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
