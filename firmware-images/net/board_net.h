/*
 * What the network stack needs from a board: the SPI bus the W5500 sits on, its chip-select,
 * reset and interrupt pins, and a millisecond clock. Implemented per board in bsp/<chip>/net.c.
 */
#ifndef TWINBOARD_BOARD_NET_H
#define TWINBOARD_BOARD_NET_H

#include <stdint.h>

/* Clocks, pins and SPI controller for the W5500 (mode 0, MSB first). */
void board_net_init(void);

/* One full-duplex SPI byte. */
uint8_t board_spi_xfer(uint8_t out);

/* Chip select (SCSn): 1 selects the W5500 (drives the pin low). */
void board_w5500_select(int selected);

/* Reset (RSTn): 1 holds the W5500 in reset (drives the pin low). */
void board_w5500_reset(int asserted);

/* 1 while INTn is asserted (pin low). */
int board_w5500_irq(void);

/* Milliseconds since board_init(), from the cycle counter (call at least every 20 s). */
uint64_t board_millis(void);

/* Busy-waits ms milliseconds. */
void board_delay_ms(uint32_t ms);

/* Sleeps about us microseconds (at most ~99 ms) in the core's low-power wait (Cortex-M WFI on a
 * SysTick wrap, LX106 WAITI on CCOMPARE0) instead of polling; the cycle counter, hence
 * board_millis(), keeps counting. No interrupt handler of the app runs. Per board in net.c. */
void board_sleep_us(uint32_t us);

#endif
