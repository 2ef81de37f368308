package dev.portajava.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The class-data sharing archive (AppCDS) of the shipped runtime: the classes that a few commands load, run here
 * with that runtime, dumped by that runtime. JDK 17 records the class path literally and refuses an archive whose
 * jar has moved, so the jar is named {@code /dev/fd/3} at dump time and by the launcher, wherever it is installed.
 */
final class StartupArchive {

    /** The class path the archive is made for; the launcher opens the jar on this descriptor. */
    static final String CLASS_PATH = "/dev/fd/3";

    private final Path java;
    private final Path jar;

    StartupArchive(Path runtime, Path jar) {
        this.java = runtime.resolve("bin/java");
        this.jar = jar;
    }

    /** Runs the training commands, then dumps the archive of what they loaded to {@code archive}. */
    void write(Path archive, Path work) throws IOException, InterruptedException {
        Path classes = work.resolve("classes.lst");
        TreeSet<String> loaded = new TreeSet<>();
        try (Training training = Training.start(work)) {
            for (Training.Command step : training.commands()) {
                Path list = work.resolve("one.lst");
                Files.deleteIfExists(list);
                List<String> command = new ArrayList<>(List.of(java.toString(),
                        "-XX:DumpLoadedClassList=" + list, "-cp", jar.toString(), "dev.portajava.cli.EntryPoint"));
                command.addAll(step.args());
                training.run(command, step);
                if (Files.exists(list)) {
                    loaded.addAll(Files.readAllLines(list));
                }
            }
        }
        Files.write(classes, loaded);
        String dump = "exec \"$0\" -Xshare:dump -XX:SharedClassListFile=\"$1\" -XX:SharedArchiveFile=\"$2\""
                + " -cp " + CLASS_PATH + " 3<\"$3\"";
        Process process = new ProcessBuilder("/bin/sh", "-c", dump, java.toString(), classes.toString(),
                archive.toString(), jar.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("dump.log").toFile()).start();
        if (process.waitFor() != 0 || !Files.exists(archive)) {
            throw new IOException("the start-up archive could not be dumped: see " + work.resolve("dump.log"));
        }
    }
}
