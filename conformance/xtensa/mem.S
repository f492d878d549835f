/* Loads and stores: L8UI/L16UI/L16SI/L32I/L32I.N, S8I/S16I/S32I/S32I.N at the edges of their
   offsets, sign extension, little-endian byte order, L32R PC-relative and with LITBASE, the
   sync instructions and NOPs. */
#include "harness.inc"
    movi    a2, buf
    movi    a3, 0x89abcdef
    _s32i   a3, a2, 0
    movi    a3, 0x7f80ff01
    s32i.n  a3, a2, 4
    l8ui    a4, a2, 0
    OUT     "l8ui_0", a4
    l8ui    a4, a2, 3
    OUT     "l8ui_3", a4
    l16ui   a4, a2, 0
    OUT     "l16ui_0", a4
    l16ui   a4, a2, 2
    OUT     "l16ui_2", a4
    l16si   a4, a2, 2
    OUT     "l16si_2", a4
    l16si   a4, a2, 4
    OUT     "l16si_4", a4
    l16si   a4, a2, 6
    OUT     "l16si_6", a4
    _l32i   a4, a2, 4
    OUT     "l32i_4", a4
    l32i.n  a4, a2, 0
    OUT     "l32in_0", a4
    /* stores of each width */
    movi    a3, 0x11223344
    s8i     a3, a2, 9
    s16i    a3, a2, 10
    l32i    a4, a2, 8
    OUT     "s8_s16", a4
    /* maximum offsets: l8ui 255, l16 510, l32 1020, l32i.n 60 */
    movi    a3, 0xa5
    s8i     a3, a2, 255
    l8ui    a4, a2, 255
    OUT     "off8_max", a4
    movi    a3, 0xbeef
    s16i    a3, a2, 510
    l16si   a4, a2, 510
    OUT     "off16_max", a4
    movi    a3, 0xcafef00d
    s32i    a3, a2, 1020
    l32i    a4, a2, 1020
    OUT     "off32_max", a4
    movi    a3, 0x600d
    s32i.n  a3, a2, 60
    l32i.n  a4, a2, 60
    OUT     "offn_max", a4
    /* base register is also the destination */
    movi    a5, buf
    l32i    a5, a5, 0
    OUT     "base_dest", a5
    /* L32R, PC-relative (literal pool placed by the assembler) */
    l32r    a4, lit_pc
    OUT     "l32r_pc", a4
    /* L32R with LITBASE enabled: offsets are relative to LITBASE[31:12]. While it is enabled
       no assembler-generated L32R (movi of a large value, OUT) may run. */
    movi    a6, lit_end + 1
    movi    a9, lit_end
    movi    a12, -1
    movi    a13, 0
    wsr     a6, LITBASE
    isync
    rsr     a7, LITBASE
    .byte   0x41, 0xff, 0xff        /* l32r a4, offset -4 */
    .byte   0x51, 0xfc, 0xff        /* l32r a5, offset -16 */
    wsr     a12, LITBASE
    rsr     a8, LITBASE
    wsr     a13, LITBASE
    isync
    sub     a7, a7, a9
    OUT     "litbase_rd", a7
    OUT     "l32r_lb_m4", a4
    OUT     "l32r_lb_m16", a5
    OUT     "litbase_mask", a8
    l32r    a4, lit_pc
    OUT     "l32r_pc_again", a4
    /* ordering instructions are no-ops for the program */
    movi    a4, 7
    memw
    extw
    isync
    rsync
    esync
    dsync
    excw
    nop
    nop.n
    _nop
    OUT     "after_sync", a4
    EXIT    0

    /* a literal placed before its use, as L32R requires */
    .section .entry, "ax"
    .align  4
lit_pc:
    .word   0x5a5aa5a5
    .data
    .balign 16
buf:
    .space  1088
    .balign 4096
    .space  4096 - 16
lit_tab:
    .word   0x11111111, 0x22222222, 0x33333333, 0x44444444
lit_end:
    .word   0
