package dev.portajava.tree;

import dev.portajava.text.AsciiNames;
import dev.portajava.text.ControlCharacters;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * File names are bytes; inside portajava a name is a {@code String}, so that paths stay plain text everywhere. This
 * class is the one place where the two meet, for names in images and names on the build host.
 *
 * <p>A name's bytes are decoded as UTF-8; each byte that is not part of a well-formed UTF-8 sequence becomes the
 * lone surrogate {@code U+DC80 + (byte - 0x80)}, as Python's {@code surrogateescape} does. Encoding gives the same
 * bytes back, so two names never become one. A valid UTF-8 name is the ordinary {@code String} of its characters.
 *
 * <p>On the build host the JDK decodes a path with the locale's encoding ({@code sun.jnu.encoding}): {@code a\xff}
 * becomes {@code a\uFFFD}, and under {@code LC_ALL=C} every non-ASCII name does. {@link Path}s keep their bytes
 * though, and a {@code file:} URI carries them percent-encoded; so paths are read and made here, through their
 * bytes, whatever the locale. Names that the locale decodes exactly (ASCII, or valid UTF-8 in a UTF-8 locale) take
 * a shortcut.
 */
public final class FileNames {

    /** The longest name Linux takes, in bytes ({@code NAME_MAX}). */
    public static final int MAX_NAME = 255;

    private static final int ESCAPE = 0xDC00;
    private static final Path ROOT = Path.of("/");
    private static final boolean UTF8_HOST = hostCharset().equals(StandardCharsets.UTF_8);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileNames() {
    }

