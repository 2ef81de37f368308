package dev.portajava.builder;

import dev.portajava.PortajavaException;
import dev.portajava.text.ControlCharacters;
import java.nio.file.Path;

/**
 * The spec, or a file it names, is wrong: the message says which file and what is wrong with it, in one line of
 * bounded length, whatever the spec holds: control characters are shown escaped and a long message is cut.
 */
public class InvalidSpecException extends PortajavaException {

    private static final long serialVersionUID = 1L;

    /** The longest message; a longer one keeps its start and its end. */
    static final int MAX_LENGTH = 500;

    public InvalidSpecException(Path file, String problem) {
        super(oneLine(file + ": " + problem));
    }

    public InvalidSpecException(Path file, String problem, Throwable cause) {
        super(oneLine(file + ": " + problem), cause);
    }

    private static String oneLine(String message) {
        String line = ControlCharacters.escaped(message);
        if (line.length() <= MAX_LENGTH) {
            return line;
        }
        int head = MAX_LENGTH * 2 / 3;
        int tail = MAX_LENGTH - head - 1;
        int from = line.length() - tail;
        if (Character.isLowSurrogate(line.charAt(from))) {
            from++;
        }
        int to = Character.isHighSurrogate(line.charAt(head - 1)) ? head - 1 : head;
        return line.substring(0, to) + "\u2026" + line.substring(from);
    }
}
