package dev.portajava.attach;

import dev.portajava.name.Version;
import dev.portajava.text.AsciiNames;
import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A directory of versioned images (systemd.v(7), systemd 256 and later), as portabled picks from it:
 * {@code PATH/NAME[.SUFFIX].v/} holds {@code NAME_VERSION[_ARCH][+LEFT[-DONE]].raw} files or
 * {@code NAME_VERSION[_ARCH][+LEFT[-DONE]]} directories, and {@code PATH.v/NAME___SUFFIX} names the pattern
 * {@code NAME_*SUFFIX} in {@code PATH.v/}. The newest one is used: first one with tries left (or no counter), then
 * by version ({@link Version}), then the machine's own architecture before its secondary one and one without
 * architecture, then more tries left, fewer tries done, and last the greater file name.
 *
 * @param directory the directory enumerated
 * @param basename the {@code NAME} before the {@code _}
 * @param suffixes the suffixes an entry may end in, tried in order ({@code ""} takes any)
 * @param directoriesOnly the pattern ended in {@code /}: the newest entry must be a directory
 */
public record VersionedDirectory(Path directory, String basename, List<String> suffixes, boolean directoriesOnly) {

    /** What portabled looks for: raw images, then (systemd 262) .mstack directories, then plain directories. */
    private static final List<String> IMAGE_SUFFIXES = List.of(".raw", ".mstack", "");
    /** What a version may hold besides ASCII letters and digits. */
    private static final String VERSION_CHARACTERS = ".,_+-";
    /** systemd's architecture names ({@code ConditionArchitecture=}). */
    private static final Set<String> ARCHITECTURES = Set.of("alpha", "arc", "arc-be", "arm", "arm-be", "arm64",
            "arm64-be", "cris", "ia64", "loongarch64", "m68k", "mips", "mips-le", "mips64", "mips64-le", "parisc",
            "parisc64", "ppc", "ppc64", "ppc64-le", "ppc-le", "riscv32", "riscv64", "s390", "s390x", "sh", "sh64",
            "sparc", "sparc64", "tilegx", "x86", "x86-64");

    public VersionedDirectory {
        suffixes = List.copyOf(suffixes);
    }

    /** The versioned directory {@code argument} names, if it names one; an ordinary path gives none. */
    public static Optional<VersionedDirectory> of(String argument) {
        boolean slash = argument.endsWith("/");
        String trimmed = FileNames.withoutTrailingSlashes(argument);
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(trimmed);
        String name = path.getFileName().toString();
        if (name.endsWith(".v") && name.length() > 2) {
            String base = name.substring(0, name.length() - 2);
            for (String suffix : IMAGE_SUFFIXES) {
                if (base.endsWith(suffix)) {
                    base = base.substring(0, base.length() - suffix.length());
                    break;
                }
            }
            return Optional.of(new VersionedDirectory(path, base, IMAGE_SUFFIXES, false));
        }
        int wildcard = name.lastIndexOf("___");
        Path parent = path.getParent();
        if (wildcard < 0 || parent == null || parent.getFileName() == null
                || !parent.getFileName().toString().endsWith(".v")) {
            return Optional.empty();
        }
        String suffix = name.substring(wildcard + 3);
        return Optional.of(new VersionedDirectory(parent, name.substring(0, wildcard),
                suffix.isEmpty() ? List.of() : List.of(suffix), slash));
    }

    /** One entry of the directory: its name and whether it is a directory. */
    public record Entry(String name, boolean directory) {
    }

    /** A candidate: the entry, and what its name says. */
    private record Candidate(String name, String version, int architecture, long triesLeft, long triesDone) {
    }

