package io.twinboard.bench.inspect;

import java.util.Optional;

/** Decodes both directions of one connection from byte ranges split anywhere. */
interface StreamDecoder {
    /** Receives what was decoded, in stream order per direction. */
    @FunctionalInterface
    interface Sink { void emit(boolean toPeer, Decoded what); }

    void feed(boolean toPeer, byte[] data, int off, int len);

    /** What is half-decoded in that direction (bytes waiting for the rest of a record or packet). */
    default Optional<Decoded> pending(boolean toPeer) { return Optional.empty(); }
}
