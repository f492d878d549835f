/* Special registers: RSR/WSR/XSR and their writable bits, RSIL, returns from exceptions
   (RFE, RFDE, RFI 2/3) driven by hand-set EPC/EPS/DEPC, CCOUNT counting. */
#include "harness.inc"
    movi    a2, -1
    movi    a3, 0x12345678
    .irp    sr, EPC1, EPC2, EPC3, DEPC, EXCSAVE1, EXCSAVE2, EXCSAVE3, EXCVADDR
    wsr     a3, \sr
    rsr     a4, \sr
    OUT     "\sr", a4
    .endr
    /* writable bits: write all ones, read back */
    .irp    sr, SAR, EXCCAUSE, EPS2, EPS3, INTENABLE
    wsr     a2, \sr
    rsr     a4, \sr
    OUT     "\sr\()_ones", a4
    movi    a5, 0
    wsr     a5, \sr
    .endr
    /* XSR swaps */
    movi    a5, 17
    wsr     a5, SAR
    movi    a6, 9
    xsr     a6, SAR
    OUT     "xsr_old", a6
    rsr     a6, SAR
    OUT     "xsr_new", a6
    movi    a6, 0x55
    wsr     a6, EXCSAVE1
    movi    a6, 0x66
    xsr     a6, EXCSAVE1
    OUT     "xsr_es_old", a6
    rsr     a6, EXCSAVE1
    OUT     "xsr_es_new", a6
    /* PS: INTLEVEL, EXCM, UM; write with interrupts disabled, then restore */
    movi    a5, 0x0f
    wsr     a5, PS
    rsync
    rsr     a6, PS
    OUT     "ps_0f", a6
    movi    a5, 0x3f
    wsr     a5, PS
    rsync
    rsr     a6, PS
    movi    a5, 0
    wsr     a5, PS
    rsync
    OUT     "ps_3f", a6
    /* RSIL returns the old PS and sets INTLEVEL */
    rsil    a6, 3
    OUT     "rsil3_old", a6
    rsil    a6, 1
    OUT     "rsil1_old", a6
    rsil    a6, 0
    OUT     "rsil0_old", a6
    /* VECBASE: keep ours, print our value relative to _vectors */
    rsr     a6, VECBASE
    movi    a7, _vectors
    sub     a6, a6, a7
    OUT     "vecbase_rel", a6
    /* PRID */
    rsr     a6, PRID
    OUT     "prid", a6
    /* CCOMPARE0 reads back */
    movi    a5, 0x40000000
    wsr     a5, CCOMPARE0
    rsr     a6, CCOMPARE0
    OUT     "ccompare0", a6
    /* CCOUNT advances */
    rsr     a6, CCOUNT
    nop
    nop
    rsr     a7, CCOUNT
    sub     a7, a7, a6
    movi    a8, 1
    bgez    a7, 1f
    movi    a8, 0
1:  OUT     "ccount_monotonic", a8
    movi    a5, 0x1000
    wsr     a5, CCOUNT
    rsr     a6, CCOUNT
    movi    a8, 0x1000
    sub     a6, a6, a8
    movi    a8, 0
    bltui   a6, 0x100, 1f       /* within 256 cycles of the written value */
    movi    a8, 1
1:  OUT     "ccount_write_far", a8
    /* RFE: returns to EPC1 and clears PS.EXCM (PS.INTLEVEL kept) */
    movi    a5, 0x13
    wsr     a5, PS
    rsync
    movi    a5, 2f
    wsr     a5, EPC1
    rfe
    SAY     "rfe not taken"
2:  rsr     a6, PS
    OUT     "rfe_ps", a6
    /* RFDE: returns to DEPC (lx106 has NDEPC) */
    movi    a5, 0x10
    wsr     a5, PS
    rsync
    movi    a5, 3f
    wsr     a5, DEPC
    rfde
    SAY     "rfde not taken"
3:  rsr     a6, PS
    OUT     "rfde_ps", a6
    /* RFI 2 and RFI 3: PC from EPCn, PS from EPSn */
    movi    a5, 0x23
    wsr     a5, EPS2
    movi    a5, 4f
    wsr     a5, EPC2
    rfi     2
    SAY     "rfi2 not taken"
4:  rsr     a6, PS
    OUT     "rfi2_ps", a6
    movi    a5, 0x01
    wsr     a5, EPS3
    movi    a5, 5f
    wsr     a5, EPC3
    rfi     3
    SAY     "rfi3 not taken"
5:  rsr     a6, PS
    OUT     "rfi3_ps", a6
    movi    a5, 0
    wsr     a5, PS
    rsync
    EXIT    0
