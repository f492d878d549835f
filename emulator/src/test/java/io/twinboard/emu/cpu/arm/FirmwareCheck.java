package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Manual check (not a unit test): boots a nucleo-f429zi image (selftest, crypto-bench) on the
 * core with a throw-away peripheral stub (RCC ready flags follow their enables, FLASH_ACR fed to
 * the ART model, USART3 transmits at once, RNG xorshift), with and without cycle accounting.
 * {@code java -cp ... io.twinboard.emu.cpu.arm.FirmwareCheck image.elf [seconds]}
 */
public final class FirmwareCheck {
    public static void main(String[] args) throws Exception {
        ElfImage elf = ElfImage.load(Path.of(args[0]));
        long limit = VirtualTime.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        for (boolean accounting : Boolean.getBoolean("accountingOnly") ? new boolean[]{true} : Boolean.getBoolean("bareOnly") ? new boolean[]{false} : new boolean[]{true, false}) {
            StringBuilder console = new StringBuilder();
            try (Bus bus = new Bus()) {
                var flash = bus.mapMemory("flash", 0x0800_0000L, 0x20_0000, false);
                bus.alias("boot", 0, flash);
                bus.mapMemory("sram", 0x2000_0000L, 0x3_0000, true);
                bus.mapMemory("ccm", 0x1000_0000L, 0x1_0000, true);
                for (ElfImage.Segment s : elf.segments()) if (s.data().length > 0) bus.load(s.physAddr(), s.data());
                Scheduler scheduler = new Scheduler();
                ClockDomain clock = new ClockDomain("core", 16_000_000);
                GuestLog log = new GuestLog(System.err);
                CortexM4 cpu = new CortexM4(bus, scheduler, clock, log, elf.symbols(),
                        CortexM4.Options.stm32f429().withCycleAccounting(accounting));
                bus.mapDevice("periph", 0x4000_0000L, 0x2000_0000L, new Stub(cpu, clock, scheduler, console));
                cpu.setConsole(c -> console.append((char) c));
                cpu.reset();
                long t0 = System.nanoTime();
                StopReason r;
                while (true) {
                    long d = Math.min(scheduler.nextDeadline(), limit);
                    r = cpu.run(d);
                    scheduler.advanceTo(Math.max(scheduler.now(), cpu.time()));
                    if (!(r instanceof StopReason.Deadline) || cpu.time() >= limit) break;
                }
                double s = (System.nanoTime() - t0) / 1e9;
                String out = console.toString();
                System.out.println(out.length() > 3000 ? out.substring(out.length() - 3000) : out);
                System.out.printf("accounting=%s stop=%s host %.2f s, %d instructions (%.1f M/s), %d cycles, virtual %s, clock %d Hz, ART hits %d misses %d%n",
                        accounting, r, s, cpu.instructions(), cpu.instructions() / s / 1e6, cpu.cycles(),
                        VirtualTime.format(cpu.time()), clock.hz(), cpu.flashAccelerator().instructionHits(), cpu.flashAccelerator().instructionMisses());
                cpu.close();
            }
        }
    }

    /** Just enough STM32F429 to boot the images (see firmware-images/scripts/armrun.c). */
    private static final class Stub implements MmioDevice {
        private final CortexM4 cpu;
        private final ClockDomain clock;
        private final Scheduler scheduler;
        private final StringBuilder console;
        private final Map<Integer, Integer> regs = new HashMap<>();
        private int rng = 0x1234_5678;

        Stub(CortexM4 cpu, ClockDomain clock, Scheduler scheduler, StringBuilder console) {
            this.cpu = cpu;
            this.clock = clock;
            this.scheduler = scheduler;
            this.console = console;
        }

        @Override public int read(int offset, int size) {
            int a = 0x4000_0000 + offset;
            int v = regs.getOrDefault(a, 0);
            return switch (a) {
                case 0x4002_3800 -> v | 0x3 | (v & (1 << 16)) << 1 | (v & (1 << 24)) << 1;
                case 0x4002_3808 -> v | (v & 3) << 2;
                case 0x4000_4800 -> 0xC0;
                case 0x5006_0804 -> 1;
                case 0x5006_0808 -> { rng ^= rng << 13; rng ^= rng >>> 17; rng ^= rng << 5; yield rng; }
                default -> v;
            };
        }

        @Override public void write(int offset, int size, int value) {
            int a = 0x4000_0000 + offset;
            regs.put(a, value);
            if (a == 0x4002_3C00 && !Boolean.getBoolean("noart")) cpu.flashAccessControl().accept(value);
            if (a == 0x4000_4804) console.append((char) (value & 0xFF));
            if (a == 0x4002_3808 && (value & 3) == 2) clock.setFrequency(168_000_000, scheduler.now());
        }
    }
}
