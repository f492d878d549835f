package io.twinboard.bench.inspect;

import java.util.Optional;

import io.twinboard.bench.inspect.Decoded.Alert;
import io.twinboard.bench.inspect.Decoded.ChangeCipherSpec;
import io.twinboard.bench.inspect.Decoded.Handshake;
import io.twinboard.bench.inspect.Decoded.HandshakeBody;
import io.twinboard.bench.inspect.Decoded.Malformed;
import io.twinboard.bench.inspect.Decoded.PartialRecord;
import io.twinboard.bench.inspect.Decoded.Raw;
import io.twinboard.bench.inspect.Decoded.ServerHello;
import io.twinboard.bench.inspect.Decoded.TlsRecord;
import io.twinboard.periph.net.ByteQueue;

/**
 * Decodes both directions of one TLS connection from byte ranges split anywhere: the record layer
 * (RFC 5246 §6.2, RFC 8446 §5.1), handshake messages reassembled across records (RFC 5246 §7.4),
 * ChangeCipherSpec, alerts and encrypted records. The directions share what the handshake
 * negotiated (suite, TLS 1.3), which decides when each side's records become opaque: after its
 * ChangeCipherSpec in TLS 1.2, after the ServerHello in TLS 1.3.
 */
final class TlsDecoder implements StreamDecoder {
    private static final int CCS = 20, ALERT = 21, HANDSHAKE = 22, APPLICATION_DATA = 23, HEARTBEAT = 24;
    /** Largest fragment a peer may send: 2^14 + 2048 (RFC 5246 §6.2.3), with slack for TLS 1.3. */
    private static final int MAX_FRAGMENT = 16384 + 2048 + 256;

    private final Sink sink;
    private final Side toPeer = new Side(true), toChip = new Side(false);
    private int suite = -1;
    private boolean tls13;

    TlsDecoder(Sink sink) { this.sink = sink; }

    /** True when {@code first} and {@code second} can start a TLS record (a type 20..24, major version 3). */
    static boolean looksLikeTls(int first, int second) { return first >= CCS && first <= HEARTBEAT && second == 3; }

    @Override public void feed(boolean toPeerDir, byte[] data, int off, int len) {
        (toPeerDir ? toPeer : toChip).feed(data, off, len);
    }

    @Override public Optional<Decoded> pending(boolean toPeerDir) { return (toPeerDir ? toPeer : toChip).pending(); }

    private final class Side {
        private final boolean dir;
        private final ByteQueue in = new ByteQueue();
        private final ByteQueue hs = new ByteQueue();
        private boolean encrypted;
        private boolean broken;
        private int recordIndex;
        private int hsStartRecord;

        Side(boolean dir) { this.dir = dir; }

        void feed(byte[] data, int off, int len) {
            if (broken) { sink.emit(dir, new Raw(len)); return; }
            in.write(data, off, len);
            while (in.size() >= 5) {
                int type = in.peek(0), version = in.peek(1) << 8 | in.peek(2), length = in.peek(3) << 8 | in.peek(4);
                if (!looksLikeTls(type, version >> 8) || length > MAX_FRAGMENT) {
                    broken = true;
                    sink.emit(dir, new Malformed(String.format("not a TLS record header: %02X %04X %d", type, version, length)));
                    sink.emit(dir, new Raw(in.size()));
                    in.clear();
                    return;
                }
                if (in.size() < 5 + length) return;
                in.skip(5);
                record(type, version, in.take(length));
            }
        }

        private void record(int type, int version, byte[] fragment) {
            recordIndex++;
            boolean opaque = encrypted && type != CCS;
            sink.emit(dir, new TlsRecord(type, version, fragment.length, opaque, tls13 && opaque));
            if (opaque) return;
            switch (type) {
                case CCS -> { sink.emit(dir, new ChangeCipherSpec()); if (!tls13) encrypted = true; }
                case ALERT -> { for (int i = 0; i + 1 < fragment.length; i += 2) sink.emit(dir, new Alert(fragment[i] & 0xFF, fragment[i + 1] & 0xFF)); }
                case HANDSHAKE -> handshake(fragment);
                default -> { }
            }
        }

        private void handshake(byte[] fragment) {
            if (hs.isEmpty()) hsStartRecord = recordIndex;
            hs.write(fragment);
            while (hs.size() >= 4) {
                int type = hs.peek(0), length = hs.peek(1) << 16 | hs.peek(2) << 8 | hs.peek(3);
                if (hs.size() < 4 + length) return;
                hs.skip(4);
                byte[] body = hs.take(length);
                HandshakeBody parsed = HandshakeParser.parse(type, body, suite);
                sink.emit(dir, new Handshake(type, 4 + length, recordIndex - hsStartRecord + 1, parsed));
                hsStartRecord = recordIndex;
                if (parsed instanceof ServerHello sh && !sh.helloRetryRequest()) negotiated(sh);
            }
        }

        Optional<Decoded> pending() {
            if (broken || in.size() < 5 && hs.isEmpty()) return Optional.empty();
            if (in.size() >= 5) {
                int type = in.peek(0), length = in.peek(3) << 8 | in.peek(4), arrived = in.size() - 5;
                int hsType = -1, hsLength = -1;
                if (type == HANDSHAKE && !encrypted) {
                    if (hs.size() >= 4) { hsType = hs.peek(0); hsLength = 4 + (hs.peek(1) << 16 | hs.peek(2) << 8 | hs.peek(3)); }
                    else if (hs.isEmpty()) {
                        // The largest message whose header already arrived in this record.
                        for (int at = 0; at + 4 <= arrived; ) {
                            int n = 4 + (in.peek(5 + at + 1) << 16 | in.peek(5 + at + 2) << 8 | in.peek(5 + at + 3));
                            if (n > hsLength) { hsType = in.peek(5 + at); hsLength = n; }
                            at += n;
                        }
                    }
                }
                return Optional.of(new PartialRecord(type, length, arrived, hsType, hsLength));
            }
            if (hs.size() >= 4) {
                return Optional.of(new PartialRecord(HANDSHAKE, 0, 0, hs.peek(0), 4 + (hs.peek(1) << 16 | hs.peek(2) << 8 | hs.peek(3))));
            }
            return Optional.empty();
        }
    }

    private void negotiated(ServerHello sh) {
        suite = sh.suite();
        if (sh.version() == 0x0304) {
            tls13 = true;
            toPeer.encrypted = true;
            toChip.encrypted = true;
        }
    }
}
