/*
 * ESP8266 (Xtensa LX106, CALL0 ABI) entry point and exception vectors. No ROM code is used: the
 * emulator (like a debugger loading the ELF) starts at the ELF entry point, _start, in IRAM.
 *
 * Vector offsets from VECBASE are those of the LX106 configuration (Xtensa ISA reference
 * §4.4.1.5 "relocatable vectors"; the same offsets as Espressif's SDK): debug 0x10, NMI
 * (level 3) 0x20, kernel 0x30, user 0x50, double 0x70. Each vector is an endless loop: the
 * emulator reports the exception itself when it takes it. The one exception handled is a level-1
 * interrupt at the user vector (PS.UM = 1): only board_sleep_us() enables one (CCOMPARE0, to end
 * its WAITI), and the handler just disables interrupts again (INTENABLE = 0) and returns.
 */
    .section .DebugExceptionVector.text, "ax"
    .global _DebugExceptionVector
_DebugExceptionVector:
1:  j 1b

    .section .NMIExceptionVector.text, "ax"
    .global _NMIExceptionVector
_NMIExceptionVector:
1:  j 1b

    .section .KernelExceptionVector.text, "ax"
    .global _KernelExceptionVector
_KernelExceptionVector:
1:  j 1b

    .section .UserExceptionVector.text, "ax"
    .global _UserExceptionVector
_UserExceptionVector:
    wsr     a2, excsave1
    rsr     a2, exccause
    beqi    a2, 4, 2f           /* EXCCAUSE 4: level-1 interrupt */
    rsr     a2, excsave1
1:  j 1b                        /* anything else: give up here (the emulator reports it) */
2:  movi    a2, 0
    wsr     a2, intenable
    rsr     a2, excsave1
    rfe

    .section .DoubleExceptionVector.text, "ax"
    .global _DoubleExceptionVector
_DoubleExceptionVector:
1:  j 1b

/*
 * _start: stack at the top of DRAM, vectors at VECBASE, PS = user vector mode (UM=1, EXCM=0)
 * with every interrupt level masked (INTLEVEL=15), then C (esp8266_start in startup.c).
 */
    .section .iram.text.start, "ax"
    .literal_position
    .align 4
    .global _start
    .type _start, @function
_start:
    movi    a1, __stack_top
    movi    a2, _vector_base
    wsr     a2, vecbase
    movi    a2, 0x2F
    wsr     a2, ps
    rsync
    movi    a0, 0               /* end of call chain for debuggers */
    movi    a2, esp8266_start   /* in flash: too far for call0 */
    callx0  a2
1:  j 1b
    .size _start, . - _start

/*
 * Xtensa ISS semihosting exit, as QEMU implements it (target/xtensa/xtensa-semi.c):
 * SIMCALL with a2 = 1 (SYS_exit) and a3 = exit code. void esp8266_simcall_exit(int code).
 */
    .section .iram.text.exit, "ax"
    .literal_position
    .align 4
    .global esp8266_simcall_exit
    .type esp8266_simcall_exit, @function
esp8266_simcall_exit:
    mov     a3, a2
    movi    a2, 1
    simcall
1:  j 1b
    .size esp8266_simcall_exit, . - esp8266_simcall_exit
