/*
 * Host pseudo-board (developer convenience, `make host`): the same apps as a native Linux
 * program, to check the mbedTLS configuration and the app code without an emulator.
 * "Cycles" are nanoseconds of CLOCK_MONOTONIC, so board_cpu_hz() is 1 GHz.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>

#include "board.h"

static uint8_t provisioning[16 * 1024];

__attribute__((constructor)) static void host_start(void)
{
    board_init();
}

void board_init(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (size_t i = 0; i < sizeof provisioning; i++) {
        provisioning[i] = 0xFF;                 /* erased flash */
    }
}

const char *board_name(void)
{
    return "host";
}

uint32_t board_cycles(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint32_t) ((uint64_t) now.tv_sec * 1000000000u + (uint64_t) now.tv_nsec);
}

uint32_t board_cpu_hz(void)
{
    return 1000000000u;
}

void board_putc(char c)
{
    putchar(c);
}

uint32_t board_random32(void)
{
    uint32_t word;
    if (getrandom(&word, sizeof word, 0) != (ssize_t) sizeof word) {
        perror("getrandom");
        exit(2);
    }
    return word;
}

const uint8_t *board_provisioning(size_t *size)
{
    *size = sizeof provisioning;
    return provisioning;
}

void board_stack_paint(void)
{
}

void board_memory_usage(struct board_memory *usage)
{
    usage->stack_used = usage->stack_size = 0;
    usage->heap_used = usage->heap_size = 0;
}

_Noreturn void board_exit(int code)
{
    exit(code);
}
