package io.twinboard.periph.net;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Answers one DNS query (RFC 1035 §4.1) with a resolver: an A record for a known name, NXDOMAIN
 * (RCODE 3) for an unknown one, an empty NOERROR answer for other types of a known name.
 */
final class DnsMessage {
    private DnsMessage() {}

    static final int TYPE_A = 1;
    static final int CLASS_IN = 1;

    /** The response to {@code query}, or empty when the query is malformed (dropped, as a server would). */
    static Optional<byte[]> answer(byte[] q, DnsResolver resolver) {
        if (q.length < 12) return Optional.empty();
        int flags = u16(q, 2);
        if ((flags & 0x8000) != 0 || u16(q, 4) != 1) return Optional.empty(); // a response, or not one question
        StringBuilder name = new StringBuilder();
        int p = 12;
        while (true) {
            if (p >= q.length) return Optional.empty();
            int len = q[p++] & 0xFF;
            if (len == 0) break;
            if (len > 63 || p + len > q.length) return Optional.empty(); // compression is not used in questions
            if (!name.isEmpty()) name.append('.');
            for (int i = 0; i < len; i++) name.append((char) (q[p + i] & 0xFF));
            p += len;
        }
        if (p + 4 > q.length) return Optional.empty();
        int qtype = u16(q, p), qclass = u16(q, p + 2);
        int questionEnd = p + 4;
        Optional<Ipv4> ip = resolver.resolve(name.toString());
        boolean answerA = ip.isPresent() && qtype == TYPE_A && qclass == CLASS_IN;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]);
        int rflags = 0x8000 | (flags & 0x7900) | 0x0080 | (ip.isPresent() ? 0 : 3); // QR, opcode+RD kept, RA, rcode
        out.write(rflags >>> 8);
        out.write(rflags);
        out.writeBytes(new byte[] {0, 1, 0, (byte) (answerA ? 1 : 0), 0, 0, 0, 0});
        out.write(q, 12, questionEnd - 12);
        if (answerA) {
            out.writeBytes(new byte[] {(byte) 0xC0, 12, 0, TYPE_A, 0, CLASS_IN, 0, 0, 0, 60, 0, 4});
            out.writeBytes(ip.get().toBytes());
        }
        return Optional.of(out.toByteArray());
    }

    private static int u16(byte[] b, int off) { return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF); }
}
