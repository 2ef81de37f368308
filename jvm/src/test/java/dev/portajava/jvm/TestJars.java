package dev.portajava.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Jars of the classes below, written for the tests. */
final class TestJars {

    private TestJars() {
    }

    /** Uses java.logging. */
    static final class Logs {
        static void log() {
            java.util.logging.Logger.getGlobal().info("x");
        }
    }

    /** Uses java.sql. */
    static final class Sql {
        static java.sql.Timestamp now() {
            return new java.sql.Timestamp(0);
        }
    }

    /** Writes {@code jar}: the class files of {@code classes} and a resource {@code note.txt} of {@code note}. */
    static Path write(Path jar, String note, Class<?>... classes) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : classes) {
                String name = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = TestJars.class.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(out);
                }
            }
            out.putNextEntry(new JarEntry("note.txt"));
            out.write(note.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
