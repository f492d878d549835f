/*
 * The whole board API the applications see. Each board support package (bsp/<chip>/) implements
 * it; the apps stay board-agnostic.
 *
 * board_init() is called by the board's startup code before main() (after .data/.bss set-up),
 * so main() can print and measure at once. The host pseudo-board calls it from a constructor.
 */
#ifndef TWINBOARD_BOARD_H
#define TWINBOARD_BOARD_H

#include <stddef.h>
#include <stdint.h>

/* Clocks to their final frequency, console, cycle counter, RNG. Called once before main(). */
void board_init(void);

/* Short board name as used in build/<board>/, e.g. "nucleo-f429zi". */
const char *board_name(void);

/* Free-running CPU cycle counter (DWT_CYCCNT, CCOUNT); wraps at 2^32, so intervals measured
 * with it must stay below 2^32 cycles (about 25 s at 168 MHz, 26 s at 160 MHz). */
uint32_t board_cycles(void);

/* Frequency in Hz at which board_cycles() counts once board_init() has run. */
uint32_t board_cpu_hz(void);

/* Writes one byte to the console, waiting while the transmitter is full. No newline
 * translation: lines end with '\n' only. */
void board_putc(char c);

/* 32 bits from the hardware random number generator (blocks until one is ready). */
uint32_t board_random32(void);

/* The provisioning block reserved in flash for later apps (see README.md); its size in bytes
 * is stored in *size. Contents are written by the workbench before boot (erased flash: 0xFF). */
const uint8_t *board_provisioning(size_t *size);

/* Stack and heap high-water marks in bytes (0 where a board cannot tell, e.g. host). */
struct board_memory {
    size_t stack_used, stack_size;
    size_t heap_used, heap_size;
};
void board_memory_usage(struct board_memory *usage);

/* Fills the unused stack with a pattern; called by the startup code before board_init(). */
void board_stack_paint(void);

/* Ends the run with the given exit code (semihosting exit on the emulated boards). */
_Noreturn void board_exit(int code);

#endif /* TWINBOARD_BOARD_H */
