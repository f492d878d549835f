/* Exceptions: illegal instructions (explicit ILL/ILL.N and every option lx106 lacks), unaligned
   and unmapped loads/stores, fetch from unmapped memory, SYSCALL from kernel and user mode,
   BREAK/BREAK.N debug exceptions (and their masking by PS.INTLEVEL), and finally a double
   exception (exit code 98). The handler prints EXCCAUSE, EPC1, EXCVADDR and PS. */
#include "harness.inc"
.macro EXC label, insn:vararg
    SAY     "\label"
    EXPECT_EXC 9f
    \insn
9:  movi    a14, _resume
    l32i    a15, a14, 0
    beqz    a15, 8f
    SAY     "no exception"
    movi    a15, 0
    s32i    a15, a14, 0
8:
.endm

    EXC ill, ill
    EXC ill_n, ill.n
    EXC ill_bytes, .byte 0x00, 0x00, 0x00
    EXC mac16, .byte 0x04, 0x00, 0x00
    EXC fp_lsi, .byte 0x03, 0x00, 0x00
    EXC fp_add_s, .byte 0x00, 0x00, 0x0a
    EXC loop, .byte 0x76, 0x82, 0x00
    EXC bt, .byte 0x76, 0x10, 0x00
    EXC entry, .byte 0x36, 0x41, 0x00
    EXC call4, .byte 0x15, 0x00, 0x00
    EXC callx4, .byte 0xd0, 0x02, 0x00
    EXC retw, .byte 0x90, 0x00, 0x00
    EXC movsp, .byte 0x10, 0x12, 0x00
    EXC rfwo, .byte 0x00, 0x34, 0x00
    EXC l32ai, .byte 0x22, 0xb3, 0x00
    EXC s32ri, .byte 0x22, 0xf3, 0x00
    EXC s32c1i, .byte 0x22, 0xe3, 0x00
    EXC muluh, .byte 0x40, 0x23, 0xa2
    EXC quou, .byte 0x40, 0x23, 0xc2
    EXC sext, .byte 0x40, 0x23, 0x23
    EXC min, .byte 0x40, 0x23, 0x43
    EXC rur, .byte 0x70, 0x2e, 0xe3
    EXC rsr_lbeg, .byte 0x20, 0x00, 0x03
    EXC wsr_lend, .byte 0x20, 0x01, 0x13
    EXC rsr_acclo, .byte 0x20, 0x10, 0x03
    /* unaligned accesses: LoadStoreAlignmentCause with EXCVADDR */
    movi    a2, buf
    addi    a3, a2, 1
    addi    a4, a2, 2
    addi    a5, a2, 3
    EXC l32i_u1, l32i a6, a3, 0
    EXC l32i_u2, l32i a6, a4, 4
    EXC l32in_u3, l32i.n a6, a5, 0
    EXC l16ui_u1, l16ui a6, a3, 0
    EXC l16si_u3, l16si a6, a5, 2
    EXC s32i_u2, s32i a6, a4, 0
    EXC s32in_u1, s32i.n a6, a3, 4
    EXC s16i_u1, s16i a6, a3, 0
    SAY     "l8ui_odd_ok"
    l8ui    a6, a3, 0
    /* the destination is untouched by a faulting load */
    movi    a6, 0x66
    EXC l32i_keep, l32i a6, a3, 0
    OUT     "a6_kept", a6
    /* unmapped memory */
    movi    a7, 0x70000000
    movi    a8, 0
    EXC load_unmapped, l32i a6, a7, 0
    EXC store_unmapped, s32i a6, a7, 8
    EXC load8_zero, l8ui a6, a8, 0
    EXC fetch_unmapped, jx a7
    /* SYSCALL in kernel mode, then user mode (PS.UM selects the user vector) */
    EXC syscall_kernel, syscall
    movi    a9, 0x20
    wsr     a9, PS
    rsync
    EXC syscall_user, syscall
    EXC ill_user, ill
    rsr     a9, PS
    OUT     "ps_after_user", a9
    movi    a9, 0
    wsr     a9, PS
    rsync
    /* BREAK: debug exception while PS.INTLEVEL < 2 (DEBUGLEVEL), ignored at or above it */
    EXC break_1_2, break 1, 2
    EXC break_n, break.n 3
    rsil    a9, 2
    OUT     "rsil_old", a9
    EXC break_masked, break 0, 0
    rsil    a9, 0
    OUT     "rsil_old2", a9
    /* an exception while PS.EXCM is set is a double exception (handler exits 98) */
    movi    a9, 0x10
    wsr     a9, PS
    rsync
    ill
    SAY     "not reached"
    EXIT    1

    .data
    .balign 16
buf:
    .word   0x01020304, 0x05060708, 0x090a0b0c, 0x0d0e0f10
