/*
 * Twinboard's Unicorn block hook for the Cortex-M4 cycle model (docs/native-block-hook.md).
 *
 * Why native: a Java FFM upcall per basic block cost as much as the emulation itself (mbedTLS
 * runs ~4 instructions per block). This hook keeps the common case in C: it looks the block up
 * in a table the Java side fills, appends the block's id to a trace that Java charges in
 * batches, and spends an upper bound of the block's cycles from a budget Java sets so that no
 * block can start past the next deadline unseen. Everything else — a block not in the table,
 * a block flagged slow (divides), an empty budget, a full trace, or the slow flag Java raises
 * (stop requested, interrupt pending) — calls the Java hook, which decides exactly.
 *
 * No Unicorn header is needed: the hook only matches Unicorn's uc_cb_hookcode_t signature.
 * The struct layout is mirrored, field by field, in io.twinboard.emu.cpu.arm.unicorn.BlockTrace.
 */
#include <stdint.h>

typedef void (*java_block_fn)(void *uc, uint64_t address, uint32_t size, void *user);

/* One table slot: a lookup touches one cache line. */
struct tb_block_slot {
    uint64_t key;          /* address << 32 | size; 0 = empty                                    */
    int32_t id;            /* the block's id                                                    */
    int32_t bound;         /* upper bound of the block's cycles; < 0: always Java              */
};

struct tb_block_state {
    int64_t budget;        /*  0: upper-bound cycles the fast path may still start blocks with  */
    int32_t slow;          /*  8: non-zero: every block goes to Java                             */
    int32_t count;         /* 12: trace entries written                                          */
    int32_t capacity;      /* 16: trace entries available                                        */
    int32_t mask;          /* 20: table slots - 1 (a power of two minus one)                     */
    int32_t *trace;        /* 24: block ids in execution order                                   */
    struct tb_block_slot *slots; /* 32: open addressing, linear probing                          */
    java_block_fn java;    /* 40: the Java hook                                                  */
    void *java_user;       /* 48: user data for the Java hook                                    */
    /* A device register read the Java side found repeatable (see twinboard_mmio_read):       */
    int32_t read_window;   /* 56: MMIO window index; -1: nothing cached                          */
    int32_t read_offset;   /* 60: offset in the window                                           */
    int32_t read_size;     /* 64: access size in bytes                                           */
    uint32_t read_value;   /* 68: what the read returns                                          */
};

/* Same as BlockTrace.hash. Not a mixing hash on purpose: blocks that run together lie close
 * together in the code, so their slots share cache lines (the table lookup was the hook's
 * main cost when a hash scattered them). */
static inline uint32_t slot_of(uint32_t address, uint32_t size) {
    return (address >> 1) + size;
}

void twinboard_block_hook(void *uc, uint64_t address, uint32_t size, void *user) {
    struct tb_block_state *s = user;
    if (!s->slow && s->budget > 0 && s->count < s->capacity) {
        uint64_t key = (address << 32) | size;
        for (uint32_t i = slot_of((uint32_t) address, size) & (uint32_t) s->mask; ; i = (i + 1) & (uint32_t) s->mask) {
            const struct tb_block_slot *slot = &s->slots[i];
            uint64_t k = slot->key;
            if (k == key) {
                int32_t bound = slot->bound;
                if (bound < 0) break;
                s->budget -= bound;
                s->trace[s->count++] = slot->id;
                return;
            }
            if (k == 0) break;
        }
    }
    s->java(uc, address, size, s->java_user);
}

/*
 * MMIO reads. A firmware waiting for a device polls a status register (USART_SR for TXE while a
 * character shifts out, SPI_SR while a byte is on the wire) thousands of times, and each read
 * was a Java upcall. When the Java side has seen the same register read twice in a row with the
 * same value, and the device declares such re-reads free of effects, it caches the value here.
 * A cached read is answered in C only while the budget is positive and the slow flag clear: the
 * read then happens before the next deadline, so no device event can have changed the register;
 * any other access goes to Java, which drops the cache. The read costs no cycles beyond its
 * instruction's static cost, so skipping Java changes no count.
 */
typedef uint64_t (*java_mmio_read_fn)(void *uc, uint64_t offset, uint32_t size, void *user);

struct tb_mmio_window {
    struct tb_block_state *state;  /*  0 */
    java_mmio_read_fn java;        /*  8: the Java MMIO read stub                                 */
    void *java_user;               /* 16: its user data (the window index)                        */
    int32_t window;                /* 24 */
};

uint64_t twinboard_mmio_read(void *uc, uint64_t offset, uint32_t size, void *user) {
    struct tb_mmio_window *w = user;
    struct tb_block_state *s = w->state;
    if (s->read_window == w->window && s->read_offset == (int32_t) offset && s->read_size == (int32_t) size
            && !s->slow && s->budget > 0) {
        return s->read_value;
    }
    return w->java(uc, offset, size, w->java_user);
}
