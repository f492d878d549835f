package io.twinboard.emu.cpu;

/**
 * A decoded firmware fault: what happened, where, and the full human report (fault kind, status
 * bits by name, faulting PC as symbol+offset, stacked registers).
 *
 * @param kind  short name, e.g. {@code HardFault (forced from BusFault)} or {@code IllegalInstruction}
 * @param pc    faulting program counter
 * @param report multi-line text for the console
 */
public record FaultReport(String kind, int pc, String report) {
    @Override public String toString() { return report; }
}
