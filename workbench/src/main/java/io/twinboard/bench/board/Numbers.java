package io.twinboard.bench.board;

/** Parses the numbers of board files: {@code 0x1F}, {@code 4096}, {@code 64K}, {@code 2M}. */
final class Numbers {
    private Numbers() {}

    static long parse(String what, String text) {
        if (text == null) throw new BoardException(what + " is missing");
        String t = text.trim().replace("_", "");
        long unit = 1;
        if (t.endsWith("K")) { unit = 1024; t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("M")) { unit = 1024 * 1024; t = t.substring(0, t.length() - 1); }
        try {
            long v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BoardException(what + ": '" + text + "' is not a number (use 0x..., decimal, or a K/M suffix)");
        }
    }
}
