package io.twinboard.bench.firmware;

import io.twinboard.bench.board.Board;
import io.twinboard.bench.board.BoardBuilder;
import io.twinboard.bench.board.BoardCatalog;
import io.twinboard.bench.board.BoardOptions;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.machine.RunResult;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Boots an image on a board and keeps its console and guest log for assertions. */
public record BoardRun(RunResult result, String console, List<GuestLog.Entry> guestLog) {
    public static BoardRun boot(String board, Path elf, long timeLimit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BoardOptions o = BoardOptions.defaults().withConsole(out).withDiagnostics(null);
        try (Board b = BoardBuilder.build(BoardCatalog.load(board), o)) {
            b.load(ElfImage.load(elf));
            RunResult r = b.run(timeLimit);
            return new BoardRun(r, out.toString(StandardCharsets.UTF_8), b.machine().log().entries());
        }
    }

    /** The console lines starting with {@code prefix}. */
    public List<String> lines(String prefix) {
        return console.lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
