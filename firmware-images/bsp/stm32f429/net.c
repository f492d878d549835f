/*
 * W5500 wiring of the NUCLEO-F429ZI + WIZ850io (Arduino header, UM1974 table 19):
 * SPI1 SCK PA5 / MISO PA6 / MOSI PA7 (AF5), SCSn PD14 (D10), RSTn PF15 (D2), INTn PF13 (D7).
 * SPI1 registers: RM0090 §28.5. Mode 0, master, software NSS, APB2 84 MHz / 4 = 21 MHz.
 */
#include <stdint.h>

#include "board.h"
#include "board_net.h"
#include "stm32f429.h"

#define GPIOA_BASE_ 0x40020000u
#define GPIOF_BASE_ 0x40021400u
#define GPIO_IDR_(b)  REG32((b) + 0x10)
#define GPIO_BSRR_(b) REG32((b) + 0x18)
#define SPI1_BASE_  0x40013000u
#define SPI_CR1_(b) REG32((b) + 0x00)
#define SPI_SR_(b)  REG32((b) + 0x08)
#define SPI_DR_(b)  REG32((b) + 0x0C)
#define SPI_CR1_MSTR (1u << 2)
#define SPI_CR1_BR_DIV4 (1u << 3)
#define SPI_CR1_SPE  (1u << 6)
#define SPI_CR1_SSI  (1u << 8)
#define SPI_CR1_SSM  (1u << 9)
#define SPI_SR_RXNE  (1u << 0)
#define SPI_SR_TXE   (1u << 1)
#define RCC_AHB1ENR_GPIOAEN_ (1u << 0)
#define RCC_AHB1ENR_GPIOFEN_ (1u << 5)
#define RCC_APB2ENR_SPI1EN_  (1u << 12)

static void pin_mode(uint32_t port, unsigned pin, unsigned mode)
{
    GPIO_MODER(port) = (GPIO_MODER(port) & ~(3u << (2 * pin))) | (mode << (2 * pin));
}

void board_net_init(void)
{
    RCC_AHB1ENR |= RCC_AHB1ENR_GPIOAEN_ | RCC_AHB1ENR_GPIODEN | RCC_AHB1ENR_GPIOFEN_;
    RCC_APB2ENR |= RCC_APB2ENR_SPI1EN_;
    (void) RCC_APB2ENR;

    for (unsigned pin = 5; pin <= 7; pin++) {
        pin_mode(GPIOA_BASE_, pin, GPIO_MODE_AF);
        GPIO_OSPEEDR(GPIOA_BASE_) |= 3u << (2 * pin);
    }
    GPIO_AFRL(GPIOA_BASE_) = (GPIO_AFRL(GPIOA_BASE_) & ~0xFFF00000u) | (5u << 20) | (5u << 24) | (5u << 28);

    GPIO_BSRR_(GPIOD_BASE) = 1u << 14;          /* SCSn high (deselected) before it drives */
    pin_mode(GPIOD_BASE, 14, 1u);
    GPIO_BSRR_(GPIOF_BASE_) = 1u << 15;         /* RSTn high */
    pin_mode(GPIOF_BASE_, 15, 1u);
    pin_mode(GPIOF_BASE_, 13, 0u);              /* INTn input with pull-up */
    GPIO_PUPDR(GPIOF_BASE_) = (GPIO_PUPDR(GPIOF_BASE_) & ~(3u << 26)) | (1u << 26);

    SPI_CR1_(SPI1_BASE_) = SPI_CR1_MSTR | SPI_CR1_BR_DIV4 | SPI_CR1_SSM | SPI_CR1_SSI;
    SPI_CR1_(SPI1_BASE_) |= SPI_CR1_SPE;
}

uint8_t board_spi_xfer(uint8_t out)
{
    while (!(SPI_SR_(SPI1_BASE_) & SPI_SR_TXE)) {
    }
    *(volatile uint8_t *) (uintptr_t) (SPI1_BASE_ + 0x0C) = out;   /* 8-bit access: one frame */
    while (!(SPI_SR_(SPI1_BASE_) & SPI_SR_RXNE)) {
    }
    return (uint8_t) SPI_DR_(SPI1_BASE_);
}

void board_w5500_select(int selected)
{
    GPIO_BSRR_(GPIOD_BASE) = selected ? (1u << (14 + 16)) : (1u << 14);
}

void board_w5500_reset(int asserted)
{
    GPIO_BSRR_(GPIOF_BASE_) = asserted ? (1u << (15 + 16)) : (1u << 15);
}

int board_w5500_irq(void)
{
    return (GPIO_IDR_(GPIOF_BASE_) & (1u << 13)) == 0;
}

#define SYST_CSR_  REG32(0xE000E010u)
#define SYST_RVR_  REG32(0xE000E014u)
#define SYST_CVR_  REG32(0xE000E018u)
#define SCB_ICSR_  REG32(0xE000ED04u)
#define SYST_CSR_ENABLE    (1u << 0)
#define SYST_CSR_TICKINT   (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)    /* processor clock */
#define SYST_CSR_COUNTFLAG (1u << 16)
#define SCB_ICSR_PENDSTCLR (1u << 25)

/*
 * WFI until SysTick wraps once (ARMv7-M ARM B3.3). PRIMASK stays set meanwhile: a pending SysTick
 * still ends WFI (B1.5.19) but its exception is never taken, so no handler is needed; the pending
 * bit is cleared before PRIMASK is restored.
 */
void board_sleep_us(uint32_t us)
{
    uint32_t ticks = us * (board_cpu_hz() / 1000000u), primask;
    if (ticks == 0) {
        return;
    }
    if (ticks > 0x01000000u) {
        ticks = 0x01000000u;            /* 24-bit reload: ~99 ms at 168 MHz */
    }
    __asm volatile ("mrs %0, primask\n\tcpsid i" : "=r" (primask) : : "memory");
    SYST_CSR_ = 0;
    SYST_RVR_ = ticks - 1;
    SYST_CVR_ = 0;                      /* also clears COUNTFLAG */
    SYST_CSR_ = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
    while (!(SYST_CSR_ & SYST_CSR_COUNTFLAG)) {
        __asm volatile ("wfi" : : : "memory");
    }
    SYST_CSR_ = 0;
    SCB_ICSR_ = SCB_ICSR_PENDSTCLR;
    __asm volatile ("msr primask, %0" : : "r" (primask) : "memory");
}
