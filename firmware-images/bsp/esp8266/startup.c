/*
 * C side of the ESP8266 start: .data and .rodata are loaded into DRAM straight from the ELF
 * (no copy needed); .bss is zeroed here. Then the board, constructors and main().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"

extern int main(void);
extern void __libc_init_array(void);
extern uint8_t __bss_start[], __bss_end[];

_Noreturn void esp8266_start(void);

_Noreturn void esp8266_start(void)
{
    memset(__bss_start, 0, (size_t) (__bss_end - __bss_start));
    board_stack_paint();
    board_init();
    __libc_init_array();
    exit(main());
}
