/*
 * Board support for the esp8266-qemu developer board: the esp8266-w5500 images' CPU side on
 * `qemu-system-xtensa -M sim -cpu lx106 -semihosting`, a reference instruction-set simulator.
 * QEMU's sim machine has the LX106 core's memories (IRAM, DRAM, flash window) but none of the
 * ESP8266 peripherals, so this file replaces board.c only: the console and exit use Xtensa ISS
 * semihosting (SIMCALL SYS_write = 4 / SYS_exit = 1), the RNG is a fixed xorshift sequence and
 * DPORT is left alone (QEMU counts CCOUNT at its own rate). Everything else is shared.
 */
#include <stdint.h>

#include "board.h"
#include "esp8266.h"

extern const uint8_t __provisioning_start[];
extern _Noreturn void esp8266_simcall_exit(int code);

static uint32_t rng_state = 0x2545F491u;

void board_init(void)
{
}

const char *board_name(void)
{
    return "esp8266-qemu";
}

uint32_t board_cycles(void)
{
    uint32_t ccount;
    __asm__ volatile("rsr %0, ccount" : "=a"(ccount));
    return ccount;
}

uint32_t board_cpu_hz(void)
{
    return 160000000u;
}

void board_putc(char c)
{
    register int a2 __asm__("a2") = 4;                      /* SYS_write */
    register int a3 __asm__("a3") = 1;                      /* stdout */
    register const char *a4 __asm__("a4") = &c;
    register int a5 __asm__("a5") = 1;
    __asm__ volatile("simcall" : "+a"(a2), "+a"(a3) : "a"(a4), "a"(a5) : "memory");
}

uint32_t board_random32(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

const uint8_t *board_provisioning(size_t *size)
{
    *size = 16u * 1024u;
    return __provisioning_start;
}

_Noreturn void board_exit(int code)
{
    esp8266_simcall_exit(code);
}
