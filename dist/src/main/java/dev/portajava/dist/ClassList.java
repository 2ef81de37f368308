package dev.portajava.dist;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A class list as a training JVM writes it ({@code -XX:DumpLoadedClassList}) and {@code -Xshare:dump} reads it: a
 * class name a line ({@code picocli/CommandLine}, followed by {@code id: N} from JDK 25 on), lines of the JDK's own
 * that begin with {@code @} ({@code @lambda-proxy}, which names classes in its words and in their method
 * descriptors), and comments.
 *
 * <p>An archive holds no class compiled for a release before Java 6 (class file version 50). JDK 17 archives such
 * a class without linking it, and where the archive holds it for the boot class path, which the short commands
 * take, calling a bridge method of it failed: every {@code --help} and {@code generate-completion} of the package
 * stopped with an {@code AbstractMethodError} in picocli ({@code ArgSpec.Builder.self()}), whose classes are Java 5
 * bytecode. From its jar, the JVM links it as usual. {@link #oldClasses} finds them in the application's jars.
 */
final class ClassList {

    /** The first class file version (major) of Java 6. */
    static final int JAVA_6 = 50;

    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([^;]+);");

    private final List<String> lines;

    private ClassList(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    static ClassList read(Path file) throws IOException {
        return new ClassList(Files.readAllLines(file));
    }

    void write(Path file) throws IOException {
        Files.write(file, lines);
    }

    List<String> lines() {
        return lines;
    }

    /** This list without the lines that name a class of {@code classes} (internal names, {@code a/b/C}). */
    ClassList without(Set<String> classes) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (!namesAny(line, classes)) {
                kept.add(line);
            }
        }
        return new ClassList(kept);
    }

    private static boolean namesAny(String line, Set<String> classes) {
        if (line.startsWith("#")) {
            return false;
        }
        for (String word : line.split(" ")) {
            if (classes.contains(word)) {
                return true;
            }
            Matcher inDescriptor = DESCRIPTOR_CLASS.matcher(word);
            while (inDescriptor.find()) {
                if (classes.contains(inDescriptor.group(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The classes of {@code jars} compiled for a release before Java 6, by their internal names. */
    static Set<String> oldClasses(List<Path> jars) throws IOException {
        Set<String> old = new HashSet<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : zip.stream().toList()) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.startsWith("META-INF/") && major(zip, entry) < JAVA_6) {
                        old.add(name.substring(0, name.length() - ".class".length()));
                    }
                }
            }
        }
        return old;
    }

    /** The class file version of {@code entry}: after the magic number and the minor version. */
    private static int major(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != 0xCAFEBABE) {
                throw new IOException(entry.getName() + " is not a class file");
            }
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }
}
