/*
 * W5500 wiring of the NodeMCU + W5500 module: HSPI SCK GPIO14 / MISO GPIO12 / MOSI GPIO13 (IO_MUX
 * function 2), chip select GPIO15 driven as a GPIO, RSTn GPIO4, INTn GPIO5.
 * Registers: ESP8266 Technical Reference §7 (SPI) and the SDK's spi_register.h / eagle_soc.h
 * names. One byte per HSPI user transaction, full duplex (SPI_DOUTDIN), MSB first.
 */
#include <stdint.h>

#include "board.h"
#include "board_net.h"

#define REG(a) (*(volatile uint32_t *) (uintptr_t) (a))

#define HSPI            0x60000100u
#define SPI_CMD         REG(HSPI + 0x00)
#define SPI_CTRL        REG(HSPI + 0x08)
#define SPI_CLOCK       REG(HSPI + 0x18)
#define SPI_USER        REG(HSPI + 0x1C)
#define SPI_USER1       REG(HSPI + 0x20)
#define SPI_USER2       REG(HSPI + 0x24)
#define SPI_PIN         REG(HSPI + 0x2C)
#define SPI_W0          REG(HSPI + 0x40)
#define SPI_USR         (1u << 18)
#define SPI_USR_MOSI    (1u << 27)
#define SPI_USR_MISO    (1u << 28)
#define SPI_DOUTDIN     (1u << 0)
#define SPI_CS_SETUP    (1u << 5)
#define SPI_CS_HOLD     (1u << 4)

#define GPIO_OUT_W1TS   REG(0x60000304u)
#define GPIO_OUT_W1TC   REG(0x60000308u)
#define GPIO_ENABLE_W1TS REG(0x60000310u)
#define GPIO_ENABLE_W1TC REG(0x60000314u)
#define GPIO_IN         REG(0x60000318u)

#define IO_MUX_MTDI     REG(0x60000804u)   /* GPIO12 */
#define IO_MUX_MTCK     REG(0x60000808u)   /* GPIO13 */
#define IO_MUX_MTMS     REG(0x6000080Cu)   /* GPIO14 */
#define IO_MUX_MTDO     REG(0x60000810u)   /* GPIO15 */
#define IO_MUX_GPIO4    REG(0x6000083Cu)
#define IO_MUX_GPIO5    REG(0x60000840u)
#define IO_MUX_FUNC_MASK ((1u << 4) | (1u << 5) | (1u << 8))
/* FUNC field is bits {8,5,4}: function 2 = bit 5 (HSPI on GPIO12-15), 3 = bits 5|4 (GPIO). */
#define IO_MUX_FUNC(f)  ((((f) & 1u) << 4) | ((((f) >> 1) & 1u) << 5) | ((((f) >> 2) & 1u) << 8))

static void mux(volatile uint32_t *reg, unsigned func)
{
    *reg = (*reg & ~IO_MUX_FUNC_MASK) | IO_MUX_FUNC(func);
}

void board_net_init(void)
{
    mux(&IO_MUX_MTDI, 2);
    mux(&IO_MUX_MTCK, 2);
    mux(&IO_MUX_MTMS, 2);
    mux(&IO_MUX_MTDO, 3);        /* CS as GPIO15 */
    mux(&IO_MUX_GPIO4, 0);
    mux(&IO_MUX_GPIO5, 0);
    GPIO_OUT_W1TS = (1u << 15) | (1u << 4);      /* CS and RSTn high before driving */
    GPIO_ENABLE_W1TS = (1u << 15) | (1u << 4);
    GPIO_ENABLE_W1TC = 1u << 5;                  /* INTn input */

    /* 80 MHz / (CLKDIV_PRE+1) / (CLKCNT_N+1) = 80 / 1 / 4 = 20 MHz, 50 % duty. */
    SPI_CLOCK = (0u << 18) | (3u << 12) | (1u << 6) | (3u << 0);
    SPI_CTRL = 0;                                /* MSB first both ways */
    SPI_USER = SPI_USR_MOSI | SPI_DOUTDIN | SPI_CS_SETUP | SPI_CS_HOLD;
    SPI_USER1 = (7u << 17) | (7u << 8);          /* 8 bits out, 8 bits in */
    SPI_USER2 = 0;
    SPI_PIN |= 1u;                               /* hardware CS0 disabled: GPIO15 is ours */
}

uint8_t board_spi_xfer(uint8_t out)
{
    while (SPI_CMD & SPI_USR) {
    }
    SPI_W0 = out;
    SPI_CMD = SPI_USR;
    while (SPI_CMD & SPI_USR) {
    }
    return (uint8_t) SPI_W0;
}

void board_w5500_select(int selected)
{
    if (selected) {
        GPIO_OUT_W1TC = 1u << 15;
    } else {
        GPIO_OUT_W1TS = 1u << 15;
    }
}

void board_w5500_reset(int asserted)
{
    if (asserted) {
        GPIO_OUT_W1TC = 1u << 4;
    } else {
        GPIO_OUT_W1TS = 1u << 4;
    }
}

int board_w5500_irq(void)
{
    return (GPIO_IN & (1u << 5)) == 0;
}

#define INT_TIMER 6                     /* CCOMPARE0's interrupt (level 1) */

/*
 * WAITI until CCOUNT reaches CCOMPARE0. Level-1 interrupts come in through the user exception
 * vector (start.S), which only disables them again (INTENABLE = 0) and returns here. Writing
 * CCOMPARE0 clears a timer interrupt left pending; if the match comes before WAITI, the
 * interrupt waits (PS.INTLEVEL is 15 until WAITI lowers it) and WAITI returns at once.
 */
void board_sleep_us(uint32_t us)
{
    uint32_t ticks = us * (board_cpu_hz() / 1000000u), now, ps;
    if (ticks == 0) {
        return;
    }
    __asm volatile ("rsr %0, ccount" : "=a" (now));
    __asm volatile ("wsr %0, ccompare0" : : "a" (now + ticks) : "memory");
    __asm volatile ("wsr %0, intenable\n\trsync" : : "a" (1u << INT_TIMER) : "memory");
    __asm volatile ("waiti 0" : : : "memory");
    __asm volatile ("rsil %0, 15" : "=a" (ps) : : "memory");   /* back to every level masked */
    (void) ps;
}
