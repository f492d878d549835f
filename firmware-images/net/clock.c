/* Millisecond time from the 32-bit cycle counter, extended to 64 bits by noticing wraps. */
#include "board.h"
#include "board_net.h"

static uint64_t cycles_high;
static uint32_t last_cycles;

static uint64_t cycles64(void)
{
    uint32_t now = board_cycles();
    if (now < last_cycles) {
        cycles_high += (uint64_t) 1 << 32;
    }
    last_cycles = now;
    return cycles_high | now;
}

uint64_t board_millis(void)
{
    return cycles64() / (board_cpu_hz() / 1000u);
}

void board_delay_ms(uint32_t ms)
{
    uint64_t end = board_millis() + ms;
    while (board_millis() < end) {
    }
}
