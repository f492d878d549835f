package io.twinboard.bench.board;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.cpu.Cpu;
import io.twinboard.emu.elf.ElfImage;

/** Makes the board's core once its bus is complete, and resets it for a loaded image. */
interface CpuFactory {
    /** The created core and how devices reach its interrupt inputs. */
    record Created(Cpu cpu, java.util.function.IntFunction<IrqLine> irqs) {}

    Created create(BoardDescription.Cpu spec, BuildContext ctx, io.twinboard.emu.elf.SymbolTable symbols);

    /** Puts the core in its power-on state for {@code elf} (vector table, or ELF entry point). */
    void reset(Cpu cpu, ElfImage elf);
}
