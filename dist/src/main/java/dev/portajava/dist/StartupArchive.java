package dev.portajava.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The class-data sharing archive (AppCDS) of the shipped runtime: the classes that a few commands load, run here
 * with that runtime, dumped by that runtime. JDK 17 records the class path literally and refuses an archive whose
 * jars have moved, so the jars are named {@code /dev/fd/3} and {@code /dev/fd/4} at dump time and by the launcher,
 * wherever it is installed.
 */
final class StartupArchive {

    /** The class path the archive is made for; the launcher opens the jars on these descriptors. */
    static final String CLASS_PATH = "/dev/fd/3:/dev/fd/4";

    private final Path java;
    private final Path ownJar;
    private final Path librariesJar;

    /** The archive for {@code runtime} and the application's two jars ({@link ApplicationJar}), in that order. */
    StartupArchive(Path runtime, Path ownJar, Path librariesJar) {
        this.java = runtime.resolve("bin/java");
        this.ownJar = ownJar;
        this.librariesJar = librariesJar;
    }

    /** Runs the training commands, then dumps the archive of what they loaded to {@code archive}. */
    void write(Path archive, Path work) throws IOException, InterruptedException {
        Path classes = work.resolve("classes.lst");
        TreeSet<String> loaded = new TreeSet<>();
        try (Training training = Training.start(work)) {
            for (Training.Command step : training.commands()) {
                Path list = work.resolve("one.lst");
                Files.deleteIfExists(list);
                List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:DumpLoadedClassList=" + list,
                        "-cp", ownJar + ":" + librariesJar, "dev.portajava.cli.EntryPoint"));
                command.addAll(step.args());
                training.run(command, step);
                if (Files.exists(list)) {
                    loaded.addAll(Files.readAllLines(list));
                }
            }
        }
        // and every class of portajava's own, so that a command the training cannot run through (one on a real bus,
        // with replies) opens no jar for a class either
        try (JarFile own = new JarFile(ownJar.toFile())) {
            own.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length())).forEach(loaded::add);
        }
        Files.write(classes, loaded);
        String dump = "exec \"$0\" -Xshare:dump -XX:SharedClassListFile=\"$1\" -XX:SharedArchiveFile=\"$2\""
                + " -cp " + CLASS_PATH + " 3<\"$3\" 4<\"$4\"";
        Process process = new ProcessBuilder("/bin/sh", "-c", dump, java.toString(), classes.toString(),
                archive.toString(), ownJar.toString(), librariesJar.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("dump.log").toFile()).start();
        if (process.waitFor() != 0 || !Files.exists(archive)) {
            throw new IOException("the start-up archive could not be dumped: see " + work.resolve("dump.log"));
        }
    }
}
