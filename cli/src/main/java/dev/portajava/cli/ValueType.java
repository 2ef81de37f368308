package dev.portajava.cli;

import dev.portajava.attach.polkit.PolkitGroup;
import dev.portajava.attach.remote.RemoteHost;
import dev.portajava.feed.FeedAddress;
import dev.portajava.name.ImageName;
import dev.portajava.profiles.ProfileName;
import dev.portajava.text.ControlCharacters;
import dev.portajava.text.TimeSpan;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an option or parameter takes, and how its text becomes that value: {@link #parse} throws
 * {@link IllegalArgumentException} with a message that says what is wrong with the text.
 *
 * <p>Text arguments are as the JVM gives them. It decodes them with the locale's encoding before portajava sees
 * them, and a byte it cannot decode becomes U+FFFD: the argument would name another file ({@code -o a\xff.raw} would
 * write {@code a\uFFFD.raw}), or, under {@code LC_ALL=C}, no path at all. Such an argument is refused, as bad usage,
 * rather than silently renamed.
 */
abstract class ValueType<T> {

    static final ValueType<String> TEXT = new ValueType<>() {
        @Override
        String parse(String text) {
            return text(text);
        }
    };

    static final ValueType<Path> PATH = new ValueType<>() {
        @Override
        Class<?> javaType() {
            return Path.class;
        }

        @Override
        Path parse(String text) {
            try {
                return Path.of(text(text));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'".concat(ControlCharacters.escapedUnambiguously(text))
                        .concat("' is not a path: ").concat(e.getReason()));
            }
        }
    };

    static final ValueType<Integer> INTEGER = new ValueType<>() {
        @Override
        Integer parse(String text) {
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'".concat(text).concat("' is not an int"));
            }
        }
    };

    /** A feed's address: a directory's path, or a file:, http: or https: URI ({@link FeedAddress#parse}). */
    static final ValueType<FeedAddress> FEED = new ValueType<>() {
        @Override
        FeedAddress parse(String text) {
            return FeedAddress.parse(text(text));
        }
    };

    /** An image's name, as the file names {@code NAME_VERSION.raw} of a feed and of /var/lib/portables hold it. */
    static final ValueType<ImageName> IMAGE_NAME = new ValueType<>() {
        @Override
        ImageName parse(String text) {
            return new ImageName(text(text));
        }
    };

    static final ValueType<RemoteHost> HOST = new ValueType<>() {
        @Override
        RemoteHost parse(String text) {
            return RemoteHost.parse(text(text));
        }
    };

    static final ValueType<PolkitGroup> GROUP = new ValueType<>() {
        @Override
        PolkitGroup parse(String text) {
            return PolkitGroup.parse(text);
        }
    };

    static final ValueType<ProfileName> PROFILE = new ValueType<>() {
        @Override
        ProfileName parse(String text) {
            return new ProfileName(text);
        }
    };

    /** A time span as systemd writes one ({@code 500ms}, {@code 10s}, {@code 2min}). */
    static final ValueType<Duration> TIME_SPAN = new ValueType<>() {
        @Override
        Duration parse(String text) {
            return TimeSpan.parse(text);
        }
    };

    /** The value {@code text} stands for. */
    abstract T parse(String text);

    /** The class picocli's model gives the value: a path is completed with file names, anything else as text. */
    Class<?> javaType() {
        return String.class;
    }

    /** The values shell completion offers and {@code ${COMPLETION-CANDIDATES}} lists: none but an enum's. */
    List<String> candidates() {
        return List.of();
    }

    /** An enum's constants ({@code values()}), typed in any case and offered in lower case. */
    static <E extends Enum<E>> ValueType<E> of(E[] constants) {
        return new Constants<>(constants);
    }

    /** {@code text} if the JVM could decode it. */
    static String text(String text) {
        if (text.indexOf('\uFFFD') >= 0) {
            String encoding = System.getProperty("sun.jnu.encoding", "?");
            throw new IllegalArgumentException("'" + ControlCharacters.escapedUnambiguously(text)
                    + "' is not the argument"
                    + " given: the JVM decoded it with the locale's encoding, " + encoding + ", which some of its bytes"
                    + " are not" + (encoding.equals("UTF-8") ? "" : "; use a UTF-8 locale (LC_ALL=C.UTF-8)"));
        }
        return text;
    }

    /**
     * The constants of an enum, as users type them: in lower case, or in any case. A subclass may parse them with the
     * enum's own parser, whose message says more. They are given, not found by {@code Class.getEnumConstants()},
     * which calls {@code values()} by reflection: a millisecond of a short command's start.
     */
    static class Constants<E extends Enum<E>> extends ValueType<E> {

        private final List<E> constants;

        Constants(E[] constants) {
            this.constants = List.of(constants);
        }

        @Override
        E parse(String text) {
            for (E constant : constants) {
                if (constant.name().equalsIgnoreCase(text) || constant.toString().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("expected one of " + candidates() + " (case-insensitive) but was '"
                    + text + "'");
        }

        @Override
        List<String> candidates() {
            List<String> names = new ArrayList<>();
            for (E constant : constants) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            return names;
        }
    }
}
