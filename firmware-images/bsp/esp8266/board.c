/*
 * Board support for the ESP8266 + W5500 module: CPU at 160 MHz, UART0 console, CCOUNT cycles,
 * hardware RNG, Xtensa ISS semihosting exit. Register level; no ROM function is called.
 */
#include <stdint.h>

#include "board.h"
#include "esp8266.h"

#define CPU_HZ        160000000u
#define CONSOLE_BAUD  115200u
#define PROVISIONING_SIZE (16u * 1024u)

extern const uint8_t __provisioning_start[];
extern _Noreturn void esp8266_simcall_exit(int code);

void board_init(void)
{
    DPORT_CPU_CLOCK |= DPORT_CPU2X;             /* 80 -> 160 MHz */

    UART_INT_ENA(UART0_BASE) = 0;
    UART_INT_CLR(UART0_BASE) = 0xFFFFu;
    UART_CLKDIV(UART0_BASE) = (UART_CLOCK_HZ + CONSOLE_BAUD / 2u) / CONSOLE_BAUD;
    UART_CONF0(UART0_BASE) = UART_CONF0_BIT_NUM_8 | UART_CONF0_STOP_BIT_1;   /* 8N1 */
}

const char *board_name(void)
{
    return "esp8266-w5500";
}

uint32_t board_cycles(void)
{
    uint32_t ccount;
    __asm__ volatile("rsr %0, ccount" : "=a"(ccount));
    return ccount;
}

uint32_t board_cpu_hz(void)
{
    return CPU_HZ;
}

/* Waits while the 128-byte TX FIFO holds 126 bytes or more, then queues one byte. */
IRAM_ATTR void board_putc(char c)
{
    while (((UART_STATUS(UART0_BASE) & UART_STATUS_TXFIFO_CNT_Msk) >> UART_STATUS_TXFIFO_CNT_Pos)
           >= UART_TXFIFO_SIZE - 2u) {
    }
    UART_FIFO(UART0_BASE) = (uint8_t) c;
}

uint32_t board_random32(void)
{
    return WDEV_RAND;
}

const uint8_t *board_provisioning(size_t *size)
{
    *size = PROVISIONING_SIZE;
    return __provisioning_start;
}

_Noreturn void board_exit(int code)
{
    esp8266_simcall_exit(code);
}
