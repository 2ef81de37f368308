package dev.portajava.jvm;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes of the running JDK that a jar's class files name: every internal name ({@code java/util/List}) in
 * their constant pools, as a class, in a descriptor or a signature, whose package is one of the JDK's. jdeps finds a
 * jar's JDK modules from these names alone, so a jar naming the same ones needs the same modules.
 */
final class JdkReferences {

    private static final Pattern INTERNAL_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(/[A-Za-z_$][A-Za-z0-9_$]*)+");
    private static final int MAGIC = 0xCAFEBABE;

    private JdkReferences() {
    }

    /** The JDK classes the class files of {@code jar} name, sorted; a class file it cannot parse is an error. */
    static SortedSet<String> of(Path jar) throws IOException {
        Set<String> packages = jdkPackages();
        SortedSet<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    for (String text : utf8Constants(in.readAllBytes(), entry.getName())) {
                        collect(text, packages, names);
                    }
                }
            }
        }
        return names;
    }

    private static void collect(String text, Set<String> packages, Set<String> names) {
        if (text.indexOf('/') < 0) {
            return;
        }
        Matcher matcher = INTERNAL_NAME.matcher(text);
        while (matcher.find()) {
            String name = matcher.group();
            // in a descriptor a class is L...; : the match starts with that L
            for (String candidate : name.startsWith("L") ? new String[] {name, name.substring(1)}
                    : new String[] {name}) {
                int slash = candidate.lastIndexOf('/');
                if (slash > 0 && packages.contains(candidate.substring(0, slash))) {
                    names.add(candidate);
                }
            }
        }
    }

    /** The UTF-8 constants of a class file's constant pool. */
    private static Set<String> utf8Constants(byte[] bytes, String name) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (bytes.length < 10 || in.readInt() != MAGIC) {
            throw new IOException(name + " is not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Set<String> texts = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> texts.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException(name + ": constant " + i + " has the unknown tag " + tag);
            }
        }
        return texts;
    }

    private static Set<String> jdkPackages() {
        Set<String> packages = new HashSet<>();
        for (ModuleReference module : ModuleFinder.ofSystem().findAll()) {
            for (String p : module.descriptor().packages()) {
                packages.add(p.replace('.', '/'));
            }
        }
        return packages;
    }
}
