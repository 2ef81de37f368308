package dev.portajava.jvm;

import dev.portajava.digest.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * An application's class-data sharing archive (AppCDS): the JDK and application classes its main class loads while
 * it starts, listed by a training run and dumped by the runtime that will run it.
 *
 * <p>JDK 17 records the class path as it is written and refuses an archive whose jars moved, so the training and the
 * dump run in the image's root tree with a class path relative to it, which the service uses from its working
 * directory {@code /}. JDK 17's dump is not deterministic (the same inputs give other bytes), so an archive is kept
 * in the {@link RuntimeCache} by everything it is made from: the same application on the same JDK gets the same
 * archive, and so the same image bytes.
 *
 * @param root the image's root tree, holding the runtime and the jars
 * @param launcher the runtime's {@code java}, relative to the root, or absolute: a runtime laid in another tree (a
 *     base image of its own) gives an archive its service can use, since the archive checks the runtime's
 *     {@code lib/modules} by its size, not by its place
 * @param classPath the class path, relative to the root
 * @param mainClass the class whose start is trained
 * @param jvmFlags the service's JVM flags, given to the training and the dump as well
 * @param environment the service's environment, for the training
 */
public record StartupArchive(Path root, String launcher, List<String> classPath, String mainClass, List<String> jvmFlags,
        Map<String, String> environment) {

    public StartupArchive {
        classPath = List.copyOf(classPath);
        jvmFlags = List.copyOf(jvmFlags);
        environment = Map.copyOf(environment);
    }

    /**
     * Runs the main class until it ends, loads no new class for a second, or ran for {@code training} seconds (a
     * service may serve forever: it is stopped then), with its
     * state, cache and logs directories in {@code work}, and returns the classes it loaded, sorted.
     */
    public List<String> train(Path work, int training) throws IOException, InterruptedException {
        Path list = work.resolve("classes.lst");
        Files.deleteIfExists(list);
        List<String> command = new ArrayList<>(List.of(root.resolve(launcher).toString(),
                "-XX:DumpLoadedClassList=" + list));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", String.join(":", classPath), mainClass));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("training.log").toFile());
        builder.environment().putAll(environment);
        for (String kind : List.of("STATE", "CACHE", "LOGS", "RUNTIME", "CONFIGURATION")) {
            builder.environment().put(kind + "_DIRECTORY",
                    Files.createDirectories(work.resolve(kind.toLowerCase(Locale.ROOT))).toString());
        }
        Process process = builder.start();
        if (!settled(process, list, training)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (!Files.exists(list)) {
            throw new IOException("the training run of " + mainClass + " loaded no class: see "
                    + work.resolve("training.log"));
        }
        return List.copyOf(new TreeSet<>(Files.readAllLines(list)));
    }

    /**
     * Whether the training run ended by itself; else it has served for {@code training} seconds, or loaded no new
     * class for a second: a service that has started and waits for requests.
     */
    private static boolean settled(Process process, Path list, int training) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(training);
        long size = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < end) {
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
            long now = list.toFile().length();
            if (now != size) {
                size = now;
                since = System.nanoTime();
            } else if (size > 0 && System.nanoTime() - since > TimeUnit.SECONDS.toNanos(1)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The archive of {@code classes}: from the cache when it holds one made from the same runtime, class path
     * (names and contents), flags and classes, else dumped now into it.
     */
    public Path dump(List<String> classes, RuntimeCache cache, Path work) throws IOException, InterruptedException {
        StringBuilder inputs = new StringBuilder(String.join(" ", jvmFlags)).append('\n');
        for (String jar : classPath) {
            inputs.append(jar).append(' ').append(sha256(root.resolve(jar))).append('\n');
        }
        inputs.append(sha256(root.resolve(launcher).getParent().getParent().resolve("lib/modules"))).append('\n');
        inputs.append(String.join("\n", classes));
        Path archive = cache.entry("archives", inputs.toString());
        if (Files.exists(archive)) {
            return archive;
        }
        Path list = work.resolve("archive.lst");
        Files.write(list, classes);
        Path partial = Files.createTempFile(archive.getParent(), "partial-", ".jsa");
        Files.delete(partial);
        List<String> command = new ArrayList<>(List.of(root.resolve(launcher).toString(), "-Xshare:dump",
                "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + partial));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", String.join(":", classPath)));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("dump.log").toFile()).start();
        if (process.waitFor() != 0 || !Files.exists(partial)) {
            Files.deleteIfExists(partial);
            throw new IOException("the start-up archive could not be dumped: see " + work.resolve("dump.log"));
        }
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return archive;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Sha256.hex(digest);
    }
}
