package io.twinboard.periph.w5500;

import io.twinboard.emu.log.GuestLog;

/**
 * Parses W5500 SPI frames byte by byte (datasheet v1.0.9 §2.2 "SPI Frame", §2.3 VDM, §2.4 FDM):
 * a 16-bit offset address (MSB first), a control byte {@code BSB[4:0] RWB OM[1:0]}, then the data
 * phase with the address incrementing per byte (16-bit wrap). OM = 00 is variable length (the
 * frame ends when SCSn goes high); 01/10/11 are fixed 1/2/4-byte frames after which the next
 * byte starts a new frame while SCSn stays low.
 *
 * <p>MISO: during the address and control phase the chip shifts out 0x01, 0x02, 0x03; during a
 * read data phase the addressed byte; during a write data phase 0x00.
 *
 * <p>Malformed frames — a reserved BSB, SCSn raised inside the header, an FDM frame cut short, an
 * empty data phase — are logged once as guest errors; the access is dropped, nothing throws.
 */
final class SpiFrameDecoder {
    /** What a frame accesses. */
    interface Target {
        boolean validBlock(int bsb);
        int read(int bsb, int address);
        void write(int bsb, int address, int value);
    }

    private static final String SRC = "W5500.spi";
    private static final int ADDR_HI = 0, ADDR_LO = 1, CONTROL = 2, DATA = 3;

    private final Target target;
    private final GuestLog log;
    private int phase = ADDR_HI;
    private int address;
    private int bsb;
    private boolean write;
    private boolean valid;
    /** Bytes left in an FDM frame; -1 in VDM. */
    private int remaining;
    private int dataBytes;
    private long frames;

    SpiFrameDecoder(Target target, GuestLog log) {
        this.target = target;
        this.log = log;
    }

    /** One byte while selected; returns the MISO byte (0..255). */
    int exchange(int mosi) {
        mosi &= 0xFF;
        switch (phase) {
            case ADDR_HI -> { address = mosi << 8; phase = ADDR_LO; return 0x01; }
            case ADDR_LO -> { address |= mosi; phase = CONTROL; return 0x02; }
            case CONTROL -> {
                bsb = mosi >>> 3;
                write = (mosi & 0x04) != 0;
                int om = mosi & 0x03;
                remaining = om == 0 ? -1 : om == 3 ? 4 : om;
                valid = target.validBlock(bsb);
                if (!valid)
                    log.guestError(SRC, "bsb" + bsb, String.format("reserved block select BSB=0x%02x (control byte 0x%02x); frame ignored", bsb, mosi));
                dataBytes = 0;
                phase = DATA;
                frames++;
                return 0x03;
            }
            default -> {
                int miso = 0;
                if (valid) {
                    if (write) target.write(bsb, address, mosi);
                    else miso = target.read(bsb, address) & 0xFF;
                }
                address = (address + 1) & 0xFFFF;
                dataBytes++;
                if (remaining > 0 && --remaining == 0) phase = ADDR_HI;
                return miso;
            }
        }
    }

    /** SCSn went low: a frame starts. */
    void select() { phase = ADDR_HI; }

    /** SCSn went high: a VDM frame ends; anything else unfinished is malformed. */
    void deselect() {
        switch (phase) {
            case ADDR_LO, CONTROL -> log.guestError(SRC, "cs-header", "SCSn raised inside the frame header (after "
                    + (phase == ADDR_LO ? "1 address byte" : "2 address bytes") + "); frame ignored");
            case DATA -> {
                if (remaining > 0) log.guestError(SRC, "cs-fdm", "SCSn raised with " + remaining + " byte(s) of a fixed-length frame left");
                else if (dataBytes == 0) log.guestError(SRC, "cs-empty", "SCSn raised before any data byte (empty data phase)");
            }
            default -> { }
        }
        phase = ADDR_HI;
    }

    void reset() { phase = ADDR_HI; }

    /** Frames whose header completed, for diagnostics. */
    long frames() { return frames; }
}
