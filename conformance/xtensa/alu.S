/* Arithmetic and logic: ADD/SUB/ADDX/SUBX, AND/OR/XOR, NEG/ABS, ADDI/ADDMI, MOVI, density
   forms, conditional moves, EXTUI, NSA/NSAU, MUL16U/MUL16S/MULL. */
#include "harness.inc"
    movi    a2, 0x7fffffff
    movi    a3, 1
    add     a4, a2, a3
    OUT     "add_ovf", a4
    sub     a4, a3, a2
    OUT     "sub", a4
    movi    a5, -5
    addx2   a4, a5, a3
    OUT     "addx2", a4
    addx4   a4, a2, a5
    OUT     "addx4", a4
    addx8   a4, a5, a5
    OUT     "addx8", a4
    subx2   a4, a5, a3
    OUT     "subx2", a4
    subx4   a4, a3, a5
    OUT     "subx4", a4
    subx8   a4, a2, a3
    OUT     "subx8", a4
    movi    a6, 0x0ff0
    movi    a7, 0x3c3c
    and     a4, a6, a7
    OUT     "and", a4
    or      a4, a6, a7
    OUT     "or", a4
    xor     a4, a6, a7
    OUT     "xor", a4
    neg     a4, a5
    OUT     "neg", a4
    movi    a8, 0
    neg     a4, a8
    OUT     "neg0", a4
    movi    a8, 0x80000000
    neg     a4, a8
    OUT     "neg_min", a4
    abs     a4, a5
    OUT     "abs", a4
    abs     a4, a8
    OUT     "abs_min", a4
    abs     a4, a3
    OUT     "abs_pos", a4
    addi    a4, a3, -128
    OUT     "addi_min", a4
    addi    a4, a3, 127
    OUT     "addi_max", a4
    addmi   a4, a3, -32768
    OUT     "addmi_min", a4
    addmi   a4, a3, 32512
    OUT     "addmi_max", a4
    movi    a4, -2048
    OUT     "movi_min", a4
    movi    a4, 2047
    OUT     "movi_max", a4
    movi.n  a4, -32
    OUT     "movin_min", a4
    movi.n  a4, 95
    OUT     "movin_max", a4
    movi.n  a4, 0
    OUT     "movin_0", a4
    add.n   a4, a5, a2
    OUT     "addn", a4
    addi.n  a4, a3, -1
    OUT     "addin_m1", a4
    addi.n  a4, a3, 15
    OUT     "addin_15", a4
    mov.n   a9, a5
    OUT     "movn", a9
    mov     a9, a2
    OUT     "mov", a9
    /* conditional moves: a10 = 0x111 then maybe replaced by a11 = 0x222 */
    movi    a11, 0x222
    .irp    cond, moveqz, movnez, movltz, movgez
    .irp    tval, 0, 1, -1
    movi    a10, 0x111
    movi    a12, \tval
    \cond   a10, a11, a12
    OUT     "\cond\()_\tval", a10
    .endr
    .endr
    /* EXTUI: every shift with masks 1, 5, 16 bits */
    movi    a2, 0x9abcdef1
    extui   a4, a2, 0, 1
    OUT     "extui_0_1", a4
    extui   a4, a2, 31, 1
    OUT     "extui_31_1", a4
    extui   a4, a2, 4, 16
    OUT     "extui_4_16", a4
    extui   a4, a2, 15, 16
    OUT     "extui_15_16", a4
    extui   a4, a2, 16, 16
    OUT     "extui_16_16", a4
    extui   a4, a2, 27, 5
    OUT     "extui_27_5", a4
    extui   a4, a2, 0, 16
    OUT     "extui_0_16", a4
    extui   a4, a2, 17, 15
    OUT     "extui_17_15", a4
    /* NSA / NSAU */
    .irp    v, 0, -1, 1, -2, 0x40000000, 0x80000000, 0x7fffffff, 0x00012345, 0xfffe0000
    movi    a2, \v
    nsa     a4, a2
    OUT     "nsa_\v", a4
    nsau    a4, a2
    OUT     "nsau_\v", a4
    .endr
    /* MUL16U / MUL16S use the low 16 bits, signed or not */
    .irp    x, 0x0000ffff, 0x12348000, 0x00007fff, 0xffff0003
    .irp    y, 0x0000ffff, 0x00008001, 0x00000002
    movi    a2, \x
    movi    a3, \y
    mul16u  a4, a2, a3
    OUT     "mul16u_\x\()_\y", a4
    mul16s  a4, a2, a3
    OUT     "mul16s_\x\()_\y", a4
    mull    a4, a2, a3
    OUT     "mull_\x\()_\y", a4
    .endr
    .endr
    movi    a2, 0x80000000
    movi    a3, -1
    mull    a4, a2, a3
    OUT     "mull_min_m1", a4
    /* results in a0 and a15 */
    movi    a0, 5
    movi    a15, 7
    add     a15, a0, a15
    OUT     "a15", a15
    /* wide forms the assembler would otherwise narrow */
    movi    a2, 0x7ffffff0
    movi    a5, 0x20
    _add    a4, a2, a5
    OUT     "add_wide", a4
    _addi   a4, a5, 3
    OUT     "addi_wide", a4
    _movi   a4, 95
    OUT     "movi_wide", a4
    _mov    a4, a2
    OUT     "mov_wide", a4
    EXIT    0
