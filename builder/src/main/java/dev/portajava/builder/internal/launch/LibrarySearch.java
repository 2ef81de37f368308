package dev.portajava.builder.internal.launch;

import static dev.portajava.text.ControlCharacters.escapedUnambiguously;

import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the libraries a dynamically linked program needs, and theirs, as the loader finds them when it starts:
 * breadth first, a name already loaded (or the loader's own) satisfied once, each name looked up in the
 * {@code DT_RPATH} of the requesting object and those that loaded it (unless it has a {@code DT_RUNPATH}), then
 * {@code LD_LIBRARY_PATH}, its {@code DT_RUNPATH}, the directories of ld.so.conf and the loader's own directories.
 * {@code $ORIGIN} is the directory of the object. A file of another class or machine is skipped, as the loader skips
 * it. Directories that cannot be known at build time ({@code $LIB}, relative ones) make a missing library
 * "not checked" rather than refused.
 */
final class LibrarySearch {

    private static final int MAX_LIBRARIES = 1024;
    private static final Pattern ORIGIN = Pattern.compile("\\$(ORIGIN|\\{ORIGIN\\})(?=/|$)");
    private static final Pattern UNKNOWN_TOKEN = Pattern.compile("\\$(LIB|PLATFORM|\\{LIB\\}|\\{PLATFORM\\})(?=/|$)");

    private final ImageFiles files;
    private final LaunchEnvironment environment;
    private final ElfFile program;
    private final String interpreter;
    private List<Dir> system;
    private String systemShown;

    /** An object of the process: the program, or the library found for a {@code DT_NEEDED} name. */
    private record Loaded(String path, String origin, ElfFile elf, Loaded loader, String name) {
    }

    /** A directory to search, or why it cannot be known at build time; {@code system}: one of the loader's own. */
    private record Dir(String path, String unknown, boolean system) {
    }

    private record Lookup(Loaded found, String unknown, List<String> rejected, List<String> searched) {
    }

    LibrarySearch(ImageFiles files, LaunchEnvironment environment, ElfFile program, String interpreter) {
        this.files = files;
        this.environment = environment;
        this.program = program;
        this.interpreter = interpreter;
    }

    /**
     * Checks that every library the program at {@code path} (resolved) needs is in the image.
     *
     * @param loader the program's loader, whose own name ({@code DT_SONAME}) counts as loaded
     * @return why some library could not be checked, if so
     */
    Optional<String> check(String path, ElfFile loader) throws CannotStartException, IOException {
        Set<String> loaded = new HashSet<>(List.of(interpreter, interpreter.substring(interpreter.lastIndexOf('/') + 1)));
        loader.soname().ifPresent(loaded::add);
        Deque<Loaded> queue = new ArrayDeque<>(List.of(new Loaded(path, parent(path), program, null, null)));
        Optional<String> unchecked = Optional.empty();
        int count = 0;
        while (!queue.isEmpty()) {
            Loaded object = queue.removeFirst();
            for (String name : object.elf().needed()) {
                if (loaded.contains(name)) {
                    continue;
                }
                Lookup lookup = find(object, name);
                if (lookup.found() != null) {
                    if (++count > MAX_LIBRARIES) {
                        return Optional.of("it needs more than " + MAX_LIBRARIES + " libraries");
                    }
                    loaded.addAll(List.of(name, lookup.found().path()));
                    lookup.found().elf().soname().ifPresent(loaded::add);
                    queue.addLast(lookup.found());
                } else if (lookup.unknown() != null) {
                    unchecked = unchecked.or(() -> Optional.of(escapedUnambiguously(name) + " " + lookup.unknown()));
                } else {
                    throw new CannotStartException(chain(object) + missing(name, lookup));
                }
            }
        }
        return unchecked;
    }

    /** "needs libfoo.so.1, which is not in the image (searched /opt/app/lib, /lib … and ld.so.conf)". */
    private String missing(String name, Lookup lookup) {
        List<String> searched = new ArrayList<>(lookup.searched());
        if (!name.contains("/")) {
            searched.add(systemShown);
        }
        String where = searched.isEmpty() ? "" : "searched " + String.join(", ", searched);
        String rejected = String.join(", ", lookup.rejected());
        return "needs " + escapedUnambiguously(name) + ", which is not in the image"
                + (rejected.isEmpty() ? "" : " as an " + program.kind() + " library")
                + (rejected.isEmpty() && where.isEmpty() ? ""
                        : " (" + rejected + (rejected.isEmpty() || where.isEmpty() ? "" : "; ") + where + ")");
    }

    /** "needs libssl.so.3 (/usr/lib/libssl.so.3), which ": how {@code object} came to be loaded. */
    private static String chain(Loaded object) {
        StringBuilder text = new StringBuilder();
        for (Loaded l = object; l.loader() != null; l = l.loader()) {
            text.insert(0, "needs " + escapedUnambiguously(l.name()) + " (" + escapedUnambiguously(l.path())
                    + "), which ");
        }
        return text.toString();
    }

    private Lookup find(Loaded object, String name) throws IOException {
        List<String> rejected = new ArrayList<>();
        if (name.contains("/")) {
            if (!name.startsWith("/")) {
                return new Lookup(null, "is a path relative to the working directory", rejected, List.of());
            }
            return new Lookup(candidate(object, name, name, rejected), null, rejected, List.of());
        }
        Set<String> searched = new LinkedHashSet<>();
        Set<String> tried = new HashSet<>();
        String unknown = null;
        for (Dir dir : directories(object)) {
            if (dir.unknown() != null) {
                unknown = unknown == null ? dir.unknown() : unknown;
                continue;
            }
            Optional<String> file = files.resolve(dir.path() + "/" + name);
            if (file.isPresent() && !tried.add(file.get())) {
                continue; // the same file through another directory (/lib and /usr/lib): the same answer
            }
            Loaded found = candidate(object, dir.path() + "/" + name, name, rejected);
            if (found != null) {
                return new Lookup(found, null, rejected, List.of());
            }
            if (!dir.system()) {
                searched.add(dir.path());
            }
        }
        return new Lookup(null, unknown, rejected, List.copyOf(searched));
    }

    /** The library at {@code path} if it is one the loader takes for this program; else notes why not. */
    private Loaded candidate(Loaded object, String path, String name, List<String> rejected) throws IOException {
        Optional<String> resolved = files.resolve(path);
        if (resolved.isEmpty() || files.regularFile(resolved.get()).isEmpty()) {
            return null;
        }
        ElfFile elf;
        try (SeekableByteChannel channel = files.open(resolved.get())) {
            elf = ElfReader.read(channel);
        } catch (MalformedElfException e) {
            rejected.add(escapedUnambiguously(path) + " is not a valid ELF file: " + e.getMessage());
            return null;
        }
        if (!program.sameKind(elf)) {
            rejected.add(escapedUnambiguously(path) + " is " + elf.kind());
            return null;
        }
        if (elf.type() != ElfFile.ET_DYN) {
            rejected.add(escapedUnambiguously(path) + " is " + elf.typeName() + ", not a shared library");
            return null;
        }
        return new Loaded(path, parent(path), elf, object, name);
    }

    private List<Dir> directories(Loaded object) throws IOException {
        List<Dir> dirs = new ArrayList<>();
        if (object.elf().runpath().isEmpty()) {
            for (Loaded l = object; l != null; l = l.loader()) {
                if (l.elf().runpath().isEmpty() && l.elf().rpath().isPresent()) {
                    dirs.addAll(expand(l.elf().rpath().get(), l.origin()));
                }
            }
        }
        if (!environment.known()) {
            dirs.add(new Dir(null, "may be found through an LD_LIBRARY_PATH the unit takes from the host", false));
        } else if (environment.libraryPath().isPresent()) {
            dirs.addAll(expand(environment.libraryPath().get(), null));
        }
        object.elf().runpath().ifPresent(runpath -> dirs.addAll(expand(runpath, object.origin())));
        dirs.addAll(system());
        return dirs;
    }

    /** The directories of a colon-separated search path, {@code $ORIGIN} replaced by {@code origin}. */
    private static List<Dir> expand(String searchPath, String origin) {
        List<Dir> dirs = new ArrayList<>();
        for (String entry : searchPath.split(":", -1)) {
            String dir = origin == null ? entry : ORIGIN.matcher(entry).replaceAll(origin.replace("$", "\\$"));
            if (UNKNOWN_TOKEN.matcher(dir).find() || ORIGIN.matcher(dir).find()) {
                dirs.add(new Dir(null, "may be in " + escapedUnambiguously(entry) + ", which names a directory only the"
                        + " loader knows", false));
            } else if (!dir.startsWith("/")) {
                dirs.add(new Dir(null, "may be in '" + escapedUnambiguously(entry) + "', relative to the working"
                        + " directory", false));
            } else {
                dirs.add(new Dir(dir.length() > 1 ? FileNames.withoutTrailingSlashes(dir) : dir, null, false));
            }
        }
        return dirs;
    }

    /** The loader's own directories: musl's path file or defaults, or ld.so.conf and glibc's built-in ones. */
    private List<Dir> system() throws IOException {
        if (system == null) {
            List<String> dirs = new ArrayList<>();
            if (SystemLibraryDirectories.isMusl(interpreter)) {
                String path = LdSoConf.text(files, SystemLibraryDirectories.muslPathFile(interpreter))
                        .orElse(SystemLibraryDirectories.muslDefault());
                for (String dir : path.split("[:\n]")) {
                    if (dir.strip().startsWith("/")) {
                        dirs.add(dir.strip());
                    }
                }
                systemShown = String.join(", ", dirs);
            } else {
                dirs.addAll(LdSoConf.directories(files));
                List<String> builtIn = SystemLibraryDirectories.glibc(program);
                dirs.addAll(builtIn);
                systemShown = String.join(", ", builtIn) + " and ld.so.conf";
            }
            system = dirs.stream().distinct().map(d -> new Dir(d, null, true)).toList();
        }
        return system;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
