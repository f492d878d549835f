/* Interrupts: the software interrupt (INTSET/INTCLEAR, interrupt 7) masked by INTENABLE and
   PS.INTLEVEL, and the CCOMPARE0 timer (interrupt 6) waking WAITI. The handler prints
   INTERRUPT & INTENABLE, then clears INTENABLE and returns to EPC1. */
#include "harness.inc"
    /* INTSET only sets software interrupt bits */
    movi    a2, 0xffff
    wsr     a2, INTSET
    rsr     a3, INTERRUPT
    movi    a4, 0xbf
    and     a3, a3, a4
    OUT     "intset_all", a3
    movi    a2, 0xffff
    wsr     a2, INTCLEAR
    rsr     a3, INTERRUPT
    and     a3, a3, a4
    OUT     "intclear_all", a3
    /* taken as soon as enabled at level 0 */
    movi    a2, 0x80
    wsr     a2, INTENABLE
    wsr     a2, INTSET
    rsync
    SAY     "after_swint"
    rsr     a3, INTERRUPT
    and     a3, a3, a4
    OUT     "pending_after", a3
    wsr     a2, INTCLEAR
    rsr     a3, INTERRUPT
    and     a3, a3, a4
    OUT     "cleared", a3
    /* masked by PS.INTLEVEL 1, taken when RSIL lowers it */
    rsil    a5, 1
    wsr     a2, INTENABLE
    wsr     a2, INTSET
    rsync
    SAY     "masked_by_intlevel"
    rsil    a5, 0
    rsync
    SAY     "unmasked"
    wsr     a2, INTCLEAR
    /* masked by INTENABLE */
    movi    a6, 0
    wsr     a6, INTENABLE
    wsr     a2, INTSET
    rsync
    SAY     "masked_by_intenable"
    wsr     a2, INTENABLE
    rsync
    SAY     "enabled"
    wsr     a2, INTCLEAR
    /* CCOMPARE0 timer: WAITI sleeps until CCOUNT reaches CCOMPARE0 */
    movi    a6, 0x40
    rsr     a7, CCOUNT
    addi    a7, a7, 1000
    wsr     a7, CCOMPARE0
    wsr     a6, INTENABLE
    waiti   0
    SAY     "woke"
    rsr     a3, INTERRUPT
    and     a3, a3, a6
    OUT     "timer_pending", a3
    wsr     a7, CCOMPARE0
    rsr     a3, INTERRUPT
    and     a3, a3, a6
    OUT     "timer_cleared", a3
    EXIT    0