    /**
     * The entry portabled would use among {@code entries}, on a machine whose own architectures are
     * {@code architectures} (in order of preference, such as {@code x86-64, x86}).
     */
    public Optional<String> pick(List<Entry> entries, List<String> architectures) {
        Comparator<Candidate> order = Comparator.<Candidate, Boolean>comparing(c -> c.triesLeft() != 0)
                .thenComparing(candidate -> new Version(candidate.version()))
                .thenComparing(Candidate::architecture, Comparator.reverseOrder())
                .thenComparingLong(Candidate::triesLeft)
                .thenComparing(Candidate::triesDone, Comparator.reverseOrder())
                .thenComparing(Candidate::name);
        List<Candidate> candidates = new ArrayList<>();
        for (Entry entry : entries) {
            candidate(entry.name(), architectures).ifPresent(candidates::add);
        }
        return candidates.stream().max(order).map(Candidate::name);
    }

    private Optional<Candidate> candidate(String name, List<String> architectures) {
        if (!basename.isEmpty()) {
            if (!name.startsWith(basename + "_")) {
                return Optional.empty();
            }
        }
        String rest = basename.isEmpty() ? name : name.substring(basename.length() + 1);
        if (!suffixes.isEmpty()) {
            Optional<String> suffix = suffixes.stream().filter(rest::endsWith).findFirst();
            if (suffix.isEmpty()) {
                return Optional.empty();
            }
            rest = rest.substring(0, rest.length() - suffix.get().length());
        }
        long left = Long.MAX_VALUE; // no counter: as good as endless tries
        long done = Long.MAX_VALUE;
        int plus = rest.lastIndexOf('+');
        if (plus >= 0) { // +LEFT or +LEFT-DONE
            String counter = rest.substring(plus + 1);
            int minus = counter.indexOf('-');
            String leftText = minus < 0 ? counter : counter.substring(0, minus);
            String doneText = minus < 0 ? "0" : counter.substring(minus + 1);
            if (AsciiNames.isDigits(leftText) && AsciiNames.isDigits(doneText)) {
                left = Long.parseLong(leftText);
                done = Long.parseLong(doneText);
                rest = rest.substring(0, plus);
            }
        }
        int underscore = rest.lastIndexOf('_');
        String architecture = underscore < 0 ? "" : rest.substring(underscore + 1);
        int index = ARCHITECTURES.contains(architecture) ? architectures.indexOf(architecture) : architectures.size();
        if (index < 0) {
            return Optional.empty(); // built for another machine
        }
        if (underscore >= 0) {
            rest = rest.substring(0, underscore);
        }
        if (!AsciiNames.only(rest, VERSION_CHARACTERS)) {
            return Optional.empty();
        }
        return Optional.of(new Candidate(name, rest, index, left, done));
    }

    /**
     * The image this directory offers to this machine, read from the disk: the path of the newest entry.
     *
     * @throws ImageNotFoundException if the directory cannot be read or holds no such entry
     */
    public Path resolve() throws ImageNotFoundException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(directory)) {
            for (Path entry : list) {
                entries.add(new Entry(entry.getFileName().toString(), Files.isDirectory(entry)));
            }
        } catch (IOException e) {
            throw new ImageNotFoundException(directory + ": cannot read this versioned directory: " + e.getMessage());
        }
        String pattern = basename + "_VERSION" + (suffixes.equals(IMAGE_SUFFIXES) ? ".raw or a directory "
                + basename + "_VERSION" : suffixes.isEmpty() ? "" : suffixes.get(0));
        Path chosen = pick(entries, localArchitectures()).map(directory::resolve).orElseThrow(() ->
                new ImageNotFoundException(directory + ": no image in this versioned directory (systemd.v(7): "
                        + pattern + ")"));
        if (directoriesOnly && !Files.isDirectory(chosen)) {
            // as systemd does, the type is judged after the choice
            throw new ImageNotFoundException(chosen + ": the newest entry is not a directory, as the pattern's / asks");
        }
        try {
            return chosen.toRealPath(); // portabled records the path with its symlinks resolved
        } catch (IOException e) {
            throw new ImageNotFoundException(chosen + ": " + e.getMessage());
        }
    }

    /** This machine's architectures in systemd's names, its own first. */
    static List<String> localArchitectures() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> List.of("x86-64", "x86");
            case "aarch64" -> List.of("arm64", "arm");
            default -> List.of();
        };
    }
}
