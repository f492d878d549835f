package io.twinboard.emu.cpu.arm;

import java.util.Map;

/**
 * Test programs for the Cortex-M4 core, assembled at development time with
 * {@code arm-none-eabi-as -mcpu=cortex-m4 -mthumb} and linked at 0x08000000 (tests need no
 * toolchain). Each program is the common part below plus its own {@code main};
 * {@code tools/m4-program.py NAME main.s} prints a new program's constant.
 *
 * <pre>
    .syntax unified
    .cpu cortex-m4
    .fpu fpv4-sp-d16
    .thumb
    .text
vectors:
    .word 0x20020000
    .word reset + 1
    .rept 105
    .word handler + 1
    .endr
    .thumb_func
reset:
    b main
&#64; Every exception: records sp, lr, psp at 0x20000F00; logs IPSR (and DWT_CYCCNT) at entry and
&#64; IPSR|0x100 at exit into the log at 0x20000000 (count) / 0x20000004 (8-byte entries).
&#64; IRQ0 pends IRQ1 and IRQ2 through STIR; PendSV executes SVC (nested, EXC_RETURN 0xFFFFFFF1).
    .thumb_func
handler:
    mov r0, sp
    mov r1, lr
    mrs r2, psp
    ldr r3, =0x20000F00
    stm r3, {r0, r1, r2}
    push {r4, lr}
    mrs r0, ipsr
    bl log
    mrs r0, ipsr
    cmp r0, #16
    bne 1f
    ldr r1, =0xE000EF00
    movs r2, #1
    str r2, [r1]
    movs r2, #2
    str r2, [r1]
    dsb
    isb
1:  cmp r0, #14
    bne 2f
    svc #0
2:  mrs r0, ipsr
    orr r0, r0, #0x100
    bl log
    pop {r4, pc}
    .thumb_func
log:
    ldr r1, =0x20000000
    ldr r2, [r1]
    add r3, r1, #4
    str r0, [r3, r2, lsl #3]
    ldr r12, =0xE0001004
    ldr r12, [r12]
    add r3, r3, #4
    str r12, [r3, r2, lsl #3]
    adds r2, #1
    str r2, [r1]
    bx lr
    .thumb_func
exit0:
    movs r0, #0x18
    ldr r1, =0x20026
    bkpt 0xab
    .ltorg
 * </pre>
 */
final class M4Programs {
    private M4Programs() {}

    /** The common part's bytes (0x08000000-0x0800022F: vectors, handler, log, exit0); every program starts with them. */
    static final String COMMON = "00000220ad010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af01"
            + "0008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008"
            + "af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af01"
            + "0008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008"
            + "af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af01"
            + "0008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008"
            + "af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af01"
            + "0008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008af010008"
            + "af010008af010008af010008af010008af010008af010008af01000840e068467146eff309821a4b83e8070010b5eff30580"
            + "00f017f8eff30580102808d1154901220a6002220a60bff34f8fbff36f8f0e2800d100dfeff3058040f4807000f001f810bd"
            + "4ff000510a6801f1040343f83200dff824c0dcf800c003f1040343f832c001320a60704718200449abbe0000000f002000ef"
            + "00e0041000e026000200";

    /** An assembled image: bytes for flash at 0x08000000 and its text symbols. */
    record Program(String name, String hex, Map<String, Integer> symbols) {
        byte[] bytes() { return java.util.HexFormat.of().parseHex(hex); }
        int symbol(String s) { Integer a = symbols.get(s); if (a == null) throw new IllegalArgumentException(s); return a; }
    }


