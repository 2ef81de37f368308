package dev.portajava.cli;

import dev.portajava.attach.polkit.PolkitGroup;
import dev.portajava.attach.remote.RemoteHost;
import dev.portajava.builder.Engine;
import dev.portajava.squashfs.Compression;
import dev.portajava.tree.FileNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Arguments as the JVM gives them. It decodes them with the locale's encoding before portajava sees them, and a
 * byte it cannot decode becomes U+FFFD: the argument would name another file ({@code -o a\xff.raw} would write
 * {@code a\uFFFD.raw}), or, under {@code LC_ALL=C}, no path at all. Such an argument is refused, as bad usage,
 * rather than silently renamed.
 */
final class ArgumentConverters {

    private ArgumentConverters() {
    }

    /** Registers the converters of text, path and value arguments on {@code commandLine} and its subcommands. */
    static void register(CommandLine commandLine) {
        commandLine.registerConverter(String.class, ArgumentConverters::text);
        commandLine.registerConverter(Path.class, ArgumentConverters::path);
        commandLine.registerConverter(Engine.class, value -> parsed(Engine::parse, value));
        commandLine.registerConverter(Compression.class, value -> parsed(Compression::parse, value));
        commandLine.registerConverter(PolkitGroup.class, value -> parsed(PolkitGroup::parse, value));
        commandLine.registerConverter(RemoteHost.class, value -> parsed(RemoteHost::parse, text(value)));
    }

    /** {@code value} parsed by a value type, whose message says what is wrong with it. */
    private static <T> T parsed(Function<String, T> parser, String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static String text(String value) {
        if (value.indexOf('\uFFFD') >= 0) {
            String encoding = System.getProperty("sun.jnu.encoding", "?");
            throw new CommandLine.TypeConversionException("'" + FileNames.printable(value) + "' is not the argument"
                    + " given: the JVM decoded it with the locale's encoding, " + encoding + ", which some of its bytes"
                    + " are not" + (encoding.equals("UTF-8") ? "" : "; use a UTF-8 locale (LC_ALL=C.UTF-8)"));
        }
        return value;
    }

    static Path path(String value) {
        try {
            return Path.of(text(value));
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + FileNames.printable(value) + "' is not a path: "
                    + e.getReason());
        }
    }
}
