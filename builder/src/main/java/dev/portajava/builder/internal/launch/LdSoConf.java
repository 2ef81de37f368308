package dev.portajava.builder.internal.launch;

import dev.portajava.tree.FileNames;
import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The library directories an image's {@code /etc/ld.so.conf} lists, with its {@code include} globs expanded inside
 * the image, as {@code ldconfig} reads them: one directory a line, {@code #} comments, {@code hwcap} lines ignored.
 * Bounded: files are read up to {@value #MAX_BYTES} bytes, includes nest at most {@value #MAX_DEPTH} deep, and at
 * most {@value #MAX_FILES} files are read.
 */
final class LdSoConf {

    static final String FILE = "/etc/ld.so.conf";
    private static final int MAX_BYTES = 65536;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_FILES = 256;

    private final ImageFiles files;
    private final Set<String> directories = new LinkedHashSet<>();
    private final Set<String> read = new LinkedHashSet<>();

    private LdSoConf(ImageFiles files) {
        this.files = files;
    }

    /** The absolute directories, in order, without duplicates; empty if the image has no ld.so.conf. */
    static List<String> directories(ImageFiles files) throws IOException {
        LdSoConf conf = new LdSoConf(files);
        conf.parse(FILE, 0);
        return List.copyOf(conf.directories);
    }

    private void parse(String path, int depth) throws IOException {
        Optional<String> resolved = files.resolve(path);
        if (depth > MAX_DEPTH || resolved.isEmpty() || files.regularFile(resolved.get()).isEmpty()
                || read.size() >= MAX_FILES || !read.add(resolved.get())) {
            return;
        }
        for (String raw : text(files, resolved.get()).orElse("").split("\n")) {
            int hash = raw.indexOf('#');
            String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
            if (line.startsWith("include") && line.length() > 7 && blank(line.charAt(7))) {
                for (String pattern : line.substring(8).split("[ \t]+")) {
                    if (!pattern.isEmpty()) {
                        String absolute = pattern.startsWith("/") ? pattern : parent(path) + "/" + pattern;
                        for (String file : glob(absolute)) {
                            parse(file, depth + 1);
                        }
                    }
                }
            } else if (!line.isEmpty() && !(line.regionMatches(true, 0, "hwcap", 0, 5) && line.length() > 5
                    && blank(line.charAt(5)))) {
                int eq = line.indexOf('='); // an old "DIR=TYPE" line
                String dir = FileNames.withoutTrailingSlashes((eq < 0 ? line : line.substring(0, eq)).strip());
                if (dir.startsWith("/")) {
                    directories.add(dir);
                }
            }
        }
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    /** The text of the file at {@code path} in the image, its first {@value #MAX_BYTES} bytes; empty if none. */
    static Optional<String> text(ImageFiles files, String path) throws IOException {
        Optional<String> resolved = files.resolve(path);
        if (resolved.isEmpty() || files.regularFile(resolved.get()).isEmpty()) {
            return Optional.empty();
        }
        try (SeekableByteChannel channel = files.open(resolved.get())) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(MAX_BYTES, channel.size()));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // until full or at the end
            }
            return Optional.of(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        }
    }

    /** The files of the image that the glob {@code pattern} (absolute) matches, sorted as glob(3) sorts them. */
    List<String> glob(String pattern) throws IOException {
        List<String> matches = new ArrayList<>(List.of(""));
        for (String name : InImagePaths.names(pattern)) {
            List<String> next = new ArrayList<>();
            for (String prefix : matches) {
                if (!isGlob(name)) {
                    next.add(prefix + "/" + name);
                    continue;
                }
                Optional<String> dir = files.resolve(prefix.isEmpty() ? "/" : prefix);
                if (dir.isPresent()) {
                    Pattern regex = regex(name);
                    for (String entry : files.list(dir.get())) {
                        if (regex.matcher(entry).matches() && (!entry.startsWith(".") || name.startsWith("."))) {
                            next.add(prefix + "/" + entry);
                        }
                    }
                }
            }
            matches = next.size() > MAX_FILES ? next.subList(0, MAX_FILES) : next;
        }
        return matches.stream().sorted().toList();
    }

    private static boolean isGlob(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
    }

    /** A glob name as a regular expression: {@code *}, {@code ?} and {@code [...]} (with {@code !} or {@code ^}). */
    static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (close > 0) {
                String set = glob.substring(i + 1, close);
                boolean negated = set.startsWith("!") || set.startsWith("^");
                regex.append(negated ? "[^" : "[");
                for (char member : (negated ? set.substring(1) : set).toCharArray()) {
                    if ("\\[]^&".indexOf(member) >= 0) {
                        regex.append('\\');
                    }
                    regex.append(member);
                }
                regex.append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