    /*
     * .thumb_func
     * main:
     *     ldr r1, =0x50000000  @ nothing mapped there
     *     movs r2, #7
     *     .thumb_func
     * faulting:
     *     ldr r0, [r1, #8]
     *     adds r2, #1
     *     b .
     *     .ltorg
     */
    static final Program BUS = new Program("bus",
            COMMON + "4ff0a041072288680132fee7",
            Map.ofEntries(Map.entry("__bss_end__", 0x0800123c), Map.entry("__bss_start", 0x0800123c), Map.entry("__bss_start__", 0x0800123c), Map.entry("__data_start", 0x0800123c), Map.entry("__end__", 0x0800123c), Map.entry("_bss_end__", 0x0800123c), Map.entry("_edata", 0x0800123c), Map.entry("_end", 0x0800123c), Map.entry("exit0", 0x08000218), Map.entry("faulting", 0x08000236), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * @ Each MEASURE reads DWT_CYCCNT before and after a sequence; results (differences) are stored
     * @ at 0x20000F40 + 4*k. The overhead in each difference is LDR (2) + NOP (1).
     *     .macro START
     *     ldr r5, [r4]
     *     nop
     *     .endm
     *     .macro STOP k
     *     ldr r6, [r4]
     *     subs r6, r6, r5
     *     str r6, [r11, #4*\k]
     *     .endm
     *     .thumb_func
     * main:
     *     ldr r0, =0xE000EDFC  @ DEMCR.TRCENA
     *     mov r1, #0x01000000
     *     str r1, [r0]
     *     ldr r0, =0xE0001000  @ DWT_CTRL.CYCCNTENA
     *     ldr r1, [r0]
     *     orr r1, r1, #1
     *     str r1, [r0]
     *     ldr r4, =0xE0001004
     *     ldr r11, =0x20000F40
     *     ldr r1, =0x20001000
     *     nop                  @ keeps START's LDR from pipelining behind the literal load
     *     START                @ 0: empty
     *     STOP 0
     *     START                @ 1: four data-processing instructions
     *     adds r0, r1, #1
     *     eors r2, r2
     *     lsls r3, r0, #2
     *     mov r7, r3
     *     STOP 1
     *     START                @ 2: LDR; LDR (independent) = 2 + 1
     *     ldr r0, [r1]
     *     ldr r2, [r1, #4]
     *     STOP 2
     *     START                @ 3: three independent loads = 2 + 1 + 1
     *     ldr r0, [r1]
     *     ldr r2, [r1, #4]
     *     ldr r3, [r1, #8]
     *     STOP 3
     *     START                @ 4: STR immediate offset = 1; two = 2
     *     str r0, [r1]
     *     str r2, [r1, #4]
     *     STOP 4
     *     START                @ 5: LDM of 4 registers = 1 + 4
     *     ldm r1, {r0, r2, r3, r7}
     *     STOP 5
     *     START                @ 6: STM of 4 registers = 1 + 4
     *     stm r1, {r0, r2, r3, r7}
     *     STOP 6
     *     START                @ 7: MUL = 1
     *     muls r0, r2, r0
     *     STOP 7
     *     movs r2, #5
     *     movs r3, #100
     *     START                @ 8: UDIV 5/100, quotient 0: early termination, 2
     *     udiv r0, r2, r3
     *     STOP 8
     *     mov r2, #0xFFFFFFFF
     *     movs r3, #1
     *     START                @ 9: UDIV 0xFFFFFFFF/1, 32-bit quotient: 12
     *     udiv r0, r2, r3
     *     STOP 9
     *     START                @ 10: taken B = 1 + P (P = 2)
     *     b 1f
     *     nop
     * 1:  STOP 10
     *     cmp r0, r0
     *     START                @ 11: not-taken BNE = 1, then NOP = 1
     *     bne 2f
     *     nop
     * 2:  STOP 11
     *     cmp r0, r0
     *     START                @ 12: taken BEQ = 1 + P
     *     beq 3f
     *     nop
     * 3:  STOP 12
     *     b exit0
     *     .ltorg
     */
    static final Program CYCLES = new Program("cycles",
            COMMON + "3e484ff0807101603d48016841f0010101603c4cdff8f0b03c4900bf256800bf2668761bcbf80060256800bf481c52408300"
            + "1f462668761bcbf80460256800bf08684a682668761bcbf80860256800bf08684a688b682668761bcbf80c60256800bf0860"
            + "4a602668761bcbf81060256800bf91e88d002668761bcbf81460256800bf81e88d002668761bcbf81860256800bf50432668"
            + "761bcbf81c6005226423256800bfb2fbf3f02668761bcbf820604ff0ff320123256800bfb2fbf3f02668761bcbf824602568"
            + "00bf00e000bf2668761bcbf828608042256800bf00d100bf2668761bcbf82c608042256800bf00d000bf2668761bcbf83060"
            + "75e7fced00e0001000e0041000e0400f002000100020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001340), Map.entry("__bss_start", 0x08001340), Map.entry("__bss_start__", 0x08001340), Map.entry("__data_start", 0x08001340), Map.entry("__end__", 0x08001340), Map.entry("_bss_end__", 0x08001340), Map.entry("_edata", 0x08001340), Map.entry("_end", 0x08001340), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     ldr r0, =0xE000ED14  @ CCR.DIV_0_TRP
     *     ldr r1, [r0]
     *     orr r1, r1, #0x10
     *     str r1, [r0]
     *     dsb
     *     isb
     *     movs r0, #0x33
     *     movs r1, #5
     *     movs r2, #0
     *     .thumb_func
     * faulting:
     *     udiv r0, r1, r2
     *     movs r0, #0x44
     *     b .
     *     .ltorg
     */
    static final Program DIV0 = new Program("div0",
            COMMON + "0748016841f010010160bff34f8fbff36f8f332005210022b1fbf2f04420fee714ed00e0",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001254), Map.entry("__bss_start", 0x08001254), Map.entry("__bss_start__", 0x08001254), Map.entry("__data_start", 0x08001254), Map.entry("__end__", 0x08001254), Map.entry("_bss_end__", 0x08001254), Map.entry("_edata", 0x08001254), Map.entry("_end", 0x08001254), Map.entry("exit0", 0x08000218), Map.entry("faulting", 0x08000248), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     movs r0, #4          @ SYS_WRITE0 "hi\n"
     *     adr r1, msg
     *     bkpt 0xab
     *     movs r0, #0x20       @ SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, 3}
     *     adr r1, block
     *     bkpt 0xab
     *     b .
     *     .align 2
     * block: .word 0x20026, 3
     * msg: .asciz "hi\n"
     */
    static final Program EXIT = new Program("exit",
            COMMON + "042005a1abbe202001a1abbefee700bf260002000300000068690a00",
            Map.ofEntries(Map.entry("__bss_end__", 0x0800124c), Map.entry("__bss_start", 0x0800124c), Map.entry("__bss_start__", 0x0800124c), Map.entry("__data_start", 0x0800124c), Map.entry("__end__", 0x0800124c), Map.entry("_bss_end__", 0x0800124c), Map.entry("_edata", 0x0800124c), Map.entry("_end", 0x0800124c), Map.entry("block", 0x08000240), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("msg", 0x08000248), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     ldr r1, =0x08000100  @ flash: read-only to the guest
     *     movs r0, #1
     *     .thumb_func
     * faulting:
     *     str r0, [r1]
     *     b .
     *     .ltorg
     */
    static final Program FLASH_WRITE = new Program("flash_write",
            COMMON + "014901200860fee700010008",
            Map.ofEntries(Map.entry("__bss_end__", 0x0800123c), Map.entry("__bss_start", 0x0800123c), Map.entry("__bss_start__", 0x0800123c), Map.entry("__data_start", 0x0800123c), Map.entry("__end__", 0x0800123c), Map.entry("_bss_end__", 0x0800123c), Map.entry("_edata", 0x0800123c), Map.entry("_end", 0x0800123c), Map.entry("exit0", 0x08000218), Map.entry("faulting", 0x08000234), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     ldr r0, =0x3fc00000  @ 1.5f
     *     vmov s1, r0
     *     vmov s2, r0
     *     vadd.f32 s0, s1, s2
     *     vmov r1, s0
     *     ldr r7, =0x20000F20
     *     str r1, [r7]
     *     b exit0
     *     .ltorg
     */
    static final Program FPU = new Program("fpu",
            COMMON + "4ff07f5000ee900a01ee100a30ee810a10ee101a014f3960e6e70000200f0020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001250), Map.entry("__bss_start", 0x08001250), Map.entry("__bss_start__", 0x08001250), Map.entry("__data_start", 0x08001250), Map.entry("__end__", 0x08001250), Map.entry("_bss_end__", 0x08001250), Map.entry("_edata", 0x08001250), Map.entry("_end", 0x08001250), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * @ Speed check: a tight loop (4 instructions per block, 10 M iterations), then a loop whose
     * @ block has 24 instructions like compiled hash code (4 M iterations); exits through SYS_EXIT.
     *     .thumb_func
     * main:
     *     ldr r2, =10000000
     * 1:  adds r0, #1
     *     eors r1, r0
     *     subs r2, #1
     *     bne 1b
     *     ldr r2, =4000000
     *     ldr r3, =0x20001000
     * 2:  ldr r4, [r3]
     *     ldr r5, [r3, #4]
     *     add r6, r4, r5, ror #7
     *     eor r7, r6, r4, lsr #3
     *     and r8, r7, r5
     *     bic r9, r6, r7
     *     orr r10, r8, r9
     *     add r4, r4, r10
     *     ror r5, r5, #11
     *     eor r6, r6, r5
     *     add r7, r7, r6, lsl #2
     *     mvn r8, r7
     *     str r4, [r3]
     *     str r5, [r3, #4]
     *     add r9, r9, r8
     *     eor r10, r10, r9
     *     adds r0, r0, r10
     *     ror r1, r1, #3
     *     eor r1, r1, r0
     *     add r6, r6, #1
     *     str r6, [r3, #8]
     *     subs r2, #1
     *     bne 2b
     *     b exit0
     *     .ltorg
     */
    static final Program HOT_LOOP = new Program("hot_loop",
            COMMON + "164a01304140013afbd1154a154b1c685d6804ebf51686ead40707ea050826ea070948ea090a54444feaf52586ea050607eb"
            + "86076fea07081c605d60c1448aea090a10eb0a004feaf10181ea000106f101069e60013adad1c6e700008096980000093d00"
            + "00100020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001298), Map.entry("__bss_start", 0x08001298), Map.entry("__bss_start__", 0x08001298), Map.entry("__data_start", 0x08001298), Map.entry("__end__", 0x08001298), Map.entry("_bss_end__", 0x08001298), Map.entry("_edata", 0x08001298), Map.entry("_end", 0x08001298), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     wfi
     *     b main
     */
    static final Program IDLE = new Program("idle",
            COMMON + "30bffde7",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001234), Map.entry("__bss_start", 0x08001234), Map.entry("__bss_start__", 0x08001234), Map.entry("__data_start", 0x08001234), Map.entry("__end__", 0x08001234), Map.entry("_bss_end__", 0x08001234), Map.entry("_edata", 0x08001234), Map.entry("_end", 0x08001234), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * @ 200 000 iterations of a block that reads DWT_CYCCNT (MMIO path) and counts down.
     *     .thumb_func
     * main:
     *     ldr r0, =0xE000EDFC  @ DEMCR.TRCENA
     *     mov r1, #0x01000000
     *     str r1, [r0]
     *     ldr r0, =0xE0001000  @ DWT_CTRL.CYCCNTENA
     *     movs r1, #1
     *     str r1, [r0]
     *     ldr r4, =0xE0001004
     *     ldr r2, =200000
     * 1:  ldr r0, [r4]
     *     adds r1, #1
     *     subs r2, #1
     *     bne 1b
     *     b exit0
     *     .ltorg
     */
    static final Program MMIO_LOOP = new Program("mmio_loop",
            COMMON + "06484ff080710160054801210160054c054a20680131013afbd1e5e7fced00e0001000e0041000e0400d0300",
            Map.ofEntries(Map.entry("__bss_end__", 0x0800125c), Map.entry("__bss_start", 0x0800125c), Map.entry("__bss_start__", 0x0800125c), Map.entry("__data_start", 0x0800125c), Map.entry("__end__", 0x0800125c), Map.entry("_bss_end__", 0x0800125c), Map.entry("_edata", 0x0800125c), Map.entry("_end", 0x0800125c), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * @ Two device writes 5 cycles apart (STR imm 1 + 4 x ADDS) inside one block.
     *     .thumb_func
     * main:
     *     ldr r4, =0x40000000
     *     movs r0, #1
     *     nop
     *     str r0, [r4]
     *     adds r1, #1
     *     adds r1, #1
     *     adds r1, #1
     *     adds r1, #1
     *     str r0, [r4, #4]
     *     ldr r0, [r4, #8]
     *     b exit0
     *     .ltorg
     */
    static final Program MMIO_TIME = new Program("mmio_time",
            COMMON + "4ff08044012000bf206001310131013101316060a068e7e7",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001248), Map.entry("__bss_start", 0x08001248), Map.entry("__bss_start__", 0x08001248), Map.entry("__data_start", 0x08001248), Map.entry("__end__", 0x08001248), Map.entry("_bss_end__", 0x08001248), Map.entry("_edata", 0x08001248), Map.entry("_end", 0x08001248), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     movs r0, #0x10
     *     movs r1, #0x11
     *     movs r2, #0x12
     *     movs r3, #0x13
     *     mov r12, #0x1C
     *     ldr lr, =0x0800AAA1
     *     ldr r4, =0xE000ED04
     *     mov r5, #0x10000000  @ ICSR.PENDSVSET
     *     str r5, [r4]
     *     dsb
     *     isb
     *     .thumb_func
     * after_pendsv:
     *     mov r6, sp
     *     ldr r7, =0x20000F20
     *     stm r7, {r0, r1, r2, r3, r6}
     *     b exit0
     *     .ltorg
     */
    static final Program PENDSV_FRAME = new Program("pendsv_frame",
            COMMON + "10201121122213234ff01c0cdff81ce0074c4ff080552560bff34f8fbff36f8f6e46044f87e84f00dee70000a1aa000804ed"
            + "00e0200f0020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001268), Map.entry("__bss_start", 0x08001268), Map.entry("__bss_start__", 0x08001268), Map.entry("__data_start", 0x08001268), Map.entry("__end__", 0x08001268), Map.entry("_bss_end__", 0x08001268), Map.entry("_edata", 0x08001268), Map.entry("_end", 0x08001268), Map.entry("after_pendsv", 0x08000250), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * @ Polls STATUS of a test device at 0x40000000 until bit 0 is set, counting polls in r5 (the
     * @ read comes 3 instructions into the loop block); then writes the count to +4 and
     * @ DWT_CYCCNT to +8.
     *     .thumb_func
     * main:
     *     ldr r0, =0xE000EDFC
     *     mov r1, #0x01000000
     *     str r1, [r0]
     *     ldr r0, =0xE0001000
     *     movs r1, #1
     *     str r1, [r0]
     *     ldr r4, =0x40000000
     *     movs r5, #0
     * 1:  adds r5, #1
     *     mul r6, r5, r5
     *     adds r6, #3
     *     ldr r0, [r4]
     *     tst r0, #1
     *     beq 1b
     *     str r5, [r4, #4]
     *     ldr r0, =0xE0001004
     *     ldr r0, [r0]
     *     str r0, [r4, #8]
     *     b exit0
     *     .ltorg
     */
    static final Program POLL = new Program("poll",
            COMMON + "0b484ff0807101600a48012101604ff080440025013505fb05f60336206810f0010ff7d0656004480068a060dce70000fced"
            + "00e0001000e0041000e0",
            Map.ofEntries(Map.entry("__bss_end__", 0x0800126c), Map.entry("__bss_start", 0x0800126c), Map.entry("__bss_start__", 0x0800126c), Map.entry("__data_start", 0x0800126c), Map.entry("__end__", 0x0800126c), Map.entry("_bss_end__", 0x0800126c), Map.entry("_edata", 0x0800126c), Map.entry("_end", 0x0800126c), Map.entry("_stack", 0x00080000), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));

    /*
     * .thumb_func
     * main:
     *     ldr r0, =0x20008000
     *     msr psp, r0
     *     movs r0, #2          @ CONTROL.SPSEL = 1: thread mode uses PSP
     *     msr control, r0
     *     isb
     *     movs r0, #0x20
     *     movs r1, #0x21
     *     movs r2, #0x22
     *     movs r3, #0x23
     *     ldr r4, =0xE000ED04
     *     mov r5, #0x10000000  @ ICSR.PENDSVSET
     *     str r5, [r4]
     *     dsb
     *     isb
     *     .thumb_func
     * after_pendsv:
     *     mov r6, sp
     *     mrs r8, msp
     *     mrs r9, control
     *     ldr r7, =0x20000F20
     *     stm r7, {r0, r1, r2, r3, r6, r8, r9}
     *     b exit0
     *     .ltorg
     */
    static final Program PSP_FRAME = new Program("psp_frame",
            COMMON + "0e4880f30988022080f31488bff36f8f2020212122222323094c4ff080552560bff34f8fbff36f8f6e46eff30888eff31489"
            + "044f87e84f03d6e700000080002004ed00e0200f0020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001278), Map.entry("__bss_start", 0x08001278), Map.entry("__bss_start__", 0x08001278), Map.entry("__data_start", 0x08001278), Map.entry("__end__", 0x08001278), Map.entry("_bss_end__", 0x08001278), Map.entry("_edata", 0x08001278), Map.entry("_end", 0x08001278), Map.entry("after_pendsv", 0x08000258), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     ldr r0, =0xE000ED0C
     *     ldr r1, =0x05FA0004  @ AIRCR: VECTKEY | SYSRESETREQ
     *     str r1, [r0]
     *     dsb
     *     b .
     *     .ltorg
     */
    static final Program RESET = new Program("reset",
            COMMON + "024803490160bff34f8ffee70ced00e00400fa05",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001244), Map.entry("__bss_start", 0x08001244), Map.entry("__bss_start__", 0x08001244), Map.entry("__data_start", 0x08001244), Map.entry("__end__", 0x08001244), Map.entry("_bss_end__", 0x08001244), Map.entry("_edata", 0x08001244), Map.entry("_end", 0x08001244), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     movs r0, #0x5A
     *     svc #0
     *     .thumb_func
     * after_svc:
     *     ldr r7, =0x20000F20
     *     str r0, [r7]
     *     b exit0
     *     .ltorg
     */
    static final Program SVC = new Program("svc",
            COMMON + "5a2000df014f3860eee70000200f0020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001240), Map.entry("__bss_start", 0x08001240), Map.entry("__bss_start__", 0x08001240), Map.entry("__data_start", 0x08001240), Map.entry("__end__", 0x08001240), Map.entry("_bss_end__", 0x08001240), Map.entry("_edata", 0x08001240), Map.entry("_end", 0x08001240), Map.entry("after_svc", 0x08000234), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * @ Reads SYST_CVR twice in one block, 4 data-processing instructions apart; with the processor
     * @ clock the counter drops by the cycles in between: LDR (2) + NOP (1) + 4.
     *     .thumb_func
     * main:
     *     ldr r4, =0xE000E010
     *     ldr r0, =0x00FFFFFF
     *     str r0, [r4, #4]     @ SYST_RVR
     *     str r0, [r4, #8]     @ SYST_CVR (clears)
     *     movs r0, #5
     *     str r0, [r4]         @ SYST_CSR: ENABLE | CLKSOURCE
     *     nop
     *     ldr r5, [r4, #8]
     *     nop
     *     adds r0, #1
     *     adds r1, #1
     *     adds r2, #1
     *     adds r3, #1
     *     ldr r6, [r4, #8]
     *     subs r6, r5, r6
     *     ldr r7, =0x20000F20
     *     str r6, [r7]
     *     b exit0
     *     .ltorg
     */
    static final Program SYSTICK_CVR = new Program("systick_cvr",
            COMMON + "094c6ff07f406060a0600520206000bfa56800bf0130013101320133a668ae1b024f3e60e0e7000010e000e0200f0020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001260), Map.entry("__bss_start", 0x08001260), Map.entry("__bss_start__", 0x08001260), Map.entry("__data_start", 0x08001260), Map.entry("__end__", 0x08001260), Map.entry("_bss_end__", 0x08001260), Map.entry("_edata", 0x08001260), Map.entry("_end", 0x08001260), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     movs r0, #1
     *     nop
     *     .thumb_func
     * faulting:
     *     udf #0
     *     b .
     */
    static final Program UDF = new Program("udf",
            COMMON + "012000bf00defee7",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001238), Map.entry("__bss_start", 0x08001238), Map.entry("__bss_start__", 0x08001238), Map.entry("__data_start", 0x08001238), Map.entry("__end__", 0x08001238), Map.entry("_bss_end__", 0x08001238), Map.entry("_edata", 0x08001238), Map.entry("_end", 0x08001238), Map.entry("exit0", 0x08000218), Map.entry("faulting", 0x08000234), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * .thumb_func
     * main:
     *     ldr r0, =0xE000ED14  @ CCR.UNALIGN_TRP
     *     ldr r1, [r0]
     *     orr r1, r1, #8
     *     str r1, [r0]
     *     dsb
     *     isb
     *     ldr r1, =0x20000001
     *     movs r2, #7
     *     .thumb_func
     * faulting:
     *     ldr r0, [r1]
     *     movs r2, #8
     *     b .
     *     .ltorg
     */
    static final Program UNALIGNED = new Program("unaligned",
            COMMON + "0648016841f008010160bff34f8fbff36f8f0349072208680822fee714ed00e001000020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001254), Map.entry("__bss_start", 0x08001254), Map.entry("__bss_start__", 0x08001254), Map.entry("__data_start", 0x08001254), Map.entry("__end__", 0x08001254), Map.entry("_bss_end__", 0x08001254), Map.entry("_edata", 0x08001254), Map.entry("_end", 0x08001254), Map.entry("exit0", 0x08000218), Map.entry("faulting", 0x08000246), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));


    /*
     * @ FP context across an exception: S0-S15 = 0x40000000 + i, FPSCR = 0x03C00000 (CONTROL.FPCA
     * @ becomes 1), SP made 4 mod 8, then SysTick is pended through ICSR.PENDSTSET (its handler only
     * @ logs). DWT_CYCCNT just before the pend goes to 0x20000F30, just after the return to
     * @ 0x20000F34; then S0-S15, FPSCR, CONTROL and SP to 0x20000F40.
     *     .thumb_func
     * main:
     *     ldr r1, =0xE000EDFC   @ DEMCR.TRCENA
     *     mov r2, #0x01000000
     *     str r2, [r1]
     *     ldr r4, =0xE0001004   @ DWT_CYCCNT
     *     ldr r1, =0xE0001000   @ DWT_CTRL.CYCCNTENA
     *     movs r2, #1
     *     str r2, [r1]
     *     movw r0, #0
     *     movt r0, #0x4000
     *     vmov s0, r0
     *     adds r0, #1
     *     vmov s1, r0
     *     adds r0, #1
     *     vmov s2, r0
     *     adds r0, #1
     *     vmov s3, r0
     *     adds r0, #1
     *     vmov s4, r0
     *     adds r0, #1
     *     vmov s5, r0
     *     adds r0, #1
     *     vmov s6, r0
     *     adds r0, #1
     *     vmov s7, r0
     *     adds r0, #1
     *     vmov s8, r0
     *     adds r0, #1
     *     vmov s9, r0
     *     adds r0, #1
     *     vmov s10, r0
     *     adds r0, #1
     *     vmov s11, r0
     *     adds r0, #1
     *     vmov s12, r0
     *     adds r0, #1
     *     vmov s13, r0
     *     adds r0, #1
     *     vmov s14, r0
     *     adds r0, #1
     *     vmov s15, r0
     *     ldr r0, =0x03C00000
     *     vmsr fpscr, r0
     *     sub sp, #4
     *     ldr r1, =0xE000ED04   @ ICSR
     *     mov r2, #0x04000000   @ PENDSTSET
     *     .thumb_func
     * pend:
     *     ldr r5, [r4]
     *     str r2, [r1]
     *     dsb
     *     isb
     *     .thumb_func
     * after_exception:
     *     ldr r6, [r4]
     *     add sp, #4
     *     ldr r7, =0x20000F30
     *     stm r7, {r5, r6}
     *     ldr r7, =0x20000F40
     *     vstmia r7!, {s0-s15}
     *     vmrs r0, fpscr
     *     mrs r1, control
     *     mov r2, sp
     *     stm r7, {r0, r1, r2}
     *     b exit0
     *     .ltorg
     */
    static final Program FP_FRAME = new Program("fp_frame",
            COMMON + "2c494ff080720a602b4c2c4901220a6040f20000c4f2000000ee100a013000ee900a013001ee100a013001ee900a013002ee"
            + "100a013002ee900a013003ee100a013003ee900a013004ee100a013004ee900a013005ee100a013005ee900a013006ee100a"
            + "013006ee900a013007ee100a013007ee900a4ff07070e1ee100a81b00f494ff0806225680a60bff34f8fbff36f8f266801b0"
            + "0b4f87e860000a4fa7ec100af1ee100aeff314816a4687e807009ae70000fced00e0041000e0001000e004ed00e0300f0020"
            + "400f0020",
            Map.ofEntries(Map.entry("__bss_end__", 0x080012fc), Map.entry("__bss_start", 0x080012fc), Map.entry("__bss_start__", 0x080012fc), Map.entry("__data_start", 0x080012fc), Map.entry("__end__", 0x080012fc), Map.entry("_bss_end__", 0x080012fc), Map.entry("_edata", 0x080012fc), Map.entry("_end", 0x080012fc), Map.entry("after_exception", 0x080002c2), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("pend", 0x080002b6), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));

    /*
     * @ Exception entry, return and tail-chaining measured with DWT_CYCCNT (r4 = its address). A
     * @ vector table of its own (VTOR) sends SVCall to svc_handler and PendSV to pendsv_handler.
     * @ Thread: r5 = CYCCNT, SVC. svc_handler: r6 = CYCCNT, pends PendSV (same priority: it waits),
     * @ returns. PendSV is tail-chained: r8 = CYCCNT, returns. Thread: r7 = CYCCNT; r5-r8 stored at
     * @ 0x20000F30.
     *     .thumb_func
     * main:
     *     ldr r1, =0xE000EDFC   @ DEMCR.TRCENA
     *     mov r2, #0x01000000
     *     str r2, [r1]
     *     ldr r4, =0xE0001004   @ DWT_CYCCNT
     *     ldr r1, =0xE0001000   @ DWT_CTRL.CYCCNTENA
     *     movs r2, #1
     *     str r2, [r1]
     *     ldr r0, =own_vectors
     *     ldr r1, =0xE000ED08   @ VTOR
     *     str r0, [r1]
     *     dsb
     *     isb
     *     ldr r1, =0xE000ED04   @ ICSR
     *     mov r2, #0x10000000   @ PENDSVSET
     *     .thumb_func
     * measure:
     *     ldr r5, [r4]
     *     svc #0
     *     .thumb_func
     * after_svc:
     *     ldr r7, [r4]
     *     ldr r0, =0x20000F30
     *     stm r0, {r5, r6, r7, r8}
     *     b exit0
     *     .thumb_func
     * svc_handler:
     *     ldr r6, [r4]
     *     str r2, [r1]
     *     bx lr
     *     .thumb_func
     * pendsv_handler:
     *     ldr r8, [r4]
     *     bx lr
     *     .ltorg
     *     .balign 512
     * own_vectors:
     *     .word 0x20020000
     *     .word reset + 1
     *     .rept 9
     *     .word handler + 1
     *     .endr
     *     .word svc_handler + 1      @ 11 SVCall
     *     .word handler + 1
     *     .word handler + 1
     *     .word pendsv_handler + 1   @ 14 PendSV
     *     .word handler + 1
     */
    static final Program EXC_CYCLES = new Program("exc_cycles",
            COMMON + "0f494ff080720a600e4c0f4901220a600e480f490860bff34f8fbff36f8f0d494ff08052256800df27680b4880e8e001dae7"
            + "26680a607047d4f8008070470000fced00e0041000e0001000e00004000808ed00e004ed00e0300f0020aff30080aff30080"
            + "aff30080aff30080aff30080aff30080aff30080aff30080aff30080aff30080aff30080aff30080aff30080000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000220ad010008af010008af010008af010008af010008af010008af010008af010008"
            + "af010008af01000863020008af010008af01000869020008af010008",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001440), Map.entry("__bss_start", 0x08001440), Map.entry("__bss_start__", 0x08001440), Map.entry("__data_start", 0x08001440), Map.entry("__end__", 0x08001440), Map.entry("_bss_end__", 0x08001440), Map.entry("_edata", 0x08001440), Map.entry("_end", 0x08001440), Map.entry("after_svc", 0x08000258), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("measure", 0x08000254), Map.entry("own_vectors", 0x08000400), Map.entry("pendsv_handler", 0x08000268), Map.entry("reset", 0x080001ac), Map.entry("svc_handler", 0x08000262), Map.entry("vectors", 0x08000000)));

    /*
     * @ SEV sets the event register: the first WFE returns at once (clearing it); the second sleeps,
     * @ and with nothing scheduled the run stops idle. Markers at 0x20000F20.
     *     .thumb_func
     * main:
     *     ldr r7, =0x20000F20
     *     sev
     *     wfe
     *     .thumb_func
     * after_first_wfe:
     *     movs r0, #1
     *     str r0, [r7]
     *     wfe
     *     .thumb_func
     * after_second_wfe:
     *     movs r0, #2
     *     str r0, [r7]
     *     b exit0
     *     .ltorg
     */
    static final Program WFE_SEV = new Program("wfe_sev",
            COMMON + "044f40bf20bf0120386020bf02203860eae70000200f0020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001248), Map.entry("__bss_start", 0x08001248), Map.entry("__bss_start__", 0x08001248), Map.entry("__data_start", 0x08001248), Map.entry("__end__", 0x08001248), Map.entry("_bss_end__", 0x08001248), Map.entry("_edata", 0x08001248), Map.entry("_end", 0x08001248), Map.entry("after_first_wfe", 0x08000236), Map.entry("after_second_wfe", 0x0800023c), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("vectors", 0x08000000)));

    /*
     * @ FAULTMASK (CPSID f) raises the execution priority to -1: a pended SysTick waits until CPSIE f.
     * @ The log count (0x20000000) before and after goes to 0x20000F30.
     *     .thumb_func
     * main:
     *     cpsid f
     *     ldr r1, =0xE000ED04   @ ICSR
     *     mov r2, #0x04000000   @ PENDSTSET
     *     str r2, [r1]
     *     dsb
     *     isb
     *     ldr r7, =0x20000000
     *     ldr r5, [r7]
     *     cpsie f
     *     isb
     *     .thumb_func
     * unmasked:
     *     ldr r6, [r7]
     *     ldr r0, =0x20000F30
     *     stm r0, {r5, r6}
     *     b exit0
     *     .ltorg
     */
    static final Program FAULTMASK = new Program("faultmask",
            COMMON + "71b609494ff080620a60bff34f8fbff36f8f4ff000573d6861b6bff36f8f3e68024880e86000dfe704ed00e0300f0020",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001260), Map.entry("__bss_start", 0x08001260), Map.entry("__bss_start__", 0x08001260), Map.entry("__data_start", 0x08001260), Map.entry("__end__", 0x08001260), Map.entry("_bss_end__", 0x08001260), Map.entry("_edata", 0x08001260), Map.entry("_end", 0x08001260), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("reset", 0x080001ac), Map.entry("unmasked", 0x0800024e), Map.entry("vectors", 0x08000000)));

    /*
     * @ An SVCall handler (own vector table) returns to EXC_RETURN 0xFFFFFFF5, which is reserved:
     * @ UsageFault INVPC (ARMv7-M B1.5.8), escalated to HardFault as UsageFault is disabled.
     *     .thumb_func
     * main:
     *     ldr r0, =own_vectors
     *     ldr r1, =0xE000ED08   @ VTOR
     *     str r0, [r1]
     *     dsb
     *     isb
     *     svc #0
     *     b exit0
     *     .thumb_func
     * svc_handler:
     *     ldr r0, =0xFFFFFFF5
     *     .thumb_func
     * bad_return:
     *     bx r0
     *     .ltorg
     *     .balign 512
     * own_vectors:
     *     .word 0x20020000
     *     .word reset + 1
     *     .rept 9
     *     .word handler + 1
     *     .endr
     *     .word svc_handler + 1      @ 11 SVCall
     *     .rept 4
     *     .word handler + 1
     *     .endr
     */
    static final Program BAD_RETURN = new Program("bad_return",
            COMMON + "054806490860bff34f8fbff36f8f00dfeae76ff00a0000470004000808ed00e0aff30080aff30080aff30080aff30080aff3"
            + "0080aff30080aff30080aff30080aff30080aff30080aff30080aff300800000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000220ad010008af010008af010008af010008af010008af010008af010008af010008"
            + "af010008af01000843020008af010008af010008af010008af010008",
            Map.ofEntries(Map.entry("__bss_end__", 0x08001440), Map.entry("__bss_start", 0x08001440), Map.entry("__bss_start__", 0x08001440), Map.entry("__data_start", 0x08001440), Map.entry("__end__", 0x08001440), Map.entry("_bss_end__", 0x08001440), Map.entry("_edata", 0x08001440), Map.entry("_end", 0x08001440), Map.entry("bad_return", 0x08000246), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("own_vectors", 0x08000400), Map.entry("reset", 0x080001ac), Map.entry("svc_handler", 0x08000242), Map.entry("vectors", 0x08000000)));

    /*
     * @ Flash line fetches through the ART (RM0090 §3.4): two passes over a call to three_lines (three
     * @ 16-byte lines of four ADD.W each, then BX LR on a fourth) and to one_line (one such line, then
     * @ BX LR). Each call is timed with DWT_CYCCNT; the four results go to 0x20000F30.
     *     .thumb_func
     * main:
     *     ldr r1, =0xE000EDFC   @ DEMCR.TRCENA
     *     mov r2, #0x01000000
     *     str r2, [r1]
     *     ldr r4, =0xE0001004   @ DWT_CYCCNT
     *     ldr r1, =0xE0001000   @ DWT_CTRL.CYCCNTENA
     *     movs r2, #1
     *     str r2, [r1]
     *     ldr r7, =0x20000F30
     *     movs r3, #2
     * 1:  ldr r5, [r4]
     *     bl three_lines
     *     ldr r6, [r4]
     *     subs r6, r5
     *     str r6, [r7], #4
     *     ldr r5, [r4]
     *     bl one_line
     *     ldr r6, [r4]
     *     subs r6, r5
     *     str r6, [r7], #4
     *     subs r3, #1
     *     bne 1b
     *     b exit0
     *     .ltorg
     *     .balign 16
     *     .thumb_func
     * three_lines:
     *     .rept 12
     *     add.w r0, r0, #1
     *     .endr
     *     bx lr
     *     .balign 16
     *     .thumb_func
     * one_line:
     *     .rept 4
     *     add.w r0, r0, #1
     *     .endr
     *     bx lr
     */
    static final Program FLASH_LINES = new Program("flash_lines",
            COMMON + "0d494ff080720a600c4c0d4901220a600c4f0223256800f01bf82668761b47f8046b256800f034f82668761b47f8046b013b"
            + "efd1d8e70000fced00e0041000e0001000e0300f0020aff30080aff3008000f1010000f1010000f1010000f1010000f10100"
            + "00f1010000f1010000f1010000f1010000f1010000f1010000f10100704700bfaff30080aff30080aff3008000f1010000f1"
            + "010000f1010000f10100704700bf",
            Map.ofEntries(Map.entry("__bss_end__", 0x080012d4), Map.entry("__bss_start", 0x080012d4), Map.entry("__bss_start__", 0x080012d4), Map.entry("__data_start", 0x080012d4), Map.entry("__end__", 0x080012d4), Map.entry("_bss_end__", 0x080012d4), Map.entry("_edata", 0x080012d4), Map.entry("_end", 0x080012d4), Map.entry("exit0", 0x08000218), Map.entry("handler", 0x080001ae), Map.entry("log", 0x080001f4), Map.entry("main", 0x08000230), Map.entry("one_line", 0x080002c0), Map.entry("reset", 0x080001ac), Map.entry("three_lines", 0x08000280), Map.entry("vectors", 0x08000000)));
}
