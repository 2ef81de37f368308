package dev.portajava.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The class-data sharing archives (AppCDS) of the shipped runtime: the classes one JVM of that runtime loads over
 * the training's commands ({@link Training}, run one after another by the cli's {@code TrainingRun}), dumped by
 * that runtime. One JVM per archive, because the class lists of several cannot be merged: from JDK 25 on they
 * number their classes. A JDK records the class path literally and refuses an archive whose jars have moved, so the
 * jars are named {@code /dev/fd/3} and {@code /dev/fd/4} in the training, at dump time and by the launcher, wherever
 * the package is installed.
 *
 * <p>Two archives, because a JVM relocates the archive it maps at every start (JDK 17's updates map it at a random
 * address), touching all of it: {@link #ARCHIVE}, trained on every command but those that build or hash whole
 * images, is about two thirds the size of {@link #BUILD_ARCHIVE}, trained on all of them (Jackson, the registry
 * client and the layer readers are not in it), and a command that maps it starts about 15 ms sooner. The launcher
 * maps {@link #BUILD_ARCHIVE} for {@link #BUILD_COMMANDS}, to which 15 ms is nothing and the classes of a build a
 * lot, and has the JVM map {@link #ARCHIVE} at the address it was dumped for, relocating none of it.
 *
 * <p>The commands of {@link #ARCHIVE} take the jars on the boot class path ({@link #BOOT_JARS}), those of
 * {@link #BUILD_ARCHIVE} on the class path ({@link #CLASS_PATH_JARS}); an archive holds the classes of the jars
 * where they were at its training, and is dumped with them there. It holds none compiled before Java 6
 * ({@link ClassList}): those the JVM takes from the jars.
 *
 * <p>JDK 25's AOT cache is not made instead: a JVM started with one loads every class the cache holds before
 * {@code main}, and on this package's short commands it started slower than the same runtime with this archive
 * ({@code --version} 64 to 101 ms against 50 to 54 ms; a native attach and detach no faster).
 */
final class StartupArchive {

    /** The class path the archives are made for; the launcher opens the jars on these descriptors. */
    static final String CLASS_PATH = "/dev/fd/3:/dev/fd/4";

    /** The short commands' jars: on the boot class path, whose classes the JVM loads with no Java code. */
    static final List<String> BOOT_JARS = List.of("-Xbootclasspath/a:" + CLASS_PATH);

    /** The builds' jars: on the class path. */
    static final List<String> CLASS_PATH_JARS = List.of("-cp", CLASS_PATH);

    /** The archive of every command but {@link #BUILD_COMMANDS}, in {@code lib/}. */
    static final String ARCHIVE = "portajava.jsa";

    /** The archive of {@link #BUILD_COMMANDS}, trained on every command, in {@code lib/}. */
    static final String BUILD_ARCHIVE = "portajava-build.jsa";

    /** The commands that build or hash whole images; the launcher's case names the same. */
    static final Set<String> BUILD_COMMANDS = Set.of("build", "verify", "publish", "install", "update");

    private static final String TRAINING_MAIN = "dev.portajava.cli.TrainingRun";

    private final Path java;
    private final Path ownJar;
    private final Path librariesJar;

    /** The archives for {@code runtime} and the application's two jars ({@link ApplicationJar}), in that order. */
    StartupArchive(Path runtime, Path ownJar, Path librariesJar) {
        this.java = runtime.resolve("bin/java");
        this.ownJar = ownJar;
        this.librariesJar = librariesJar;
    }

    /** Runs the trainings, then dumps {@link #BUILD_ARCHIVE} and {@link #ARCHIVE} into {@code lib}. */
    void write(Path lib, Path work) throws IOException, InterruptedException {
        Set<String> old = ClassList.oldClasses(List.of(ownJar, librariesJar));
        try (Training training = Training.start(work)) {
            List<Training.Command> every = training.commands();
            List<Training.Command> others = new ArrayList<>();
            for (Training.Command command : every) {
                if (!BUILD_COMMANDS.contains(command.name())) {
                    others.add(command);
                }
            }
            // the builds come first: the other commands take the image they build
            dump(training, every, lib, BUILD_ARCHIVE, CLASS_PATH_JARS, work, "build", old);
            dump(training, others, lib, ARCHIVE, BOOT_JARS, work, "commands", old);
        }
    }

    /**
     * Trains one JVM on {@code commands}, with the jars where {@code jars} puts them, then dumps what it loaded but
     * the {@code old} classes ({@link ClassList}) to {@code archive} in {@code lib}. Its lists of commands, exit
     * codes and classes are {@code name.*} in {@code work}, the classes dumped {@code name.archived-classes}.
     */
    private void dump(Training training, List<Training.Command> commands, Path lib, String archive,
            List<String> jars, Path work, String name, Set<String> old) throws IOException, InterruptedException {
        Path classes = work.resolve(name + ".classes");
        Path archived = work.resolve(name + ".archived-classes");
        Path codes = work.resolve(name + ".exit-codes");
        Path natives = lib.resolve(ApplicationJar.NATIVE_DIRECTORY);
        // the launcher's choice of selector provider and of where the native libraries are, so that the classes
        // trained are the ones it loads
        List<String> train = new ArrayList<>(List.of(java.toString(), "-XX:DumpLoadedClassList=" + classes,
                "-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider",
                "-DZstdNativePath=" + natives.resolve(ApplicationJar.ZSTD_LIBRARY)));
        train.addAll(jars);
        train.addAll(List.of(TRAINING_MAIN, training.write(commands, work.resolve(name + ".commands")).toString(),
                codes.toString()));
        training.run(onJars(train));
        training.check(commands, Files.readAllLines(codes));
        ClassList.read(classes).without(old).write(archived);
        List<String> dump = new ArrayList<>(List.of(java.toString(), "-Xshare:dump",
                "-XX:SharedClassListFile=" + archived, "-XX:SharedArchiveFile=" + lib.resolve(archive)));
        dump.addAll(jars);
        training.run(onJars(dump));
        if (!Files.exists(lib.resolve(archive))) {
            throw new IOException("the start-up archive " + archive + " was not dumped: see " + training.log());
        }
    }

    /** {@code command}, run with the own jar open on descriptor 3 and the libraries' on 4. */
    private List<String> onJars(List<String> command) {
        List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c",
                "own=$1 libraries=$2; shift 2; exec \"$@\" 3<\"$own\" 4<\"$libraries\"", "sh",
                ownJar.toString(), librariesJar.toString()));
        shell.addAll(command);
        return shell;
    }
}
