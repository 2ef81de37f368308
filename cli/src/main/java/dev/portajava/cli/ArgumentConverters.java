package dev.portajava.cli;

import dev.portajava.attach.polkit.PolkitGroup;
import dev.portajava.attach.remote.RemoteHost;
import dev.portajava.builder.Engine;
import dev.portajava.squashfs.Compression;
import dev.portajava.tree.FileNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
        commandLine.registerConverter(String.class, new Converter<>(String.class));
        commandLine.registerConverter(Path.class, new Converter<>(Path.class));
        commandLine.registerConverter(Engine.class, new Converter<>(Engine.class));
        commandLine.registerConverter(Compression.class, new Converter<>(Compression.class));
        commandLine.registerConverter(PolkitGroup.class, new Converter<>(PolkitGroup.class));
        commandLine.registerConverter(RemoteHost.class, new Converter<>(RemoteHost.class));
    }

    /**
     * The converter of one of those types. One class, not a lambda each: picocli's converter interface is a Java 5
     * class file, which the start-up archive cannot hold, so a lambda of it would be spun anew on every run.
     */
    private static final class Converter<T> implements CommandLine.ITypeConverter<T> {

        private final Class<T> type;

        Converter(Class<T> type) {
            this.type = type;
        }

        @Override
        public T convert(String value) {
            return type.cast(converted(value));
        }

        private Object converted(String value) {
            if (type == String.class) {
                return text(value);
            }
            if (type == Path.class) {
                return path(value);
            }
            try {
                // a value type's parser, whose message says what is wrong with the value
                if (type == Engine.class) {
                    return Engine.parse(value);
                }
                if (type == Compression.class) {
                    return Compression.parse(value);
                }
                if (type == PolkitGroup.class) {
                    return PolkitGroup.parse(value);
                }
                return RemoteHost.parse(text(value));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
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
