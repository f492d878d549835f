/*
 * armrun: a throw-away check harness, not the emulator. Runs a nucleo-f429zi image on bare
 * Unicorn 2 with just enough of the STM32F429 to boot it: ready flags that follow their enable
 * bits (RCC HSE/PLL, SYSCLK switch), USART3 transmitting at once, an RNG from xorshift, DWT
 * CYCCNT approximated as executed Thumb halfwords (not cycles!), and semihosting SYS_EXIT_EXTENDED. The ELF
 * is loaded by physical (load) address, as a flash programmer would, so the reset handler's
 * .data copy is exercised. Exit status = the firmware's exit code; 124 = time limit, 125 =
 * stopped without exiting (fault or error).
 *
 * Build: gcc -O2 -o build/armrun scripts/armrun.c -lunicorn
 * Use:   build/armrun build/nucleo-f429zi/selftest.elf [seconds]
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

static uint32_t rcc_cr = 0x83, rcc_cfgr, rcc_pllcfgr, flash_acr, rng_state = 0x12345678u;
static uint64_t halfwords, instructions;

/* Instructions per translated block, cached by block address (Thumb: a halfword whose top five
 * bits are 0b11101, 0b11110 or 0b11111 starts a 32-bit instruction). */
#define BLOCK_CACHE 65536u
static struct { uint32_t addr, size, count; } block_cache[BLOCK_CACHE];

static uint32_t count_instructions(uc_engine *uc, uint32_t addr, uint32_t size)
{
    uint32_t slot = (addr >> 1) & (BLOCK_CACHE - 1u);
    if (block_cache[slot].addr == addr && block_cache[slot].size == size) {
        return block_cache[slot].count;
    }
    uint16_t code[512];
    uint32_t n = 0, len = size / 2 < 512 ? size / 2 : 512;
    if (uc_mem_read(uc, addr, code, len * 2) != UC_ERR_OK) return len;
    for (uint32_t i = 0; i < len; i++, n++) {
        if ((code[i] >> 11) >= 0x1D) i++;
    }
    block_cache[slot].addr = addr;
    block_cache[slot].size = size;
    block_cache[slot].count = n;
    return n;
}
static int exit_code = -1;

static uint32_t xorshift(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Peripheral space 0x40000000-0x5FFFFFFF. */
static uint64_t periph_read(uc_engine *uc, uint64_t off, unsigned size, void *user)
{
    uint32_t addr = 0x40000000u + (uint32_t) off;
    switch (addr) {
    case 0x40023800: return rcc_cr | ((rcc_cr & (1u << 16)) << 1) | ((rcc_cr & (1u << 24)) << 1);
    case 0x40023804: return rcc_pllcfgr;
    case 0x40023808: return (rcc_cfgr & ~0xCu) | ((rcc_cfgr & 3u) << 2);
    case 0x40023C00: return flash_acr;
    case 0x40004800: return 0xC0;                   /* USART3_SR: TXE | TC */
    case 0x50060804: return 1;                      /* RNG_SR: DRDY */
    case 0x50060808: return xorshift();
    default: return 0;
    }
}

static void periph_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *user)
{
    uint32_t addr = 0x40000000u + (uint32_t) off;
    switch (addr) {
    case 0x40023800: rcc_cr = (uint32_t) value; break;
    case 0x40023804: rcc_pllcfgr = (uint32_t) value; break;
    case 0x40023808: rcc_cfgr = (uint32_t) value; break;
    case 0x40023C00: flash_acr = (uint32_t) value; break;
    case 0x40004804: putchar((int) (value & 0xFF)); break;
    default: break;
    }
}

/* System control space 0xE0000000-0xE00FFFFF: only DWT_CYCCNT matters. */
static uint64_t scs_read(uc_engine *uc, uint64_t off, unsigned size, void *user)
{
    return off == 0x1004 ? (uint32_t) halfwords : 0;
}

static void scs_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *user)
{
}

