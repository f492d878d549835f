package io.twinboard.emu.elf;

/** The file is not a usable ELF image; the message says what is wrong in one line. */
public final class ElfFormatException extends Exception {
    public ElfFormatException(String message) { super(message); }
}
