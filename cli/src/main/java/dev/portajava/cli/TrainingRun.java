package dev.portajava.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The training of a package's start-up archive: runs several command lines one after another in this one JVM, as
 * {@link EntryPoint} would run each, then loads every other class of portajava's own jar. The package's class-data
 * sharing archive is dumped from the list of what this one JVM loaded: the lists of several JVMs cannot be merged
 * on every JDK. Not a command: the package's build runs it.
 *
 * <p>Arguments: a file of command lines, one per line, their arguments separated by tabs; and a file to which each
 * command's exit code is written, one per line, in the same order.
 */
public final class TrainingRun {

    private TrainingRun() {
    }

    public static void main(String[] args) throws IOException, URISyntaxException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: TrainingRun COMMANDS EXIT-CODES");
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        List<String> codes = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] command = line.split("\t", -1);
            out.println("$ portajava " + String.join(" ", command));
            if (BuildVersion.only(command)) {
                EntryPoint.main(command);
                codes.add("0");
            } else {
                codes.add(Integer.toString(Main.run(out, err, Environment.system(), command)));
            }
        }
        loadOwnClasses();
        Files.write(Path.of(args[1]), codes);
        System.exit(0); // whatever threads the commands left
    }

    /**
     * Loads, without initialising, every class of the jar this class came from: a command the training cannot run
     * through (one on a real bus, with replies) then opens no jar for a class either. The jar is found by this
     * class's own file in it: a class of the boot class path has no code source.
     */
    private static void loadOwnClasses() throws IOException, URISyntaxException {
        URL self = TrainingRun.class.getResource(TrainingRun.class.getSimpleName() + ".class");
        Path jar = Path.of(((JarURLConnection) self.openConnection()).getJarFileURL().toURI());
        ClassLoader loader = TrainingRun.class.getClassLoader(); // null on the boot class path: the boot loader
        try (JarFile own = new JarFile(jar.toFile())) {
            for (Iterator<JarEntry> entries = own.entries().asIterator(); entries.hasNext(); ) {
                String name = entries.next().getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                    try {
                        Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                                loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // a class that needs what the package leaves out is not archived
                    }
                }
            }
        }
    }
}
