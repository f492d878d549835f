package io.twinboard.bench.board;

import io.twinboard.bench.firmware.Images;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.time.VirtualTime;
import io.twinboard.periph.stm32f4.Stm32f429Map;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/**
 * AIRCR.SYSRESETREQ on the nucleo-f429zi board (ARMv7-M B3.2.6; RM0090 §7.1.2 system reset):
 * the devices return to their reset values and the core restarts from the vector table, so the
 * firmware boots again. The write is made through the bus, between two slices, as the
 * firmware's own store would reach the SCB.
 */
class SystemResetBoardTest {
    static final long AIRCR = 0xE000_ED0CL, GPIOK_MODER = Stm32f429Map.gpio(10), RCC_CR = 0x4002_3800L;

    @Test void sysresetreqResetsTheDevicesAndRebootsTheFirmware() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Board b = BoardBuilder.build(BoardCatalog.load("nucleo-f429zi"), BoardOptions.defaults().withConsole(out).withDiagnostics(null))) {
            b.load(ElfImage.load(Images.require("nucleo-f429zi", "selftest")));
            var bus = b.machine().bus();
            b.run(VirtualTime.ofMillis(60));
            String first = out.toString(StandardCharsets.UTF_8);
            assertTrue(first.contains("SELFTEST md5 PASS"), first);
            assertNotEquals(0, bus.read(RCC_CR, 4) & (1 << 25), "the firmware runs from the PLL (PLLRDY)");
            bus.write(0x4002_3830L, 4, bus.read(0x4002_3830L, 4) | (1 << 10), false);   // RCC_AHB1ENR.GPIOKEN
            bus.write(GPIOK_MODER, 4, 0x5555_5555, false);                              // a port the firmware never touches

            bus.write(AIRCR, 4, 0x05FA_0004, false);                                    // VECTKEY | SYSRESETREQ
            b.run(b.machine().now() + VirtualTime.ofMillis(1));   // run limits are absolute virtual times
            assertEquals(0, bus.read(GPIOK_MODER, 4), "GPIOK back to its reset value");
            assertEquals(0, bus.read(RCC_CR, 4) & (1 << 25), "RCC back to HSI: the PLL is off again");

            b.run(b.machine().now() + VirtualTime.ofMillis(60));
            String all = out.toString(StandardCharsets.UTF_8);
            assertEquals(2, all.lines().filter(l -> l.startsWith("SELFTEST start")).count(), "the firmware booted twice:\n" + all);
        }
    }
}
