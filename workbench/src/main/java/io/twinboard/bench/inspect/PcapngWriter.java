package io.twinboard.bench.inspect;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng): one Section Header Block (§4.1), one
 * Interface Description Block (§4.2) with nanosecond timestamps ({@code if_tsresol} = 9), then an
 * Enhanced Packet Block (§4.3) per packet and Decryption Secrets Blocks (§4.7) with TLS keys. Little-endian throughout (the SHB's byte-order magic
 * tells readers). Every block is padded to 32 bits and ends with its total length repeated.
 */
public final class PcapngWriter implements Closeable {
    /** LINKTYPE_RAW: each packet starts with an IPv4 or IPv6 header (tcpdump link-layer types). */
    public static final int LINKTYPE_RAW = 101;
    private static final int SHB = 0x0A0D0D0A, IDB = 1, EPB = 6, DSB = 0x0A;
    /** Secrets type of a Decryption Secrets Block holding an NSS key log ("TLSK", §4.7). */
    private static final int TLS_KEY_LOG = 0x544C534B;
    private static final int OPT_END = 0, SHB_USERAPPL = 4, IF_NAME = 2, IF_TSRESOL = 9;

    private final OutputStream out;

    /** Writes the section and interface headers; packets have link type {@code linkType}. */
    public PcapngWriter(OutputStream out, int linkType, String interfaceName) throws IOException {
        this.out = out;
        ByteBuffer shb = body(64);
        shb.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        option(shb, SHB_USERAPPL, "Twinboard".getBytes(StandardCharsets.UTF_8));
        shb.putShort((short) OPT_END).putShort((short) 0);
        block(SHB, shb);
        ByteBuffer idb = body(64);
        idb.putShort((short) linkType).putShort((short) 0).putInt(0);
        option(idb, IF_NAME, interfaceName.getBytes(StandardCharsets.UTF_8));
        option(idb, IF_TSRESOL, new byte[] {9});
        idb.putShort((short) OPT_END).putShort((short) 0);
        block(IDB, idb);
    }

    /** One packet captured at {@code timeNs} nanoseconds since the epoch of the capture. */
    public void packet(long timeNs, byte[] data, int off, int len) throws IOException {
        ByteBuffer epb = body(20 + len + 3);
        epb.putInt(0).putInt((int) (timeNs >>> 32)).putInt((int) timeNs).putInt(len).putInt(len);
        epb.put(data, off, len);
        pad(epb);
        block(EPB, epb);
    }

    /**
     * A Decryption Secrets Block (§4.7) with TLS secrets in NSS key log format
     * ({@code CLIENT_RANDOM <hex> <hex master secret>} lines); readers use it for the packets after it.
     */
    public void tlsKeyLog(byte[] nssKeyLog) throws IOException {
        ByteBuffer dsb = body(8 + nssKeyLog.length + 3);
        dsb.putInt(TLS_KEY_LOG).putInt(nssKeyLog.length).put(nssKeyLog);
        pad(dsb);
        block(DSB, dsb);
    }

    public void flush() throws IOException { out.flush(); }

    @Override public void close() throws IOException { out.close(); }

    private static ByteBuffer body(int capacity) { return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN); }

    private static void option(ByteBuffer b, int code, byte[] value) {
        b.putShort((short) code).putShort((short) value.length).put(value);
        pad(b);
    }

    private static void pad(ByteBuffer b) { while ((b.position() & 3) != 0) b.put((byte) 0); }

    private void block(int type, ByteBuffer body) throws IOException {
        int total = 12 + body.position();
        ByteBuffer b = body(total);
        b.putInt(type).putInt(total).put(body.array(), 0, body.position()).putInt(total);
        out.write(b.array());
    }
}