static void on_block(uc_engine *uc, uint64_t address, uint32_t size, void *user)
{
    halfwords += size / 2;
    instructions += count_instructions(uc, (uint32_t) address, size);
}

static void on_interrupt(uc_engine *uc, uint32_t intno, void *user)
{
    uint32_t r0, r1, pc, block[2];
    uc_reg_read(uc, UC_ARM_REG_R0, &r0);
    uc_reg_read(uc, UC_ARM_REG_R1, &r1);
    uc_reg_read(uc, UC_ARM_REG_PC, &pc);
    if (intno == 7 && r0 == 0x20 && uc_mem_read(uc, r1, block, sizeof block) == UC_ERR_OK
        && block[0] == 0x20026u) {
        exit_code = (int) block[1];
    } else {
        fprintf(stderr, "armrun: exception %u at pc=0x%08x r0=0x%x\n", intno, pc, r0);
    }
    uc_emu_stop(uc);
}

static int load_elf(uc_engine *uc, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return -1; }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *img = malloc((size_t) len);
    if (fread(img, 1, (size_t) len, f) != (size_t) len) { fclose(f); return -1; }
    fclose(f);
    Elf32_Ehdr *eh = (Elf32_Ehdr *) img;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_machine != EM_ARM) {
        fprintf(stderr, "armrun: %s: not an ARM ELF\n", path);
        return -1;
    }
    for (int i = 0; i < eh->e_phnum; i++) {
        Elf32_Phdr *ph = (Elf32_Phdr *) (img + eh->e_phoff + (size_t) i * eh->e_phentsize);
        if (ph->p_type == PT_LOAD && ph->p_filesz > 0
            && uc_mem_write(uc, ph->p_paddr, img + ph->p_offset, ph->p_filesz) != UC_ERR_OK) {
            fprintf(stderr, "armrun: cannot load segment at 0x%08x\n", ph->p_paddr);
            return -1;
        }
    }
    free(img);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: armrun IMAGE.elf [seconds]\n"); return 2; }
    uint64_t seconds = argc > 2 ? strtoull(argv[2], NULL, 10) : 300;
    uc_engine *uc;
    uc_hook h1, h2;
    if (uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &uc) != UC_ERR_OK) return 2;
    uc_ctl_set_cpu_model(uc, UC_CPU_ARM_CORTEX_M4);
    uc_mem_map(uc, 0x08000000, 2 * 1024 * 1024, UC_PROT_ALL);
    uc_mem_map(uc, 0x20000000, 192 * 1024, UC_PROT_ALL);
    uc_mem_map(uc, 0x10000000, 64 * 1024, UC_PROT_ALL);
    uc_mmio_map(uc, 0x40000000, 0x20000000, periph_read, NULL, periph_write, NULL);
    uc_mmio_map(uc, 0xE0000000, 0x100000, scs_read, NULL, scs_write, NULL);
    if (load_elf(uc, argv[1]) != 0) return 2;
    uint32_t sp, pc;
    uc_mem_read(uc, 0x08000000, &sp, 4);
    uc_mem_read(uc, 0x08000004, &pc, 4);
    uc_reg_write(uc, UC_ARM_REG_SP, &sp);
    uc_hook_add(uc, &h1, UC_HOOK_BLOCK, on_block, NULL, 1, 0);
    uc_hook_add(uc, &h2, UC_HOOK_INTR, on_interrupt, NULL, 1, 0);
    uc_err err = uc_emu_start(uc, pc | 1u, 0xFFFFFFFFu, seconds * 1000000u, 0);
    fflush(stdout);
    uc_reg_read(uc, UC_ARM_REG_PC, &pc);
    fprintf(stderr, "armrun: %llu instructions (%llu halfwords) executed, pc=0x%08x, %s\n",
            (unsigned long long) instructions, (unsigned long long) halfwords, pc,
            err ? uc_strerror(err) : "stopped");
    if (exit_code >= 0) return exit_code;
    return err == UC_ERR_OK && exit_code < 0 ? 124 : 125;
}
