package dev.portajava.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class-data sharing archive (AppCDS) of the shipped runtime: the classes one JVM of that runtime loads over
 * the training's commands ({@link Training}, run one after another by the cli's {@code TrainingRun}), dumped by
 * that runtime. One JVM, because the class lists of several cannot be merged: from JDK 25 on they number their
 * classes. A JDK records the class path literally and refuses an archive whose jars have moved, so the jars are
 * named {@code /dev/fd/3} and {@code /dev/fd/4} in the training, at dump time and by the launcher, wherever the
 * package is installed.
 *
 * <p>JDK 25's AOT cache is not made instead: a JVM started with one loads every class the cache holds before
 * {@code main}, and on this package's short commands it started slower than the same runtime with this archive
 * ({@code --version} 64 to 101 ms against 50 to 54 ms; a native attach and detach no faster).
 */
final class StartupArchive {

    /** The class path the archive is made for; the launcher opens the jars on these descriptors. */
    static final String CLASS_PATH = "/dev/fd/3:/dev/fd/4";

    private static final String TRAINING_MAIN = "dev.portajava.cli.TrainingRun";

    private final Path java;
    private final Path ownJar;
    private final Path librariesJar;

    /** The archive for {@code runtime} and the application's two jars ({@link ApplicationJar}), in that order. */
    StartupArchive(Path runtime, Path ownJar, Path librariesJar) {
        this.java = runtime.resolve("bin/java");
        this.ownJar = ownJar;
        this.librariesJar = librariesJar;
    }

    /** Runs the training, then dumps the archive of what it loaded to {@code archive}. */
    void write(Path archive, Path work) throws IOException, InterruptedException {
        Path classes = work.resolve("classes.lst");
        try (Training training = Training.start(work)) {
            Path codes = work.resolve("exit-codes");
            // the launcher's choice of selector provider, so that the classes trained are the ones it loads
            training.run(onJars(java.toString(), "-XX:DumpLoadedClassList=" + classes,
                    "-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider",
                    "-cp", CLASS_PATH, TRAINING_MAIN, training.writeCommands().toString(), codes.toString()));
            training.check(Files.readAllLines(codes));
            training.run(onJars(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + classes,
                    "-XX:SharedArchiveFile=" + archive, "-cp", CLASS_PATH));
        }
        if (!Files.exists(archive)) {
            throw new IOException("the start-up archive was not dumped: see " + work.resolve("training.log"));
        }
    }

    /** {@code command}, run with the own jar open on descriptor 3 and the libraries' on 4. */
    private List<String> onJars(String... command) {
        List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c",
                "own=$1 libraries=$2; shift 2; exec \"$@\" 3<\"$own\" 4<\"$libraries\"", "sh",
                ownJar.toString(), librariesJar.toString()));
        shell.addAll(List.of(command));
        return shell;
    }
}
