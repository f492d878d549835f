/* Crypto-like hot loop for the LX106 interpreter's correctness and speed check (our own code):
 * ChaCha20 block function iterated (add/xor/rotate, loads/stores) and a 16-bit-limb
 * multiply-accumulate (MUL16U, MULL). The checksum lands in `result`; the test computes the same
 * value in Java. Linked with hotloop.ld (code at 0x50000000, data in DRAM). */
typedef unsigned int u32;

volatile u32 result;
u32 rounds_done;

__asm__(
    "  .section .entry, \"ax\"\n"
    "  .global _start\n"
    "_start:\n"
    "  j _crt\n"
    "  .text\n"
    "  .literal_position\n"
    "  .align 4\n"
    "_crt:\n"
    "  movi a1, _stack_top\n"
    "  call0 main\n"
    "  mov a3, a2\n"
    "  movi a2, 1\n"
    "  simcall\n");

#define ROTL(v, n) (((v) << (n)) | ((v) >> (32 - (n))))
#define QR(a, b, c, d) \
    a += b; d ^= a; d = ROTL(d, 16); \
    c += d; b ^= c; b = ROTL(b, 12); \
    a += b; d ^= a; d = ROTL(d, 8);  \
    c += d; b ^= c; b = ROTL(b, 7)

static void chacha_block(u32 out[16], const u32 in[16]) {
    u32 x[16];
    for (int i = 0; i < 16; i++) x[i] = in[i];
    for (int i = 0; i < 10; i++) {
        QR(x[0], x[4], x[8], x[12]); QR(x[1], x[5], x[9], x[13]);
        QR(x[2], x[6], x[10], x[14]); QR(x[3], x[7], x[11], x[15]);
        QR(x[0], x[5], x[10], x[15]); QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]); QR(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++) out[i] = x[i] + in[i];
}

static u32 mac16(const unsigned short *a, const unsigned short *b, int n) {
    u32 acc = 0;
    for (int i = 0; i < n; i++) acc = acc * 31u + (u32) a[i] * b[n - 1 - i];
    return acc;
}

int main(void) {
    static u32 state[16], out[16];
    static unsigned short la[64], lb[64];
    for (int i = 0; i < 16; i++) state[i] = 0x61707865u * (u32) (i + 1);
    u32 sum = 0;
    int blocks = 2000;
    for (int n = 0; n < blocks; n++) {
        state[12] = (u32) n;
        chacha_block(out, state);
        for (int i = 0; i < 16; i++) sum = ROTL(sum, 5) ^ out[i];
        for (int i = 0; i < 64; i++) { la[i] = (unsigned short) (out[i & 15] >> (i & 16)); lb[i] = (unsigned short) (sum + i); }
        sum += mac16(la, lb, 64);
    }
    rounds_done = blocks;
    result = sum;
    return 0;
}
