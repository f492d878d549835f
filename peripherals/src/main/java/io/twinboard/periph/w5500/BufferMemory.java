package io.twinboard.periph.w5500;

import io.twinboard.emu.log.GuestLog;

/**
 * The W5500's 16 KB TX memory and 16 KB RX memory (datasheet v1.0.9 §5 "Memory", and Sn_RXBUF_SIZE /
 * Sn_TXBUF_SIZE in §4.2). Each socket owns a block of {@code size} KB; blocks are allocated in
 * socket order, so socket n's block starts at the sum of the sizes of sockets 0..n-1. A socket
 * addresses its block with a free-running 16-bit pointer, of which only {@code ptr & (size-1)}
 * selects the byte: accesses, including one long SPI burst, wrap inside the block.
 *
 * <p>Sizes are in KB, each one of 0, 1, 2, 4, 8, 16; a total above 16 KB is a guest error (the
 * blocks then alias modulo 16 KB). A size-0 socket has no memory: reads 0, writes ignored.
 */
final class BufferMemory {
    static final int BYTES = 16 * 1024;
    private static final String SRC = "W5500.memory";

    private final GuestLog log;
    final byte[] tx = new byte[BYTES];
    final byte[] rx = new byte[BYTES];
    private final int[] txBase = new int[8], rxBase = new int[8];
    private final int[] txMask = new int[8], rxMask = new int[8];
    private final int[] txBytes = new int[8], rxBytes = new int[8];

    BufferMemory(GuestLog log) {
        this.log = log;
        int[] two = {2, 2, 2, 2, 2, 2, 2, 2};
        allocate(two, two);
    }

    /** Recomputes every block from the sizes in KB (one entry per socket). */
    void allocate(int[] txKb, int[] rxKb) {
        place(txKb, txBase, txMask, txBytes, "TX");
        place(rxKb, rxBase, rxMask, rxBytes, "RX");
    }

    private void place(int[] kb, int[] base, int[] mask, int[] bytes, String dir) {
        int at = 0;
        for (int n = 0; n < 8; n++) {
            int size = validSize(kb[n]) ? kb[n] * 1024 : 0;
            base[n] = at;
            bytes[n] = size;
            mask[n] = size == 0 ? 0 : size - 1;
            at += size;
        }
    }

    /**
     * Checks the totals; called when a socket opens, not at each size write, because drivers set
     * the eight sizes one by one and pass through over-committed layouts on the way.
     */
    void checkTotals() {
        check(txBase[7] + txBytes[7], "TX");
        check(rxBase[7] + rxBytes[7], "RX");
    }

    private void check(int total, String dir) {
        if (total > BYTES)
            log.guestError(SRC, dir + "-overcommit", dir + " buffer sizes total " + total / 1024 + " KB > 16 KB (blocks alias)");
    }

    static boolean validSize(int kb) { return kb == 0 || kb == 1 || kb == 2 || kb == 4 || kb == 8 || kb == 16; }

    int txSize(int socket) { return txBytes[socket]; }
    int rxSize(int socket) { return rxBytes[socket]; }
    int txBase(int socket) { return txBase[socket]; }
    int rxBase(int socket) { return rxBase[socket]; }

    /** Physical index in {@link #tx} of socket {@code s}'s pointer {@code ptr}; -1 without memory. */
    int txIndex(int s, int ptr) { return txBytes[s] == 0 ? -1 : (txBase[s] + (ptr & txMask[s])) & (BYTES - 1); }
    int rxIndex(int s, int ptr) { return rxBytes[s] == 0 ? -1 : (rxBase[s] + (ptr & rxMask[s])) & (BYTES - 1); }

    int readTx(int s, int ptr) { int i = txIndex(s, ptr); return i < 0 ? noMemory(s, "TX") : tx[i] & 0xFF; }
    int readRx(int s, int ptr) { int i = rxIndex(s, ptr); return i < 0 ? noMemory(s, "RX") : rx[i] & 0xFF; }

    void writeTx(int s, int ptr, int v) { int i = txIndex(s, ptr); if (i < 0) noMemory(s, "TX"); else tx[i] = (byte) v; }
    void writeRx(int s, int ptr, int v) { int i = rxIndex(s, ptr); if (i < 0) noMemory(s, "RX"); else rx[i] = (byte) v; }

    /** Copies {@code len} TX bytes of socket {@code s} starting at pointer {@code ptr} (wrapping). */
    byte[] copyTx(int s, int ptr, int len) {
        byte[] out = new byte[len];
        if (txBytes[s] == 0) return out;
        for (int k = 0; k < len; k++) out[k] = tx[txIndex(s, ptr + k)];
        return out;
    }

    /** Stores {@code data} into socket {@code s}'s RX block from pointer {@code ptr} (wrapping). */
    void fillRx(int s, int ptr, byte[] data, int off, int len) {
        if (rxBytes[s] == 0) return;
        for (int k = 0; k < len; k++) rx[rxIndex(s, ptr + k)] = data[off + k];
    }

    private int noMemory(int s, String dir) {
        log.guestError(SRC, "nomem" + dir + s, "socket " + s + " " + dir + " buffer access with " + dir + " buffer size 0");
        return 0;
    }
}
