/*
 * Fixes for Unicorn 2.0.1 (Debian bookworm's libunicorn2) that live in our hook library, which
 * the Java side dlopens RTLD_GLOBAL before libunicorn (BlockTrace.loadNativeLibrary): libunicorn
 * resolves these exported names to our definitions instead of its own
 * (docs/native-block-hook.md, "Unicorn 2.0.1's slow paths").
 *
 * memory_mapping is reimplemented with knowledge of libunicorn's struct layout. That knowledge
 * is only used when the original function's machine code is byte for byte the one we read the
 * layout from (an FNV-1a hash of its code, checked in bind_unicorn); with any other build of
 * libunicorn the replacement just calls the original.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

/* ---- 1. page_collection: every store to RAM built and freed a GLib tree -------------------
 * In 2.0.1 every guest store to RAM takes the "not dirty" slow path, and that path builds and
 * frees a page_collection (a GLib tree, several mallocs) whose page locks Unicorn never uses.
 * Upstream now returns NULL here and ignores the collection (unicorn-engine/unicorn#1838); the
 * collection is only read under TARGET_HAS_PRECISE_SMC, which ARM does not define.
 * twinboard_page_collection_calls lets a test prove the interposition is active. */
uint64_t twinboard_page_collection_calls;

void *page_collection_lock_arm(void *uc, uint64_t start, uint64_t end) {
    (void) uc; (void) start; (void) end;
    twinboard_page_collection_calls++;
    return 0;
}

void page_collection_unlock_arm(void *set) {
    (void) set;
}

/* ---- libunicorn's originals and the layout check -------------------------------------------- */
typedef void *(*memory_mapping_fn)(void *uc, uint64_t address);

static memory_mapping_fn real_memory_mapping;
static int mapping_fast;
static pthread_once_t bound_once = PTHREAD_ONCE_INIT;

/* memory_mapping as built in libunicorn2 2.0.1.post1-1+b1 (amd64): code length and FNV-1a. */
#define MEMORY_MAPPING_CODE_BYTES 298
#define MEMORY_MAPPING_CODE_HASH 0xab5526121641734cULL

/* Offsets read from that code (uc_priv.h's struct uc_struct, QEMU's MemoryRegion). */
#define UC_MEM_REDIRECT 0x118      /* uint64_t (*mem_redirect)(uint64_t)                    */
#define UC_MAPPED_BLOCKS 0x748     /* MemoryRegion **mapped_blocks, sorted by address       */
#define UC_MAPPED_COUNT 0x750      /* uint32_t mapped_block_count                           */
#define UC_MAPPED_CACHE 0x754      /* uint32_t mapped_block_cache_index                     */
#define MR_ADDR 0x40               /* MemoryRegion.addr: first address                      */
#define MR_END 0x90                /* MemoryRegion.end: one past the last address           */

static uint64_t code_hash(const void *code, int length) {
    const uint8_t *p = code;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < length; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static void bind_unicorn(void) {
    void *lib = dlopen("libunicorn.so.2", RTLD_NOW | RTLD_NOLOAD);
    if (!lib) return;
    memory_mapping_fn mm = (memory_mapping_fn) dlsym(lib, "memory_mapping");
    real_memory_mapping = mm;
    if (getenv("TWINBOARD_UNICORN_OWN_CODE")) return;   /* for comparisons: libunicorn's own code */
    if (mm) mapping_fast = code_hash((const void *) mm, MEMORY_MAPPING_CODE_BYTES) == MEMORY_MAPPING_CODE_HASH;
}

static void require_bound(void) {
    pthread_once(&bound_once, bind_unicorn);
    if (!real_memory_mapping) {
        fprintf(stderr, "twinboard: cannot find libunicorn.so.2's own memory_mapping\n");
        abort();
    }
}

/** Binds to libunicorn (call after it is loaded). Bit 0: our memory_mapping's fast path is on. */
int twinboard_unicorn_fixes(void) {
    require_bound();
    return mapping_fast ? 1 : 0;
}

/* ---- 2. memory_mapping: a binary search on every store ----------------------------------------
 * The store slow path (every store to RAM, see 1.) looks up the guest address's region. 2.0.x
 * tries the cached index first but, unlike 1.x, never updates it after its binary search, so
 * with the cache pointing elsewhere every store searched all regions (8% of the machine thread
 * on crypto-bench). Same lookup here, and a hit becomes the cached index, as in 1.x. */
void *memory_mapping(void *uc, uint64_t address) {
    if (__builtin_expect(!mapping_fast, 0)) {
        require_bound();
        if (!mapping_fast) return real_memory_mapping(uc, address);
    }
    char *u = uc;
    uint32_t count = *(uint32_t *) (u + UC_MAPPED_COUNT);
    if (count == 0) return 0;
    if (*(void **) (u + UC_MEM_REDIRECT)) return real_memory_mapping(uc, address);
    char **blocks = *(char ***) (u + UC_MAPPED_BLOCKS);
    uint32_t i = *(uint32_t *) (u + UC_MAPPED_CACHE);
    if (i < count) {
        char *mr = blocks[i];
        if (address >= *(uint64_t *) (mr + MR_ADDR) && address < *(uint64_t *) (mr + MR_END)) return mr;
    }
    uint32_t left = 0, right = count;
    while (left < right) {
        uint32_t mid = left + (right - left) / 2;
        char *mr = blocks[mid];
        if (*(uint64_t *) (mr + MR_END) - 1 < address) {
            left = mid + 1;
        } else if (*(uint64_t *) (mr + MR_ADDR) > address) {
            right = mid;
        } else {
            *(uint32_t *) (u + UC_MAPPED_CACHE) = mid;
            return mr;
        }
    }
    return 0;
}

/** libunicorn's own memory_mapping, for the differential test. */
void *twinboard_unicorn_memory_mapping(void *uc, uint64_t address) {
    require_bound();
    return real_memory_mapping(uc, address);
}
