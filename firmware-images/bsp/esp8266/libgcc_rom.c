/*
 * Integer helpers that GCC calls on the LX106 (no divider, 32x32 multiply low half only) and
 * that Debian's libgcc for xtensa-lx106 leaves out, because Espressif's SDK links the copies in
 * the ESP8266 mask ROM instead. Our images use no ROM, so these are our own implementations:
 * shift-and-subtract division (starting at the quotient's top bit, found with NSAU) and a
 * 64-bit multiply from 16x16 partial products. They live in flash-mapped memory with the rest
 * of the code: picolibc's libc.a calls them with CALL0 (built without -mlongcalls), whose
 * +-512 KB range does not reach IRAM from flash.
 *
 * Nothing here may use a 64x64 multiply or any division operator: that would call itself.
 */
#include <stdint.h>

uint32_t __udivsi3(uint32_t n, uint32_t d);
uint32_t __umodsi3(uint32_t n, uint32_t d);
int32_t __divsi3(int32_t n, int32_t d);
uint64_t __muldi3(uint64_t a, uint64_t b);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);

/* Division by zero is undefined behaviour in C; like the hardware-less ROM code we return an
 * all-ones quotient and the dividend as remainder instead of trapping. */
static uint32_t udivmod32(uint32_t n, uint32_t d, uint32_t *rem)
{
    if (d == 0 || n < d) {
        *rem = n;
        return d == 0 ? UINT32_MAX : 0;
    }
    int shift = __builtin_clz(d) - __builtin_clz(n);
    uint32_t q = 0;
    d <<= shift;
    for (int i = 0; i <= shift; i++) {
        q <<= 1;
        if (n >= d) {
            n -= d;
            q |= 1u;
        }
        d >>= 1;
    }
    *rem = n;
    return q;
}

static uint64_t udivmod64(uint64_t n, uint64_t d, uint64_t *rem)
{
    if ((n >> 32) == 0 && (d >> 32) == 0) {
        uint32_t r32;
        uint32_t q32 = udivmod32((uint32_t) n, (uint32_t) d, &r32);
        *rem = r32;
        return d == 0 ? UINT64_MAX : q32;
    }
    if (d == 0 || n < d) {
        *rem = n;
        return d == 0 ? UINT64_MAX : 0;
    }
    int shift = __builtin_clzll(d) - __builtin_clzll(n);
    uint64_t q = 0;
    d <<= shift;
    for (int i = 0; i <= shift; i++) {
        q <<= 1;
        if (n >= d) {
            n -= d;
            q |= 1u;
        }
        d >>= 1;
    }
    *rem = n;
    return q;
}

uint32_t __udivsi3(uint32_t n, uint32_t d)
{
    uint32_t r;
    return udivmod32(n, d, &r);
}

uint32_t __umodsi3(uint32_t n, uint32_t d)
{
    uint32_t r;
    udivmod32(n, d, &r);
    return r;
}

/* Quotient truncated toward zero, as C requires. */
int32_t __divsi3(int32_t n, int32_t d)
{
    uint32_t un = n < 0 ? 0u - (uint32_t) n : (uint32_t) n;
    uint32_t ud = d < 0 ? 0u - (uint32_t) d : (uint32_t) d;
    uint32_t r;
    uint32_t q = udivmod32(un, ud, &r);
    return (int32_t) ((n < 0) != (d < 0) ? 0u - q : q);
}

/* Low 64 bits of a*b: (ah*2^32 + al)(bh*2^32 + bl) = al*bl + 2^32*(al*bh + ah*bl) mod 2^64;
 * al*bl needs all 64 bits, built from four 16x16 -> 32 products (MULL gives only the low
 * word of a 32x32 product). */
uint64_t __muldi3(uint64_t a, uint64_t b)
{
    uint32_t al = (uint32_t) a, ah = (uint32_t) (a >> 32);
    uint32_t bl = (uint32_t) b, bh = (uint32_t) (b >> 32);
    uint32_t a0 = al & 0xFFFFu, a1 = al >> 16;
    uint32_t b0 = bl & 0xFFFFu, b1 = bl >> 16;
    uint32_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint32_t mid = (p00 >> 16) + (p01 & 0xFFFFu) + (p10 & 0xFFFFu);
    uint32_t lo = (mid << 16) | (p00 & 0xFFFFu);
    uint32_t hi = p11 + (p01 >> 16) + (p10 >> 16) + (mid >> 16) + al * bh + ah * bl;
    return ((uint64_t) hi << 32) | lo;
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
    uint64_t r;
    return udivmod64(n, d, &r);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
    uint64_t r;
    udivmod64(n, d, &r);
    return r;
}

int64_t __divdi3(int64_t n, int64_t d)
{
    uint64_t un = n < 0 ? 0u - (uint64_t) n : (uint64_t) n;
    uint64_t ud = d < 0 ? 0u - (uint64_t) d : (uint64_t) d;
    uint64_t r;
    uint64_t q = udivmod64(un, ud, &r);
    return (int64_t) ((n < 0) != (d < 0) ? 0u - q : q);
}
