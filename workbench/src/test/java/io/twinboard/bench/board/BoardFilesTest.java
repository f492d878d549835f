package io.twinboard.bench.board;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Board files are data: the built-in ones build, and mistakes in a user's file are one clear line. */
class BoardFilesTest {
    @Test
    void builtInBoardsBuildWithTheirDevicesAndWires() {
        for (String name : BoardCatalog.BUILT_IN) {
            try (Board b = BoardBuilder.build(BoardCatalog.load(name), BoardOptions.defaults().withDiagnostics(null))) {
                assertNotNull(b.parts().get("w5500"), name + " has its W5500");
                assertNotNull(b.network(), name + " has a network");
                assertNull(b.machine().cpu(), "the core is created when an image is loaded");
            }
        }
    }

    @Test
    void numbersAcceptHexDecimalAndSizeSuffixes() {
        assertEquals(0x0800_0000L, Numbers.parse("x", "0x08000000"));
        assertEquals(2 * 1024 * 1024, Numbers.parse("x", "2M"));
        assertEquals(64 * 1024, Numbers.parse("x", "64K"));
        assertEquals(4096, Numbers.parse("x", "4_096"));
        BoardException e = assertThrows(BoardException.class, () -> Numbers.parse("flash size", "lots"));
        assertTrue(e.getMessage().startsWith("flash size: 'lots' is not a number"), e.getMessage());
    }

    private static BoardException buildFails(Path dir, String yaml) throws Exception {
        Path f = dir.resolve("b.yaml");
        Files.writeString(f, yaml);
        return assertThrows(BoardException.class, () -> BoardBuilder.build(BoardCatalog.load(f.toString()), BoardOptions.defaults().withDiagnostics(null)).close());
    }

    private static final String HEAD = """
            name: test
            description: test board
            architecture: arm
            console: usart3
            cpu: { type: cortex-m4, resetHz: 16000000, params: {} }
            memory:
              - { name: sram, base: "0x20000000", size: 64K, writable: true }
            """;

    @Test
    void anUnknownDeviceTypeNamesTheKnownOnes(@TempDir Path dir) throws Exception {
        BoardException e = buildFails(dir, HEAD + "devices:\n  - { name: x, type: stm32f4.dma, base: \"0x40026000\", size: 1K }\n");
        assertTrue(e.getMessage().contains("unknown type 'stm32f4.dma'") && e.getMessage().contains("stm32f4.usart"), e.getMessage());
    }

    @Test
    void wiringToAnUnknownSignalIsReported(@TempDir Path dir) throws Exception {
        BoardException e = buildFails(dir, HEAD + """
                devices:
                  - { name: gpiod, type: stm32f4.gpio, base: "0x40020C00", size: 1K, params: { port: D } }
                wiring:
                  - { from: gpiod.14, to: nothing.cs }
                """);
        assertTrue(e.getMessage().contains("wiring to unknown signal 'nothing.cs'"), e.getMessage());
    }

    @Test
    void aDeviceThatNeedsTheClockControllerSaysSo(@TempDir Path dir) throws Exception {
        BoardException e = buildFails(dir, HEAD + "devices:\n  - { name: usart3, type: stm32f4.usart, base: \"0x40004800\", size: 1K, params: { bus: apb1 } }\n");
        assertTrue(e.getMessage().contains("no clock 'apb1'"), e.getMessage());
    }

    @Test
    void aMisspelledKeyIsRejected(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.yaml");
        Files.writeString(f, HEAD + "devicez: []\n");
        BoardException e = assertThrows(BoardException.class, () -> BoardCatalog.load(f.toString()));
        assertTrue(e.getMessage().contains("devicez"), e.getMessage());
    }
}
