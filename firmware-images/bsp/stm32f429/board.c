/*
 * Board support for the NUCLEO-F429ZI: clocks to 168 MHz, USART3 console (the ST-LINK virtual
 * COM port), DWT cycle counter, RNG, semihosting exit. Register level, no vendor HAL.
 */
#include <stdint.h>

#include "board.h"
#include "stm32f429.h"

#define HSE_HZ      8000000u     /* ST-LINK MCO output, fed to OSC_IN (HSE bypass) */
#define SYSCLK_HZ   168000000u
#define APB1_HZ     (SYSCLK_HZ / 4)
#define CONSOLE_BAUD 115200u

#define PLL_M 8u    /* 8 MHz / 8 = 1 MHz VCO input (RM0090 recommends 2 MHz; 1 MHz is legal) */
#define PLL_N 336u  /* VCO 336 MHz */
#define PLL_P 2u    /* SYSCLK 168 MHz */
#define PLL_Q 7u    /* PLL48CLK 48 MHz for the RNG (and USB) */

#define PROVISIONING_SIZE (16u * 1024u)
extern const uint8_t __provisioning_start[];

/* RM0090 §6.3.2/§6.3.3 and §3.5.1: raise the voltage scale, select HSE bypass, program the PLL,
 * add flash wait states before the faster clock arrives, then switch SYSCLK to the PLL. Each
 * step waits on the flag the hardware raises when it is done. */
static void clock_init(void)
{
    RCC_APB1ENR |= RCC_APB1ENR_PWREN;
    (void) RCC_APB1ENR;                       /* read back: the enable takes effect */
    PWR_CR = (PWR_CR & ~PWR_CR_VOS_Msk) | PWR_CR_VOS_SCALE1;

    RCC_CR |= RCC_CR_HSEBYP;
    RCC_CR |= RCC_CR_HSEON;
    while ((RCC_CR & RCC_CR_HSERDY) == 0) {
    }

    RCC_PLLCFGR = (PLL_M << RCC_PLLCFGR_PLLM_Pos) | (PLL_N << RCC_PLLCFGR_PLLN_Pos)
                | (((PLL_P / 2u) - 1u) << RCC_PLLCFGR_PLLP_Pos) | RCC_PLLCFGR_PLLSRC_HSE
                | (PLL_Q << RCC_PLLCFGR_PLLQ_Pos);
    RCC_CR |= RCC_CR_PLLON;
    while ((RCC_CR & RCC_CR_PLLRDY) == 0) {
    }

    /* 5 wait states for 150 < HCLK <= 168 MHz at 2.7-3.6 V (RM0090 table 12), ART on. */
    FLASH_ACR = FLASH_ACR_PRFTEN | FLASH_ACR_ICEN | FLASH_ACR_DCEN | 5u;
    while ((FLASH_ACR & FLASH_ACR_LATENCY_Msk) != 5u) {
    }

    RCC_CFGR = (RCC_CFGR & ~(RCC_CFGR_HPRE_Msk | RCC_CFGR_PPRE1_Msk | RCC_CFGR_PPRE2_Msk))
             | RCC_CFGR_HPRE_DIV1 | RCC_CFGR_PPRE1_DIV4 | RCC_CFGR_PPRE2_DIV2;
    RCC_CFGR = (RCC_CFGR & ~RCC_CFGR_SW_Msk) | RCC_CFGR_SW_PLL;
    while ((RCC_CFGR & RCC_CFGR_SWS_Msk) != RCC_CFGR_SWS_PLL) {
    }
}

