package dev.portajava.feed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a feed is: a directory, given as its path (absolute, or relative to the current directory) or as a
 * {@code file:} URI, or an {@code http:} or {@code https:} address. Its URI always ends with {@code /}, so that the
 * feed's files resolve inside it. {@link #parse} is the one place the text of a feed address is read: the command
 * line's {@code --feed} and {@code --url}, and the record {@code install} leaves for {@code update}.
 */
public record FeedAddress(URI uri) {

    /** What a feed address may be, as messages say it. */
    public static final String KINDS = "a feed is a directory path, file://, http:// or https://";

    private static final Set<String> SCHEMES = Set.of("file", "http", "https");
    /** A URI's scheme (RFC 3986), which a path does not start with. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    /** Checks {@code uri}; throws {@link IllegalArgumentException}, naming it, if no feed can be read there. */
    public FeedAddress {
        Objects.requireNonNull(uri, "uri");
        String problem = problem(uri);
        if (problem != null) {
            throw new IllegalArgumentException(refusal(uri.toString(), problem));
        }
        if (!uri.getRawPath().endsWith("/")) {
            uri = URI.create(uri.toString() + "/");
        }
    }

    /**
     * The feed {@code text} names: a {@code file:}, {@code http:} or {@code https:} URI, or else a directory's path,
     * made absolute against the current directory.
     *
     * @throws IllegalArgumentException naming {@code text} and saying what a feed address may be
     */
    @JsonCreator
    public static FeedAddress parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(refusal(text, ""));
        }
        if (!SCHEME.matcher(text).matches()) {
            try {
                return new FeedAddress(Path.of(text).toAbsolutePath().normalize().toUri());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(refusal(text, "not a path: " + e.getReason()));
            }
        }
        try {
            return new FeedAddress(new URI(text));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(refusal(text, "not a URI: " + e.getReason()));
        }
    }

    /** The address of {@code file} in the feed. */
    public URI resolve(String file) {
        return uri.resolve(file);
    }

    /** Whether the feed is a directory of this machine ({@code file:}). */
    public boolean local() {
        return "file".equals(uri.getScheme());
    }

    @JsonValue
    @Override
    public String toString() {
        return uri.toString();
    }

    /** What is wrong with {@code uri} as a feed's address ("" if only what a feed may be says it), or null. */
    private static String problem(URI uri) {
        if (!uri.isAbsolute() || !SCHEMES.contains(uri.getScheme())) {
            return "";
        }
        if (uri.isOpaque() || uri.getRawPath() == null) {
            return "no path after " + uri.getScheme() + ":";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "a feed address has no query (?) or fragment (#)";
        }
        if (uri.getScheme().equals("file")) {
            if (uri.getRawAuthority() != null) {
                return "a file: address names no host (file:///srv/feed)";
            }
            try {
                Path.of(uri);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            return null;
        }
        return uri.getHost() == null ? "it names no host" : null;
    }

    private static String refusal(String text, String problem) {
        return "'" + text + "' is not a feed address" + (problem.isEmpty() ? "" : " (" + problem
                + ")") + "; " + KINDS;
    }
}
