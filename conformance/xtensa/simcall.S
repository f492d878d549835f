/* Semihosting through SIMCALL: SYS_write to fd 1 with its return values (also of length 0), an
   unknown call (ENOSYS), and SYS_exit with a non-zero code. */
#include "harness.inc"
    movi    a2, SYS_write
    movi    a3, 1
    movi    a4, msg
    movi    a5, 6
    simcall
    OUT     "write1_ret", a2
    OUT     "write1_errno", a3
    /* (fd 2 is not tested: QEMU sends it to its own stderr, we send it to the console) */
    movi    a2, SYS_write
    movi    a3, 1
    movi    a4, msg
    movi    a5, 3
    simcall
    movi    a6, '\n'
    movi    a7, nl
    s8i     a6, a7, 0
    movi    a2, SYS_write
    movi    a3, 1
    movi    a4, nl
    movi    a5, 1
    simcall
    movi    a2, SYS_write
    movi    a3, 1
    movi    a4, msg
    movi    a5, 0
    simcall
    OUT     "write0_ret", a2
    movi    a2, 77
    simcall
    OUT     "unknown_ret", a2
    OUT     "unknown_errno", a3
    EXIT    42

    .data
msg:
    .ascii  "hello\n"
nl:
    .byte   0
