package dev.portajava.builder.internal.launch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code #!} line of a script, read as the kernel reads it: from the first {@value #BUFFER} bytes of the file,
 * the interpreter path up to the first space, tab or NUL, and everything after it, trimmed, as one optional
 * argument. A line longer than the buffer works only when the interpreter path ends within it.
 */
public record Shebang(String interpreter, Optional<String> argument) {

    /** How many bytes of a file the kernel reads to find its format ({@code BINPRM_BUF_SIZE}). */
    public static final int BUFFER = 256;

    /** Whether {@code head}, the first bytes of a file, start a script. */
    public static boolean isScript(byte[] head) {
        return head.length >= 2 && head[0] == '#' && head[1] == '!';
    }

    /**
     * Parses the {@code #!} line at the start of {@code head}, the first bytes of the file (at most {@link #BUFFER}
     * are looked at).
     *
     * @throws CannotStartException if the kernel would refuse to run the script: the line names no interpreter, or
     *     the interpreter path is cut off by the end of the buffer
     */
    public static Shebang parse(byte[] head) throws CannotStartException {
        byte[] buf = Arrays.copyOf(head, BUFFER); // the kernel's buffer: NUL after the end of a short file
        int last = BUFFER - 1;
        int end = indexOf(buf, (byte) '\n');
        if (end < 0) {
            int name = nextNonSpaceTab(buf, 2, last);
            if (name < 0) {
                throw new CannotStartException("has a #! line that names no interpreter");
            }
            if (nextTerminator(buf, name, last) < 0) {
                throw new CannotStartException("has a #! line longer than the " + last
                        + " bytes the kernel reads, which cuts its interpreter path short");
            }
            end = last;
        }
        while (end > 2 && spaceTab(buf[end - 1])) {
            end--;
        }
        int name = nextNonSpaceTab(buf, 2, end);
        if (name < 0 || name == end) {
            throw new CannotStartException("has a #! line that names no interpreter");
        }
        int separator = nextTerminator(buf, name, end);
        int nameEnd = separator < 0 || separator > end ? end : separator;
        Optional<String> argument = Optional.empty();
        if (separator >= 0 && separator < end && buf[separator] != 0) {
            int arg = nextNonSpaceTab(buf, separator, end);
            if (arg >= 0 && arg < end) {
                argument = Optional.of(text(buf, arg, end));
            }
        }
        String interpreter = text(buf, name, nameEnd);
        if (interpreter.isEmpty()) {
            throw new CannotStartException("has a #! line that names no interpreter");
        }
        return new Shebang(interpreter, argument);
    }

    private static String text(byte[] buf, int from, int to) {
        int nul = from;
        while (nul < to && buf[nul] != 0) {
            nul++;
        }
        return new String(buf, from, nul - from, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] buf, byte b) {
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean spaceTab(byte b) {
        return b == ' ' || b == '\t';
    }

    /** The first index in {@code [from, to]} that is not a space or tab, or -1. */
    private static int nextNonSpaceTab(byte[] buf, int from, int to) {
        for (int i = from; i <= to && i < buf.length; i++) {
            if (!spaceTab(buf[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The first index in {@code [from, to]} that is a space, tab or NUL, or -1. */
    private static int nextTerminator(byte[] buf, int from, int to) {
        for (int i = from; i <= to && i < buf.length; i++) {
            if (spaceTab(buf[i]) || buf[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
