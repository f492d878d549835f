/**
 * Unicorn 2 (Debian's libunicorn.so.2, 2.0.1) bound with the Java FFM API: downcalls for the
 * engine API, upcall stubs for the block, code, interrupt, invalid-memory and MMIO callbacks.
 * The only package with native code; its public types expose no FFM or Unicorn type except the
 * {@link io.twinboard.emu.bus.Region.Memory} backing the bus already owns.
 */
package io.twinboard.emu.cpu.arm.unicorn;
