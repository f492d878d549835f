/*
 * Cortex-M4 reset and vector table for the STM32F429 (RM0090 §12.2, table 62: 16 system
 * exceptions + 91 interrupts). Every fault and interrupt goes to default_handler(), a plain
 * endless loop: the emulator reports the fault itself when it takes the exception. Handlers are
 * weak aliases so an app can provide e.g. EXTI15_10_IRQHandler without touching this file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "stm32f429.h"

extern int main(void);
extern void __libc_init_array(void);
extern void _set_tls(void *tls);

/* Linker script symbols (bsp/stm32f429/stm32f429zi.ld). */
extern uint32_t __stack_top[];
extern uint8_t __data_source[], __data_start[], __data_end[];
extern uint8_t __bss_start[], __bss_end[];
extern uint8_t __tls_base[];

_Noreturn void Reset_Handler(void);
void default_handler(void);

void default_handler(void)
{
    for (;;) {
    }
}

#define WEAK_HANDLER(name) void name(void) __attribute__((weak, alias("default_handler")))
WEAK_HANDLER(NMI_Handler);
WEAK_HANDLER(HardFault_Handler);
WEAK_HANDLER(MemManage_Handler);
WEAK_HANDLER(BusFault_Handler);
WEAK_HANDLER(UsageFault_Handler);
WEAK_HANDLER(SVC_Handler);
WEAK_HANDLER(DebugMon_Handler);
WEAK_HANDLER(PendSV_Handler);
WEAK_HANDLER(SysTick_Handler);
WEAK_HANDLER(EXTI0_IRQHandler);
WEAK_HANDLER(EXTI1_IRQHandler);
WEAK_HANDLER(EXTI2_IRQHandler);
WEAK_HANDLER(EXTI3_IRQHandler);
WEAK_HANDLER(EXTI4_IRQHandler);
WEAK_HANDLER(EXTI9_5_IRQHandler);
WEAK_HANDLER(TIM2_IRQHandler);
WEAK_HANDLER(SPI1_IRQHandler);
WEAK_HANDLER(USART3_IRQHandler);
WEAK_HANDLER(EXTI15_10_IRQHandler);

typedef void (*vector_t)(void);

#define IRQ(n) (16 + (n))

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
__attribute__((section(".isr_vector"), used))
const vector_t vector_table[16 + STM32F429_IRQ_COUNT] = {
    [0] = (vector_t) (uintptr_t) __stack_top,   /* initial MSP */
    [1] = Reset_Handler,
    [2] = NMI_Handler,
    [3] = HardFault_Handler,
    [4] = MemManage_Handler,
    [5] = BusFault_Handler,
    [6] = UsageFault_Handler,
    [11] = SVC_Handler,
    [12] = DebugMon_Handler,
    [14] = PendSV_Handler,
    [15] = SysTick_Handler,
    [IRQ(0) ... IRQ(STM32F429_IRQ_COUNT - 1)] = default_handler,
    [IRQ(EXTI0_IRQn)] = EXTI0_IRQHandler,
    [IRQ(EXTI1_IRQn)] = EXTI1_IRQHandler,
    [IRQ(EXTI2_IRQn)] = EXTI2_IRQHandler,
    [IRQ(EXTI3_IRQn)] = EXTI3_IRQHandler,
    [IRQ(EXTI4_IRQn)] = EXTI4_IRQHandler,
    [IRQ(EXTI9_5_IRQn)] = EXTI9_5_IRQHandler,
    [IRQ(TIM2_IRQn)] = TIM2_IRQHandler,
    [IRQ(SPI1_IRQn)] = SPI1_IRQHandler,
    [IRQ(USART3_IRQn)] = USART3_IRQHandler,
    [IRQ(EXTI15_10_IRQn)] = EXTI15_10_IRQHandler,
};
#pragma GCC diagnostic pop

/* Reset: MSP already holds __stack_top (vector 0). Set up C memory, the board, then main. */
_Noreturn void Reset_Handler(void)
{
    memcpy(__data_start, __data_source, (size_t) (__data_end - __data_start));
    memset(__bss_start, 0, (size_t) (__bss_end - __bss_start));
    _set_tls(__tls_base);               /* picolibc keeps errno in thread-local storage */
    SCB_VTOR = (uint32_t) (uintptr_t) vector_table;
    board_stack_paint();
    board_init();
    __libc_init_array();
    exit(main());
}
