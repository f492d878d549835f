/*
 * ESP8266EX register definitions used by this board support package. Espressif publishes no
 * full register manual; addresses follow the ESP8266 Technical Reference (v1.7, ch. 11 UART,
 * appendix of register lists) and the register headers of Espressif's open NONOS SDK. Only
 * what we use is defined.
 */
#ifndef TWINBOARD_ESP8266_H
#define TWINBOARD_ESP8266_H

#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *) (uintptr_t) (addr))

/* Code placed in IRAM (0x40100000) instead of flash-mapped memory. */
#define IRAM_ATTR __attribute__((section(".iram.text")))

/* ---- DPORT, base 0x3FF00000 -------------------------------------------------------------- */
/* Bit 0 of 0x3FF00014 (CPU2X) doubles the CPU clock: 80 MHz -> 160 MHz. The APB/peripheral
 * clock stays at 80 MHz. (The SDK's system_update_cpu_freq() sets this bit.) */
#define DPORT_CPU_CLOCK     REG32(0x3FF00014u)
#define DPORT_CPU2X         (1u << 0)

/* ---- Hardware random number generator ---------------------------------------------------- */
#define WDEV_RAND           REG32(0x3FF20E44u)

/* ---- UART0, base 0x60000000 -------------------------------------------------------------- */
#define UART0_BASE          0x60000000u
#define UART_FIFO(base)     REG32((base) + 0x00)
#define UART_INT_ENA(base)  REG32((base) + 0x0C)
#define UART_INT_CLR(base)  REG32((base) + 0x10)
#define UART_CLKDIV(base)   REG32((base) + 0x14)
#define UART_STATUS(base)   REG32((base) + 0x1C)
#define UART_CONF0(base)    REG32((base) + 0x20)
#define UART_CONF1(base)    REG32((base) + 0x24)

#define UART_STATUS_TXFIFO_CNT_Pos 16
#define UART_STATUS_TXFIFO_CNT_Msk (0xFFu << 16)
#define UART_TXFIFO_SIZE    128u
#define UART_CONF0_BIT_NUM_8  (3u << 2)
#define UART_CONF0_STOP_BIT_1 (1u << 4)
#define UART_CLOCK_HZ       80000000u   /* APB clock, independent of CPU2X */

#endif /* TWINBOARD_ESP8266_H */
