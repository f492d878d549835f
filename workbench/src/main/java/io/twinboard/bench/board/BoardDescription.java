package io.twinboard.bench.board;

import java.util.List;
import java.util.Map;

/**
 * A board as data (DESIGN.md style rule 3, after Renode's platform files): the CPU, the memory
 * map, the devices at their addresses with their interrupt numbers and parameters, and the wires
 * between parts. Read from {@code boards/NAME.yaml} by {@link BoardCatalog}; Java only
 * instantiates it ({@link BoardBuilder}).
 *
 * <p>Addresses and sizes are strings so the files can use hex and size suffixes
 * ({@code 0x08000000}, {@code 2M}, {@code 64K}); see {@link Numbers}.
 */
public record BoardDescription(
        String name,
        String description,
        String architecture,
        Cpu cpu,
        List<Memory> memory,
        List<Device> devices,
        List<Wire> wiring,
        List<Window> unmodelled,
        String console) {

    /** @param type {@code cortex-m4} or {@code lx106}; @param resetHz core clock at reset */
    public record Cpu(String type, long resetHz, Map<String, String> params) {}

    /** RAM, flash or ROM; {@code aliases} map the same memory again (STM32 flash at 0). */
    public record Memory(String name, String base, String size, boolean writable, List<String> aliases) {}

    /**
     * A device instance: {@code type} selects the model ({@link DeviceCatalog}); {@code irq} is
     * its interrupt number at the CPU (NVIC IRQn, or Xtensa interrupt), absent if none.
     */
    public record Device(String name, String type, String base, String size, Integer irq, Map<String, String> params) {
        public String param(String key, String fallback) {
            return params == null ? fallback : params.getOrDefault(key, fallback);
        }
    }

    /** Connects a signal {@code from} (e.g. {@code gpiod.14}) to {@code to} (e.g. {@code w5500.cs}). */
    public record Wire(String from, String to) {}

    /** Address space whose unclaimed registers read 0 and are reported once (unmodelled peripherals). */
    public record Window(String name, String base, String size) {}
}
