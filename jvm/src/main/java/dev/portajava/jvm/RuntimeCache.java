package dev.portajava.jvm;

import dev.portajava.digest.Sha256;
import dev.portajava.work.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runtimes linked before, the module lists jdeps found before, and start-up archives dumped before, kept under a
 * directory by what made them: a runtime by the JDK and its modules, a module list by the JDK and the jars, an
 * archive by everything it was dumped from; and the compressed blocks of images' files. Entries are written beside
 * their place and moved in whole, so that a build that stops half-way leaves nothing a later one would take.
 */
public final class RuntimeCache {

    private final Path directory;

    public RuntimeCache(Path directory) {
        this.directory = directory;
    }

    /**
     * The JDK modules the class path {@code libraries} then {@code application} needs ({@link JavaRuntime#modules}),
     * found by jdeps unless it found them before for the same JDK, the same libraries (by their SHA-256) and an
     * application naming the same JDK classes ({@link JdkReferences}): a rebuild after a change of the application's
     * code that uses no other JDK class does not run jdeps.
     *
     * @throws JdepsException if jdeps cannot tell the modules of a jar
     */
    public String modules(List<Path> libraries, Path application) throws IOException, JdepsException {
        List<Path> jars = new ArrayList<>(libraries);
        jars.add(application);
        StringBuilder inputs = new StringBuilder("modules\n");
        try {
            for (Path library : libraries) {
                inputs.append("library ").append(Sha256.hex(library)).append('\n');
            }
            inputs.append("application ").append(String.join(" ", JdkReferences.of(application))).append('\n');
        } catch (IOException e) {
            return JavaRuntime.modules(jars.toArray(Path[]::new)); // a jar it cannot read: jdeps says why
        }
        Path entry = entry("modules", inputs.toString());
        if (Files.isRegularFile(entry)) {
            String cached = Files.readString(entry, StandardCharsets.UTF_8).strip();
            if (JavaRuntime.isModuleList(cached)) {
                return cached;
            }
        }
        String modules = JavaRuntime.modules(jars.toArray(Path[]::new));
        Path partial = Files.createTempFile(entry.getParent(), "partial-", "");
        try {
            Files.writeString(partial, modules + "\n", StandardCharsets.UTF_8);
            Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return modules;
    }

    /** The runtime of {@code modules} linked from the running JDK, linked now unless it was before. */
    public Path runtime(String modules) throws IOException {
        Path runtime = directory.resolve("runtimes").resolve(key(JavaRuntime.jdk() + "\n" + modules));
        if (Files.isDirectory(runtime)) {
            return runtime;
        }
        Files.createDirectories(runtime.getParent());
        Path partial = Files.createTempDirectory(runtime.getParent(), "partial-");
        Path linked = partial.resolve("runtime");
        try {
            JavaRuntime.link(modules, linked);
            Files.move(linked, runtime);
        } catch (IOException e) {
            if (!Files.isDirectory(runtime)) {
                throw e;
            }
            // another build linked the same runtime meanwhile
        } finally {
            FileTrees.delete(partial);
        }
        return runtime;
    }

    /**
     * The directory where image writers keep the compressed blocks of the files they wrote (a squashfs block store),
     * so that the next build does not compress an unchanged runtime or jar again.
     */
    public Path blocks() {
        return directory.resolve("squashfs-blocks");
    }

    /** The file an entry of {@code kind} made from {@code inputs} has, whether or not it exists yet. */
    public Path entry(String kind, String inputs) throws IOException {
        return Files.createDirectories(directory.resolve(kind)).resolve(key(JavaRuntime.jdk() + "\n" + inputs));
    }

    /** A hex SHA-256 of {@code text}. */
    static String key(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
