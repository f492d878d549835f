/**
 * The Cortex-M4 core ({@link io.twinboard.emu.cpu.arm.CortexM4}): Unicorn executes instructions
 * ({@code unicorn} subpackage, the only native code), Java owns the M-profile system and the
 * cycle model ({@code timing} subpackage).
 *
 * <p>Unicorn 2.0.1 facts the core is built on (measured here, tests in this package rely on them):
 * <ul>
 *   <li>{@code uc_emu_stop} inside the <b>block hook</b> stops <em>before</em> that block runs
 *       (PC = its start), so the core makes every stop decision (deadline, pending interrupt,
 *       requested stop) there, before charging the block's cycles.</li>
 *   <li>{@code uc_emu_stop} inside an <b>MMIO callback</b> leaves at once with PC at the block
 *       start and the rest of the block not executed: resuming would repeat the block. MMIO
 *       callbacks therefore only set a flag; the next block hook stops.</li>
 *   <li>An instruction hook on one address (UC_HOOK_CODE, begin = end) stops cleanly before the
 *       instruction; used for breakpoints, CCR.DIV_0_TRP / UNALIGN_TRP and divides whose
 *       operands are computed inside their block.</li>
 *   <li>Writing IPSR puts Unicorn in handler mode (SP = MSP; MRS IPSR reads it); a branch to
 *       EXC_RETURN in handler mode raises exception 8, which the core completes itself.</li>
 *   <li>Undefined instructions end {@code uc_emu_start} with UC_ERR_INSN_INVALID (PC exact);
 *       unmapped data accesses end it with PC at the block start (the core finds the faulting
 *       instruction from the access address and the registers).</li>
 *   <li>The FPU is enabled regardless of CPACR (firmware without the CPACR write still runs FP
 *       code). The first FP instruction sets CONTROL.FPCA (as with FPCCR.ASPEN = 1), which the
 *       core reads at exception entry to push the extended frame ({@link
 *       io.twinboard.emu.cpu.arm.ExceptionUnit}).</li>
 * </ul>
 */
package io.twinboard.emu.cpu.arm;
