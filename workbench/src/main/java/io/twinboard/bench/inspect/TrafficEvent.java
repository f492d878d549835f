package io.twinboard.bench.inspect;

/**
 * One decoded event on connection {@code connection} at virtual time {@code timePs} (picoseconds,
 * board side of the wire); {@code toPeer} is the direction (board → peer) — for TCP events the side
 * that sent the segment.
 */
public record TrafficEvent(int connection, long timePs, boolean toPeer, Decoded what) {}
