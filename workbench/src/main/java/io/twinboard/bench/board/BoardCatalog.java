package io.twinboard.bench.board;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The boards Twinboard knows: {@code boards/*.yaml} on the class path, or a file given by path. */
public final class BoardCatalog {
    /** Names of the built-in boards, in the order {@code --help} lists them. */
    public static final List<String> BUILT_IN = List.of("nucleo-f429zi", "esp8266-w5500");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BoardCatalog() {}

    /** A built-in board by name, or a board file when {@code nameOrPath} ends in {@code .yaml}. */
    public static BoardDescription load(String nameOrPath) {
        if (nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")) {
            Path p = Path.of(nameOrPath);
            try (InputStream in = Files.newInputStream(p)) {
                return parse(p.toString(), in);
            } catch (IOException e) {
                throw new BoardException("board file " + p + ": cannot read (" + e.getMessage() + ")");
            }
        }
        try (InputStream in = BoardCatalog.class.getResourceAsStream("/boards/" + nameOrPath + ".yaml")) {
            if (in == null || !BUILT_IN.contains(nameOrPath))
                throw new BoardException("unknown board '" + nameOrPath + "' (known: " + String.join(", ", BUILT_IN) + ", or a path to a .yaml board file)");
            return parse(nameOrPath, in);
        } catch (IOException e) {
            throw new BoardException("board " + nameOrPath + ": " + e.getMessage());
        }
    }

    static BoardDescription parse(String source, InputStream in) {
        try {
            BoardDescription d = YAML.readValue(in, BoardDescription.class);
            if (d.name() == null || d.cpu() == null || d.memory() == null)
                throw new BoardException("board " + source + ": needs at least name, cpu and memory");
            return d;
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new BoardException("board " + source + ": " + msg);
        }
    }
}
