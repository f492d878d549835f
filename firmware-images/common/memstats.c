/*
 * Stack and heap high-water marks, for the buffer-size questions Twinboard exists to answer.
 * The startup code paints the free stack with a pattern before board_init(); the deepest
 * overwritten word is the stack high-water mark. picolibc's malloc only grows its arena through
 * sbrk(), so sbrk(0) - __heap_start is the heap high-water mark.
 * Layout (both linker scripts): [__heap_start, __heap_end) heap, [__heap_end, __stack_top) stack.
 */
#include <stdint.h>
#include <unistd.h>

#include "board.h"

#define STACK_PAINT 0xA5A5A5A5u
#define STACK_PAINT_MARGIN 64u     /* bytes below the painter's own frame left untouched */

extern uint32_t __heap_start[], __heap_end[], __stack_top[];

void board_stack_paint(void)
{
    uint32_t *limit = (uint32_t *) ((uintptr_t) __builtin_frame_address(0) - STACK_PAINT_MARGIN);
    for (volatile uint32_t *p = __heap_end; p < limit; p++) {
        *p = STACK_PAINT;
    }
}

void board_memory_usage(struct board_memory *usage)
{
    const uint32_t *p = __heap_end;
    while (p < __stack_top && *p == STACK_PAINT) {
        p++;
    }
    usage->stack_size = (size_t) ((uintptr_t) __stack_top - (uintptr_t) __heap_end);
    usage->stack_used = (size_t) ((uintptr_t) __stack_top - (uintptr_t) p);
    usage->heap_size = (size_t) ((uintptr_t) __heap_end - (uintptr_t) __heap_start);
    usage->heap_used = (size_t) ((uintptr_t) sbrk(0) - (uintptr_t) __heap_start);
}