    /** The text of a name or path given as bytes: UTF-8, each stray byte as its escape. */
    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public static String decode(byte[] bytes, int offset, int length) {
        StringBuilder b = new StringBuilder(length);
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int c = bytes[i] & 0xff;
            if (c < 0x80) {
                b.append((char) c);
                i++;
                continue;
            }
            int n = sequenceLength(bytes, i, end);
            if (n == 0) {
                b.append((char) (ESCAPE | c));
                i++;
                continue;
            }
            int cp = c & (0xff >> (n + 1));
            for (int k = 1; k < n; k++) {
                cp = cp << 6 | bytes[i + k] & 0x3f;
            }
            b.appendCodePoint(cp);
            i += n;
        }
        return b.toString();
    }

    /**
     * The bytes of a name or path: the inverse of {@link #decode}.
     *
     * @throws IllegalArgumentException if {@code text} is no name's text: a lone surrogate that is not an escaped
     *     byte, or escapes that spell a valid UTF-8 sequence (they would name the same file as its characters)
     */
    public static byte[] encode(String text) {
        if (isAscii(text)) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        byte[] out = new byte[text.length() * 3];
        int n = 0;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[n++] = (byte) (0xf0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[n++] = (byte) (0x80 | cp & 0x3f);
            } else if (c >= ESCAPE + 0x80 && c <= ESCAPE + 0xff) {
                out[n++] = (byte) (c & 0xff);
                escaped = true;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("'" + ControlCharacters.escapedUnambiguously(text)
                        + "' is not a file name: it holds the lone surrogate \\u" + Integer.toHexString(c));
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xc0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3f);
            } else {
                out[n++] = (byte) (0xe0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
        byte[] bytes = Arrays.copyOf(out, n);
        if (escaped && !decode(bytes).equals(text)) {
            throw new IllegalArgumentException("'" + ControlCharacters.escapedUnambiguously(text)
                    + "' is not a file name: its escaped bytes spell characters");
        }
        return bytes;
    }

    /** How many bytes {@code text} has as a name. */
    public static int length(String text) {
        return isAscii(text) ? text.length() : encode(text).length;
    }

    /** A host path for a message: its bytes decoded as names are, then escaped as a name is. */
    public static String printable(Path path) {
        return ControlCharacters.escapedUnambiguously(text(path));
    }

    /** A path as text without the slashes it ends in: {@code /run/user/1000/} is {@code /run/user/1000}, {@code /} "". */
    public static String withoutTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    /** A path as text without the slashes it starts with: {@code /etc/os-release} is {@code etc/os-release}. */
    public static String withoutLeadingSlashes(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start);
    }

    // ---- the build host -------------------------------------------------------------------------------------

    /** The last name of a host path, as text; "" for a path without names (the root). */
    public static String name(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return "";
        }
        String text = name.toString();
        if (decodedExactly(text)) {
            return text;
        }
        byte[] all = uriBytes(path.toAbsolutePath());
        int start = all.length;
        while (start > 0 && all[start - 1] != '/') {
            start--;
        }
        return decode(all, start, all.length - start);
    }

    /** A whole host path (relative, as a symlink's target, or absolute) as text. */
    public static String text(Path path) {
        String text = path.toString();
        return decodedExactly(text) ? text : decode(bytes(path));
    }

    /** The bytes of a host path, as the file system has them. */
    public static byte[] bytes(Path path) {
        String text = path.toString();
        if (decodedExactly(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (path.isAbsolute()) {
            return uriBytes(path);
        }
        byte[] rooted = uriBytes(ROOT.resolve(path));
        return Arrays.copyOfRange(rooted, 1, rooted.length);
    }

    /**
     * The host path whose bytes are those of {@code text}: absolute if it starts with {@code /}. As with
     * {@link Path#of}, repeated and trailing slashes are dropped.
     *
     * @throws IllegalArgumentException if {@code text} is not a path's text: a NUL, or see {@link #encode}
     */
    public static Path path(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + ControlCharacters.escapedUnambiguously(text)
                    + "' is not a path: it holds a NUL byte");
        }
        if (encodedExactly(text)) {
            return Path.of(text);
        }
        Path path = text.startsWith("/") ? ROOT : null;
        for (String name : text.split("/")) {
            if (!name.isEmpty()) {
                Path next = single(name);
                path = path == null ? next : path.resolve(next);
            }
        }
        return path == null ? Path.of("") : path;
    }

    /** {@code directory} with the names of {@code relative} (separated by {@code /}; a leading one is ignored). */
    public static Path resolve(Path directory, String relative) {
        String names = withoutLeadingSlashes(relative);
        if (encodedExactly(names) && names.indexOf('\0') < 0) {
            return directory.resolve(names);
        }
        Path path = directory;
        for (String name : names.split("/")) {
            if (!name.isEmpty()) {
                path = path.resolve(path(name));
            }
        }
        return path;
    }

    /** The names of {@code path} below {@code root}, as text joined by {@code /} ({@code ""} for the root). */
    public static String relative(Path root, Path path) {
        Path relative = root.relativize(path);
        return relative.toString().isEmpty() ? "" : text(relative);
    }

    // ---- internals ------------------------------------------------------------------------------------------

    /** One name (no {@code /}) as a relative host path with exactly its bytes. */
    private static Path single(String name) {
        if (encodedExactly(name)) {
            return Path.of(name);
        }
        byte[] bytes = encode(name);
        StringBuilder uri = new StringBuilder("file:///");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (AsciiNames.isAlphanumeric(c) || c == '-' || c == '_') {
                uri.append((char) c);
            } else {
                uri.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return ROOT.relativize(Path.of(URI.create(uri.toString())));
    }

    /** The bytes of an absolute path, percent-decoded from its URI, without the slash a directory's URI ends with. */
    private static byte[] uriBytes(Path absolute) {
        String raw = absolute.toUri().getRawPath();
        int end = raw.length() > 1 && raw.endsWith("/") ? raw.length() - 1 : raw.length();
        byte[] out = new byte[end];
        int n = 0;
        for (int i = 0; i < end; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                out[n++] = (byte) Integer.parseInt(raw, i + 1, i + 3, 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether the JDK decoded the host bytes of {@code text} without loss. */
    private static boolean decodedExactly(String text) {
        return isAscii(text) || UTF8_HOST && text.indexOf('\uFFFD') < 0;
    }

    /** Whether the JDK encodes {@code text} for the host to exactly {@link #encode}'s bytes. */
    private static boolean encodedExactly(String text) {
        if (isAscii(text)) {
            return true;
        }
        if (!UTF8_HOST) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The length of the well-formed UTF-8 sequence at {@code i} (Unicode's table 3-7), or 0. */
    private static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        int n;
        int min = 0x80;
        int max = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            if (c == 0xe0) {
                min = 0xa0;
            } else if (c == 0xed) {
                max = 0x9f;
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            if (c == 0xf0) {
                min = 0x90;
            } else if (c == 0xf4) {
                max = 0x8f;
            }
        } else {
            return 0;
        }
        if (i + n > end) {
            return 0;
        }
        int second = b[i + 1] & 0xff;
        if (second < min || second > max) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int next = b[i + k] & 0xff;
            if (next < 0x80 || next > 0xbf) {
                return 0;
            }
        }
        return n;
    }

    private static Charset hostCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.US_ASCII;
        }
    }
}
