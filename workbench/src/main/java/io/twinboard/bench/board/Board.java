package io.twinboard.bench.board;

import io.twinboard.emu.bus.BusFault;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.machine.Machine;

import java.util.Collections;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A built board: the machine plus the named parts the workbench talks to (console receiver,
 * W5500, ...). Created by {@link BoardBuilder}.
 */
public final class Board implements AutoCloseable {
    private final BoardDescription description;
    private final Machine machine;
    private final Map<String, Object> parts;
    private final IntConsumer consoleInput;

    Board(BoardDescription description, Machine machine, Map<String, Object> parts, IntConsumer consoleInput) {
        this.description = description;
        this.machine = machine;
        this.parts = parts;
        this.consoleInput = consoleInput;
    }

    public BoardDescription description() { return description; }
    public Machine machine() { return machine; }

    /** Device instances by board-file name. */
    public Map<String, Object> parts() { return Collections.unmodifiableMap(parts); }

    /** The part named {@code name} as {@code type}. */
    public <T> T part(String name, Class<T> type) {
        Object o = parts.get(name);
        if (!type.isInstance(o)) throw new BoardException("board " + description.name() + " has no " + type.getSimpleName() + " named " + name);
        return type.cast(o);
    }

    /** Sends one byte to the console UART's receiver (as typed on the virtual COM port). */
    public void consoleInput(int b) { consoleInput.accept(b); }

    /**
     * Loads a firmware image: checks its architecture against the board's, writes every segment at
     * its load address (flash or RAM), installs its symbols, and resets the CPU.
     */
    public void load(ElfImage elf) {
        int expected = "arm".equals(description.architecture()) ? ElfImage.EM_ARM : ElfImage.EM_XTENSA;
        if (elf.machine() != expected)
            throw new BoardException(elf.path() + ": " + ElfImage.machineName(elf.machine()) + " image, but board " + description.name()
                    + " has " + ("arm".equals(description.architecture()) ? "an ARM Cortex-M4" : "an Xtensa LX106") + " core");
        for (ElfImage.Segment s : elf.segments()) {
            try {
                machine.bus().load(s.physAddr(), s.data());
            } catch (BusFault f) {
                throw new BoardException(String.format("%s: segment at 0x%08x (%d bytes) does not fit the memory of board %s",
                        elf.path(), s.physAddr(), s.data().length, description.name()));
            }
        }
        machine.setSymbols(elf.symbols());
        BoardBuilder.resetCpu(this, elf);
    }

    @Override public void close() { machine.close(); }
}
