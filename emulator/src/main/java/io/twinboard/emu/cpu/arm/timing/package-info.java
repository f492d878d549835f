/**
 * Cortex-M4 cycle model in pure Java (no native code): a timing decoder for Thumb/Thumb-2
 * (ARMv7E-M), per-translated-block cycle tables, SDIV/UDIV early termination, and the STM32F4
 * flash ART accelerator. The model and the source of every number: {@code docs/cycle-model.md}.
 *
 * <p>How a Unicorn-based core uses it (all per-execution calls are allocation-free):
 * <pre>{@code
 * // block hook (address, size), once per executed TB:
 * BlockTiming b = cache.get(address);                     // or BlockTiming.decode(address, bytes, size)
 * if (prev != null) cycles += prev.takenBranchCycles(b);  // P of the previous block's taken branch
 * cycles += art.blockFetchStalls(b) + art.literalLoadStalls(b); // wait states, charged up front
 * blockStart = cycles;
 * cycles += b.staticCycles() + b.stableDivideExtraCycles(regsAtBlockStart);
 * // (a divide whose operands change inside the block: evaluate at the divide, e.g. code hook)
 * prev = b;
 *
 * // MMIO callback mid-block (Unicorn's PC is the block start):
 * int i = b.findAccessIndex(addr, size, isWrite, searchFrom, currentRegs);
 * long cyccnt = blockStart + b.cyclesBefore(i)            // DWT_CYCCNT as instruction i sees it
 *         + b.stableDivideExtraCycles(regsAtBlockStart, i);
 * searchFrom = b.searchIndexAfter(i, addr, size, currentRegs);
 * }</pre>
 * Exception entry/return: {@link io.twinboard.emu.cpu.arm.timing.CortexM4Timing}; the core does
 * not call {@code takenBranchCycles} across an exception entry or an EXC_RETURN.
 */
package io.twinboard.emu.cpu.arm.timing;
