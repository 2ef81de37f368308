package dev.portajava.dist;

import dev.portajava.cli.Main;
import dev.portajava.jvm.JavaRuntime;
import dev.portajava.work.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Lays out portajava as installed and packs it: {@code portajava-VERSION/} holds {@code bin/portajava} (the
 * launcher), {@code lib/} (the jlinked runtime, the application's jars, native libraries and start-up archives)
 * and {@code share/} (man pages, bash and zsh completion). It becomes {@code portajava-VERSION-linux-x86_64.tar.gz},
 * and the tree of the .deb ({@code deb-data.tar}: {@code /usr/lib/portajava}, {@code /usr/bin/portajava} and
 * {@code /usr/share}), which jdeb turns into the package.
 *
 * <p>Arguments: the application jar, the launcher script, the version, the time of every file (ISO-8601), the output
 * directory, and the files the launcher reads from {@code lib/} (the builds' JVM options and compiler directives).
 */
public final class Distribution {

    private Distribution() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            throw new IllegalArgumentException(
                    "usage: Distribution JAR LAUNCHER VERSION TIMESTAMP OUTPUT [LAUNCHER_FILE...]");
        }
        Path jar = Path.of(args[0]);
        Path launcher = Path.of(args[1]);
        String version = args[2];
        String timestamp = args[3];
        FileTime time = FileTime.from(Instant.parse(timestamp));
        Path output = Path.of(args[4]);
        String name = "portajava-" + version;
        Path image = output.resolve(name);
        Path work = output.resolve("dist-work");
        FileTrees.delete(image);
        FileTrees.delete(work);
        Files.createDirectories(work);

        Path lib = Files.createDirectories(image.resolve("lib"));
        Path ownJar = lib.resolve(ApplicationJar.OWN);
        Path librariesJar = lib.resolve(ApplicationJar.LIBRARIES);
        // the native libraries go beside the runtime's, which jlink writes below; the classes are the runtime's
        Path natives = work.resolve("native");
        ApplicationJar.splitForLinuxX8664(jar, ownJar, librariesJar, natives, Runtime.version().feature());
        // the start-up archive checks the jars' times: the ones they will have in the packages
        Files.setLastModifiedTime(ownJar, time);
        Files.setLastModifiedTime(librariesJar, time);
        Path bin = Files.createDirectories(image.resolve("bin"));
        Files.copy(launcher, bin.resolve("portajava"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(bin.resolve("portajava"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (int i = 5; i < args.length; i++) {
            Path launcherFile = Path.of(args[i]);
            Files.copy(launcherFile, lib.resolve(launcherFile.getFileName()));
        }

        // the documentation (Asciidoctor, on JRuby, takes a while to start) is written beside the runtime
        CompletableFuture<Void> documentation = CompletableFuture.runAsync(() -> {
            CommandLine commandLine = Main.documented();
            try {
                ManPages.write(commandLine, image.resolve("share/man/man1"), work, timestamp.substring(0, 10));
                Completions.write(commandLine, image.resolve("share"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long start = System.nanoTime();
        String modules = JavaRuntime.modules(ownJar, librariesJar);
        JavaRuntime.link(modules, lib.resolve("runtime"));
        try (Stream<Path> files = Files.list(natives)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, lib.resolve(ApplicationJar.NATIVE_DIRECTORY).resolve(file.getFileName()));
            }
        }
        log(start, "runtime of " + modules);
        new StartupArchive(lib.resolve("runtime"), ownJar, librariesJar).write(lib, work);
        log(start, "start-up archives");
        documentation.join();
        log(start, "man pages and completion");

        try (Tarball tarball = new Tarball(output.resolve(name + "-linux-x86_64.tar.gz"), time)) {
            tarball.addTree(image, name);
        }
        try (Tarball deb = new Tarball(output.resolve("deb-data.tar"), time)) {
            for (String directory : new String[] {"usr", "usr/bin", "usr/lib"}) {
                deb.addDirectory(directory);
            }
            deb.addDirectory("usr/lib/portajava");
            deb.addTree(image.resolve("bin"), "usr/lib/portajava/bin");
            deb.addTree(image.resolve("lib"), "usr/lib/portajava/lib");
            deb.addSymlink("usr/bin/portajava", "../lib/portajava/bin/portajava");
            deb.addTree(image.resolve("share"), "usr/share");
        }
        log(start, "tarball and the .deb's tree");
    }

    private static void log(long start, String done) {
        System.out.printf("[dist] %5.1f s: %s%n", (System.nanoTime() - start) / 1e9, done);
    }
}