/* USART3 on PD8 (TX) / PD9 (RX), alternate function 7; 115200 8N1 (RM0090 §30.3.4). */
static void console_init(void)
{
    RCC_AHB1ENR |= RCC_AHB1ENR_GPIODEN;
    RCC_APB1ENR |= RCC_APB1ENR_USART3EN;
    (void) RCC_APB1ENR;

    GPIO_MODER(GPIOD_BASE) = (GPIO_MODER(GPIOD_BASE) & ~(0xFu << 16))
                           | (GPIO_MODE_AF << 16) | (GPIO_MODE_AF << 18);
    GPIO_OSPEEDR(GPIOD_BASE) |= (2u << 16) | (2u << 18);      /* fast speed */
    GPIO_PUPDR(GPIOD_BASE) = (GPIO_PUPDR(GPIOD_BASE) & ~(0xFu << 16)) | (1u << 18); /* RX pull-up */
    GPIO_AFRH(GPIOD_BASE) = (GPIO_AFRH(GPIOD_BASE) & ~0xFFu) | (7u << 0) | (7u << 4);

    /* Oversampling by 16: USARTDIV = 42 MHz / (16 * 115200) = 22.79 -> BRR = 0x16D, rounded. */
    USART_BRR(USART3_BASE) = (APB1_HZ + CONSOLE_BAUD / 2u) / CONSOLE_BAUD;
    USART_CR2(USART3_BASE) = 0;
    USART_CR3(USART3_BASE) = 0;
    USART_CR1(USART3_BASE) = USART_CR1_UE | USART_CR1_TE | USART_CR1_RE;
}

/* DWT cycle counter: trace must be enabled in DEMCR before DWT registers work (ARMv7-M
 * ARM §C1.6.5, §C1.8.7). */
static void cycle_counter_init(void)
{
    CoreDebug_DEMCR |= CoreDebug_DEMCR_TRCENA;
    DWT_CYCCNT = 0;
    DWT_CTRL |= DWT_CTRL_CYCCNTENA;
}

static void rng_init(void)
{
    RCC_AHB2ENR |= RCC_AHB2ENR_RNGEN;
    (void) RCC_AHB2ENR;
    RNG_CR = RNG_CR_RNGEN;
}

void board_init(void)
{
    clock_init();
    console_init();
    cycle_counter_init();
    rng_init();
}

const char *board_name(void)
{
    return "nucleo-f429zi";
}

uint32_t board_cycles(void)
{
    return DWT_CYCCNT;
}

uint32_t board_cpu_hz(void)
{
    return SYSCLK_HZ;
}

void board_putc(char c)
{
    while ((USART_SR(USART3_BASE) & USART_SR_TXE) == 0) {
    }
    USART_DR(USART3_BASE) = (uint8_t) c;
}

/* RM0090 §24.3.1: on a seed error, clear SEIS and restart the generator; on a clock error,
 * clear CEIS (the clock is fine with PLL48CLK at 48 MHz). */
uint32_t board_random32(void)
{
    for (;;) {
        uint32_t sr = RNG_SR;
        if (sr & RNG_SR_SECS) {
            RNG_SR = ~RNG_SR_SEIS & (RNG_SR_SEIS | RNG_SR_CEIS);
            RNG_CR = 0;
            RNG_CR = RNG_CR_RNGEN;
            continue;
        }
        if (sr & RNG_SR_CEIS) {
            RNG_SR = ~RNG_SR_CEIS & (RNG_SR_SEIS | RNG_SR_CEIS);
        }
        if (sr & RNG_SR_DRDY) {
            return RNG_DR;
        }
    }
}

const uint8_t *board_provisioning(size_t *size)
{
    *size = PROVISIONING_SIZE;
    return __provisioning_start;
}

/* ARM semihosting SYS_EXIT_EXTENDED (operation 0x20): r1 points at {reason, subcode};
 * reason ADP_Stopped_ApplicationExit (0x20026) with subcode = exit code. Issued with
 * BKPT 0xAB (Thumb). Without a debugger the BKPT faults; the loop after it is never left. */
_Noreturn void board_exit(int code)
{
    static volatile uint32_t block[2];
    block[0] = 0x20026u;
    block[1] = (uint32_t) code;
    register uint32_t r0 __asm__("r0") = 0x20u;
    register volatile uint32_t *r1 __asm__("r1") = block;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    for (;;) {
    }
}
