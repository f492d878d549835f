package io.twinboard.bench.cli;

import io.twinboard.bench.board.BoardCatalog;
import io.twinboard.bench.board.BoardDescription;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Lists the built-in boards. */
@Command(name = "boards", mixinStandardHelpOptions = true, description = "List the built-in boards.")
final class BoardsCommand implements Callable<Integer> {
    @Override public Integer call() {
        for (String n : BoardCatalog.BUILT_IN) {
            BoardDescription d = BoardCatalog.load(n);
            System.out.printf("%-16s %s%n", d.name(), d.description());
        }
        return ExitCodes.OK;
    }
}
