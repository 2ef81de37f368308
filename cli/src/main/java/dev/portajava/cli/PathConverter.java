package dev.portajava.cli;

import dev.portajava.tree.FileNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * A path given on the command line. The JVM decodes arguments with the locale's encoding before portajava sees
 * them, and a byte it cannot decode becomes U+FFFD: the path would name another file ({@code -o a\xff.raw} would
 * write {@code a\uFFFD.raw}), so such an argument is refused rather than silently renamed.
 */
final class PathConverter implements CommandLine.ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        if (value.indexOf('\uFFFD') < 0) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                // not expected for an argument the JVM decoded; refused below all the same
            }
        }
        String encoding = System.getProperty("sun.jnu.encoding", "?");
        throw new CommandLine.TypeConversionException("'" + FileNames.printable(value) + "' is not the path given:"
                + " the JVM decoded it with the locale's encoding, " + encoding + ", which some of its bytes are not"
                + (encoding.equals("UTF-8") ? "; rename it" : "; use a UTF-8 locale (LC_ALL=C.UTF-8) or rename it"));
    }
}
