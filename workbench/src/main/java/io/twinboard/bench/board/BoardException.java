package io.twinboard.bench.board;

/** A board cannot be loaded or built; the message is one line for the user. */
public final class BoardException extends RuntimeException {
    public BoardException(String message) { super(message); }
}
