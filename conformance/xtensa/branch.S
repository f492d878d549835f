/* Branches and jumps: every B* form taken and not taken, b4const/b4constu immediates, the
   density forms BEQZ.N/BNEZ.N, J, JX, CALL0, CALLX0, RET, RET.N. Prints 1 when taken. */
#include "harness.inc"
.macro TB label, insn, ops:vararg
    movi    a15, 1
    \insn   \ops, 9f
    movi    a15, 0
9:  OUT     "\label", a15
.endm

    movi    a2, 5
    movi    a3, -5
    movi    a4, 0
    movi    a5, 0x80000000
    movi    a6, 0x0000000f
    movi    a7, 0x00000003
    movi    a8, 0x00000030
    /* register-register compares */
    TB beq_t, _beq, a2, a2
    TB beq_n, _beq, a2, a3
    TB bne_t, _bne, a2, a3
    TB bne_n, _bne, a2, a2
    TB blt_t, _blt, a3, a2
    TB blt_n, _blt, a2, a3
    TB blt_eq, _blt, a2, a2
    TB bge_t, _bge, a2, a3
    TB bge_eq, _bge, a2, a2
    TB bge_n, _bge, a3, a2
    TB bltu_t, _bltu, a2, a3
    TB bltu_n, _bltu, a3, a2
    TB bgeu_t, _bgeu, a3, a2
    TB bgeu_eq, _bgeu, a2, a2
    TB bgeu_n, _bgeu, a2, a3
    TB blt_min, _blt, a5, a4
    TB bltu_min, _bltu, a5, a4
    /* bit tests */
    TB bany_t, _bany, a6, a7
    TB bany_n, _bany, a6, a8
    TB bnone_t, _bnone, a6, a8
    TB bnone_n, _bnone, a6, a7
    TB ball_t, _ball, a6, a7
    TB ball_n, _ball, a7, a6
    TB ball_0, _ball, a6, a4
    TB bnall_t, _bnall, a7, a6
    TB bnall_n, _bnall, a6, a7
    TB bnone_00, _bnone, a4, a4
    movi    a9, 31
    movi    a10, 4
    movi    a11, 36
    TB bbs_31, _bbs, a5, a9
    TB bbc_31, _bbc, a5, a9
    TB bbs_4, _bbs, a8, a10
    TB bbc_4, _bbc, a8, a10
    TB bbs_36mod, _bbs, a8, a11
    TB bbc_36mod, _bbc, a8, a11
    .irp    bit, 0, 1, 4, 5, 15, 16, 30, 31
    TB bbsi_\bit, _bbsi, a5, \bit
    TB bbci_\bit, _bbci, a5, \bit
    TB bbsi6_\bit, _bbsi, a6, \bit
    TB bbci6_\bit, _bbci, a6, \bit
    .endr
    /* zero compares, wide and narrow */
    TB beqz_t, _beqz, a4
    TB beqz_n, _beqz, a2
    TB bnez_t, _bnez, a3
    TB bnez_n, _bnez, a4
    TB bltz_t, _bltz, a3
    TB bltz_n, _bltz, a4
    TB bgez_t, _bgez, a4
    TB bgez_n, _bgez, a3
    TB bltz_min, _bltz, a5
    TB beqzn_t, beqz.n, a4
    TB beqzn_n, beqz.n, a2
    TB bnezn_t, bnez.n, a2
    TB bnezn_n, bnez.n, a4
    /* immediate compares against every b4const entry, with values on both sides */
    .irp    k, -1, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256
    movi    a12, \k
    TB beqi_\k, _beqi, a12, \k
    TB bnei_\k, _bnei, a12, \k
    TB blti_\k, _blti, a12, \k
    TB bgei_\k, _bgei, a12, \k
    addi    a12, a12, -1
    TB beqim_\k, _beqi, a12, \k
    TB bltim_\k, _blti, a12, \k
    TB bgeim_\k, _bgei, a12, \k
    .endr
    /* unsigned immediates: every b4constu entry */
    .irp    k, 32768, 65536, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256
    movi    a12, \k
    TB bltui_\k, _bltui, a12, \k
    TB bgeui_\k, _bgeui, a12, \k
    addi    a12, a12, -1
    TB bltuim_\k, _bltui, a12, \k
    TB bgeuim_\k, _bgeui, a12, \k
    .endr
    movi    a12, -1
    TB bltui_neg, _bltui, a12, 4
    TB bgeui_neg, _bgeui, a12, 65536
    TB blti_neg, _blti, a12, 0x100
    /* long branch offsets: forward and backward at the edges of imm8 and imm12 */
    movi    a13, 0
    _beq    a13, a13, 2f
1:  SAY     "back"
    j       3f
    .rept   30
    nop
    .endr
2:  _beqz   a13, 1b
3:
    /* J, JX, CALL0, CALLX0, RET, RET.N */
    movi    a13, 0
    _j      4f
    movi    a13, 99
4:  OUT     "j", a13
    movi    a14, 5f
    jx      a14
    movi    a13, 98
5:  OUT     "jx", a13
    _call0  fn_wide
    OUT     "call0", a2
    movi    a14, fn_narrow
    callx0  a14
    OUT     "callx0", a2
    /* a0 holds the return address after CALL0 */
    _call0  fn_ra
6:  movi    a3, 6b
    sub     a2, a2, a3
    OUT     "ra_delta", a2
    EXIT    0

    .align  4
fn_wide:
    movi    a2, 0x1234
    _ret
    .align  4
fn_narrow:
    movi    a2, 0x5678
    ret.n
    .align  4
fn_ra:
    mov     a2, a0
    ret
