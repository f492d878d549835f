/* Shifts through SAR: SSL/SSR/SSAI/SSA8L/SSA8B with SRC/SLL/SRL/SRA, and the immediate
   shifts SLLI/SRLI/SRAI, at the edges (0, 1, 31, 32). SAR is read back with RSR. */
#include "harness.inc"
    movi    a2, 0x80000001
    movi    a3, 0x12345678
    /* SSR (right shift amount = as[4:0]) */
    .irp    n, 0, 1, 16, 31, 32, 33
    movi    a5, \n
    ssr     a5
    rsr     a6, SAR
    OUT     "ssr_\n\()_sar", a6
    srl     a4, a2
    OUT     "srl_\n", a4
    sra     a4, a2
    OUT     "sra_\n", a4
    src     a4, a3, a2
    OUT     "src_\n", a4
    .endr
    /* SSL (left shift: SAR = 32 - as[4:0]) */
    .irp    n, 0, 1, 16, 31, 32
    movi    a5, \n
    ssl     a5
    rsr     a6, SAR
    OUT     "ssl_\n\()_sar", a6
    sll     a4, a2
    OUT     "sll_\n", a4
    src     a4, a3, a2
    OUT     "srcl_\n", a4
    .endr
    /* SSAI 0..31 */
    .irp    n, 0, 1, 8, 31
    ssai    \n
    rsr     a6, SAR
    OUT     "ssai_\n", a6
    src     a4, a2, a3
    OUT     "ssai_src_\n", a4
    .endr
    /* SSA8L / SSA8B (byte offsets for unaligned funnel shifts) */
    .irp    n, 0, 1, 2, 3, 7
    movi    a5, \n
    ssa8l   a5
    rsr     a6, SAR
    OUT     "ssa8l_\n", a6
    src     a4, a3, a2
    OUT     "ssa8l_src_\n", a4
    ssa8b   a5
    rsr     a6, SAR
    OUT     "ssa8b_\n", a6
    src     a4, a3, a2
    OUT     "ssa8b_src_\n", a4
    .endr
    /* WSR SAR: only 6 bits are kept; SAR = 32 shifts everything out */
    movi    a5, 0xffffffff
    wsr     a5, SAR
    rsr     a6, SAR
    OUT     "wsr_sar_all", a6
    movi    a5, 32
    wsr     a5, SAR
    srl     a4, a2
    OUT     "srl_32", a4
    sra     a4, a2
    OUT     "sra_32", a4
    src     a4, a3, a2
    OUT     "src_32", a4
    movi    a5, 0
    wsr     a5, SAR
    sll     a4, a2
    OUT     "sll_sar0", a4
    /* immediate shifts */
    .irp    n, 1, 4, 15, 16, 31
    slli    a4, a3, \n
    OUT     "slli_\n", a4
    srai    a4, a2, \n
    OUT     "srai_\n", a4
    .endr
    srai    a4, a2, 0
    OUT     "srai_0", a4
    .irp    n, 0, 1, 8, 15
    srli    a4, a2, \n
    OUT     "srli_\n", a4
    .endr
    EXIT    0
