package io.twinboard.bench.board;

import io.twinboard.emu.cpu.Cpu;
import io.twinboard.emu.cpu.arm.CortexM4;
import io.twinboard.emu.cpu.xtensa.XtensaLx106;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.elf.SymbolTable;

import java.util.Map;
import java.util.TreeMap;

/** CPU types a board file may name. */
final class CpuCatalog {
    private static final Map<String, CpuFactory> FACTORIES = new TreeMap<>();

    static {
        FACTORIES.put("cortex-m4", new CpuFactory() {
            @Override public Created create(BoardDescription.Cpu spec, BuildContext ctx, SymbolTable symbols) {
                int irqs = Integer.parseInt(spec.params() == null ? "91" : spec.params().getOrDefault("irqs", "91"));
                CortexM4.Options o = CortexM4.Options.stm32f429().withExternalIrqs(irqs)
                        .withCycleAccounting(ctx.options().cycleAccounting());
                CortexM4 core = new CortexM4(ctx.bus(), ctx.scheduler(), ctx.coreClock(), ctx.log(), symbols, o);
                core.setConsole(ctx.consoleSink(ctx.board.console()));
                ctx.flashAcrListener = core.flashAccessControl();
                core.onSystemReset(ctx::systemReset);
                return new Created(core, core::irq);
            }

            @Override public void reset(Cpu cpu, ElfImage elf) { cpu.reset(); }
        });
    }

    private CpuCatalog() {}

    static {
        FACTORIES.put("lx106", new CpuFactory() {
            @Override public Created create(BoardDescription.Cpu spec, BuildContext ctx, SymbolTable symbols) {
                XtensaLx106 core = new XtensaLx106(ctx.bus(), ctx.scheduler(), ctx.coreClock(), ctx.log(), symbols);
                var sink = ctx.consoleSink(ctx.board.console());
                core.setConsole(new java.io.OutputStream() {
                    @Override public void write(int b) { sink.accept(b & 0xFF); }
                });
                // ESP8266 IRAM and the flash cache sit on the instruction bus: 32-bit loads only.
                core.setWaitStates(0x4010_0000L, 0x8000, true, 0, 0, 0);
                if (ctx.bus().find(0x4020_0000L) instanceof io.twinboard.emu.bus.Region.Memory flash)
                    core.setWaitStates(flash.base(), flash.size(), true, 0, 0, 0);
                return new Created(core, core::interrupt);
            }

            @Override public void reset(Cpu cpu, ElfImage elf) {
                XtensaLx106 x = (XtensaLx106) cpu;
                x.invalidateCode();
                x.reset((int) elf.entry());
            }
        });
    }

    static CpuFactory factory(String type) { return FACTORIES.get(type); }
}
