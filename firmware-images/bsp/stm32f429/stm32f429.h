/*
 * STM32F429 and Cortex-M4 register definitions used by this board support package, written
 * from RM0090 (STM32F42xxx reference manual, rev 19) and the ARMv7-M Architecture Reference
 * Manual. Only what we use is defined; names follow the reference manual.
 */
#ifndef TWINBOARD_STM32F429_H
#define TWINBOARD_STM32F429_H

#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *) (uintptr_t) (addr))

/* ---- RCC (RM0090 §6.3), base 0x40023800 ------------------------------------------------- */
#define RCC_BASE            0x40023800u
#define RCC_CR              REG32(RCC_BASE + 0x00)
#define RCC_PLLCFGR         REG32(RCC_BASE + 0x04)
#define RCC_CFGR            REG32(RCC_BASE + 0x08)
#define RCC_AHB1ENR         REG32(RCC_BASE + 0x30)
#define RCC_AHB2ENR         REG32(RCC_BASE + 0x34)
#define RCC_APB1ENR         REG32(RCC_BASE + 0x40)
#define RCC_APB2ENR         REG32(RCC_BASE + 0x44)

#define RCC_CR_HSION        (1u << 0)
#define RCC_CR_HSEON        (1u << 16)
#define RCC_CR_HSERDY       (1u << 17)
#define RCC_CR_HSEBYP       (1u << 18)
#define RCC_CR_PLLON        (1u << 24)
#define RCC_CR_PLLRDY       (1u << 25)

#define RCC_PLLCFGR_PLLM_Pos    0    /* 6 bits, VCO input = PLL input / M */
#define RCC_PLLCFGR_PLLN_Pos    6    /* 9 bits, VCO output = VCO input * N */
#define RCC_PLLCFGR_PLLP_Pos    16   /* 2 bits, 0 = /2, 1 = /4, 2 = /6, 3 = /8 */
#define RCC_PLLCFGR_PLLSRC_HSE  (1u << 22)
#define RCC_PLLCFGR_PLLQ_Pos    24   /* 4 bits, 48 MHz clock = VCO output / Q */

#define RCC_CFGR_SW_Msk     (3u << 0)
#define RCC_CFGR_SW_PLL     (2u << 0)
#define RCC_CFGR_SWS_Msk    (3u << 2)
#define RCC_CFGR_SWS_PLL    (2u << 2)
#define RCC_CFGR_HPRE_Msk   (0xFu << 4)
#define RCC_CFGR_HPRE_DIV1  (0u << 4)
#define RCC_CFGR_PPRE1_Msk  (7u << 10)
#define RCC_CFGR_PPRE1_DIV4 (5u << 10)
#define RCC_CFGR_PPRE2_Msk  (7u << 13)
#define RCC_CFGR_PPRE2_DIV2 (4u << 13)

#define RCC_AHB1ENR_GPIODEN (1u << 3)
#define RCC_AHB2ENR_RNGEN   (1u << 6)
#define RCC_APB1ENR_USART3EN (1u << 18)
#define RCC_APB1ENR_PWREN   (1u << 28)

/* ---- PWR (RM0090 §5.4), base 0x40007000 ------------------------------------------------- */
#define PWR_BASE            0x40007000u
#define PWR_CR              REG32(PWR_BASE + 0x00)
#define PWR_CR_VOS_Msk      (3u << 14)
#define PWR_CR_VOS_SCALE1   (3u << 14)

/* ---- FLASH interface (RM0090 §3.9), base 0x40023C00 ------------------------------------- */
#define FLASH_BASE          0x40023C00u
#define FLASH_ACR           REG32(FLASH_BASE + 0x00)
#define FLASH_ACR_LATENCY_Msk (0xFu << 0)
#define FLASH_ACR_PRFTEN    (1u << 8)
#define FLASH_ACR_ICEN      (1u << 9)
#define FLASH_ACR_DCEN      (1u << 10)

/* ---- GPIO (RM0090 §8.4), port D at 0x40020C00 ------------------------------------------- */
#define GPIOD_BASE          0x40020C00u
#define GPIO_MODER(base)    REG32((base) + 0x00)
#define GPIO_OSPEEDR(base)  REG32((base) + 0x08)
#define GPIO_PUPDR(base)    REG32((base) + 0x0C)
#define GPIO_AFRL(base)     REG32((base) + 0x20)
#define GPIO_AFRH(base)     REG32((base) + 0x24)
#define GPIO_MODE_AF        2u

/* ---- USART (RM0090 §30.6), USART3 at 0x40004800 ----------------------------------------- */
#define USART3_BASE         0x40004800u
#define USART_SR(base)      REG32((base) + 0x00)
#define USART_DR(base)      REG32((base) + 0x04)
#define USART_BRR(base)     REG32((base) + 0x08)
#define USART_CR1(base)     REG32((base) + 0x0C)
#define USART_CR2(base)     REG32((base) + 0x10)
#define USART_CR3(base)     REG32((base) + 0x14)
#define USART_SR_TXE        (1u << 7)
#define USART_SR_TC         (1u << 6)
#define USART_CR1_UE        (1u << 13)
#define USART_CR1_TE        (1u << 3)
#define USART_CR1_RE        (1u << 2)

/* ---- RNG (RM0090 §24.4), base 0x50060800 ------------------------------------------------ */
#define RNG_BASE            0x50060800u
#define RNG_CR              REG32(RNG_BASE + 0x00)
#define RNG_SR              REG32(RNG_BASE + 0x04)
#define RNG_DR              REG32(RNG_BASE + 0x08)
#define RNG_CR_RNGEN        (1u << 2)
#define RNG_SR_DRDY         (1u << 0)
#define RNG_SR_CECS         (1u << 1)
#define RNG_SR_SECS         (1u << 2)
#define RNG_SR_CEIS         (1u << 5)
#define RNG_SR_SEIS         (1u << 6)

/* ---- Cortex-M4 system control space (ARMv7-M ARM §B3.2, §C1.6) -------------------------- */
#define SCB_VTOR            REG32(0xE000ED08u)
#define CoreDebug_DEMCR     REG32(0xE000EDFCu)
#define CoreDebug_DEMCR_TRCENA (1u << 24)
#define DWT_CTRL            REG32(0xE0001000u)
#define DWT_CYCCNT          REG32(0xE0001004u)
#define DWT_CTRL_CYCCNTENA  (1u << 0)

/* ---- IRQ numbers (RM0090 table 62), the ones later apps are likely to handle ------------ */
#define STM32F429_IRQ_COUNT 91
#define EXTI0_IRQn          6
#define EXTI1_IRQn          7
#define EXTI2_IRQn          8
#define EXTI3_IRQn          9
#define EXTI4_IRQn          10
#define EXTI9_5_IRQn        23
#define TIM2_IRQn           28
#define SPI1_IRQn           35
#define USART3_IRQn         39
#define EXTI15_10_IRQn      40

#endif /* TWINBOARD_STM32F429_H */
