package dev.portajava.dist;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The application as the linux-x86_64 packages hold it: cli's jar, split in two, without the native libraries its
 * dependencies (zstd-jni, lz4-java) carry for other systems and processors, a third of its size.
 * <ul>
 * <li>{@code portajava.jar}: portajava's own classes and resources (a thousand entries), first on the class path,
 * with the manifest that names the version;</li>
 * <li>{@code portajava-libraries.jar}: the libraries (ten thousand entries), each class as the runtime's version of
 * it: the libraries' multi-release entries ({@code META-INF/versions/N/}) for the runtime's Java release or an
 * earlier one replace the others, later ones are left out. The short commands take the jars on the boot class path
 * (the launcher), which reads no versioned entry: a multi-release jar would give them Java 8's classes;</li>
 * <li>{@code runtime/lib/}: this platform's native libraries, as files under the names the launcher gives their
 * loaders ({@link #NATIVE_FILES}), beside the runtime's own, where the JVM looks for the libraries of the boot class
 * path's classes. From the jar, each loader looked for them on the whole class path and copied them into a
 * temporary file to load it, in every process that read a zstd or lz4 image (44 ms of a native attach of a zstd
 * image).</li>
 * </ul>
 * A command's classes come from the start-up archive, so Java code opens a jar only to read a resource, such as a
 * built-in profile. Those are found in the small jar, and reading its directory takes a millisecond, where the
 * whole application's took 15 to 50. (The JVM opens the boot class path's jars itself as it starts, in native
 * code: 1 to 3 ms.)
 */
final class ApplicationJar {

    static final String OWN = "portajava.jar";
    static final String LIBRARIES = "portajava-libraries.jar";

    /** Where the native libraries are in the package's {@code lib}: the runtime's library directory. */
    static final String NATIVE_DIRECTORY = "runtime/lib";

    /** zstd-jni's library in {@link #NATIVE_DIRECTORY}, which {@code -DZstdNativePath} names. */
    static final String ZSTD_LIBRARY = "libzstd-jni.so";

    /**
     * This platform's native libraries in the jar, and the files they become in {@link #NATIVE_DIRECTORY}: zstd-jni
     * loads the file {@code -DZstdNativePath} names (before it looks for anything on the class path), which the
     * launcher sets; lz4-java loads {@code liblz4-java.so} from the runtime's library directory.
     */
    static final Map<Pattern, String> NATIVE_FILES = Map.of(
            Pattern.compile("linux/amd64/libzstd-jni-[^/]+\\.so"), ZSTD_LIBRARY,
            Pattern.compile("net/jpountz/util/linux/amd64/liblz4-java\\.so"), "liblz4-java.so");

    private static final Pattern NATIVE = Pattern.compile(".*\\.(so|dll|dylib|jnilib)$");
    private static final Pattern THIS_PLATFORM = Pattern.compile("(.*/)?linux/amd64/[^/]+");

    private ApplicationJar() {
    }

    /**
     * Splits {@code jar} into {@code own} and {@code libraries}, entry by entry, leaving out other platforms'
     * native libraries and writing this platform's into {@code natives}; the libraries' classes are those Java
     * {@code release} reads, as the JDK's {@link JarFile} opened for that release resolves them (a versioned
     * {@code module-info.class} is left out: the package's jars are not modules).
     *
     * @throws IOException also for a jar without a manifest, and for a native library of this platform that
     *         {@link #NATIVE_FILES} does not name: the launcher would not tell its loader where it is
     */
    static void splitForLinuxX8664(Path jar, Path own, Path libraries, Path natives, int release) throws IOException {
        try (JarFile in = new JarFile(jar.toFile(), false, ZipFile.OPEN_READ,
                        Runtime.Version.parse(Integer.toString(release)));
                ZipOutputStream ownOut = open(own);
                ZipOutputStream librariesOut = open(libraries)) {
            JarEntry manifest = in.getJarEntry(JarFile.MANIFEST_NAME);
            if (manifest == null) {
                throw new IOException(jar + ": the jar has no manifest");
            }
            writeManifests(in.getManifest(), manifest.getTime(), ownOut, librariesOut);
            for (JarEntry entry : (Iterable<JarEntry>) in.versionedStream()::iterator) {
                String name = entry.getName();
                if (name.equals(JarFile.MANIFEST_NAME) || name.equals("META-INF/")
                        || entry.isDirectory() && !name.startsWith("dev/")
                        || NATIVE.matcher(name).matches() && !THIS_PLATFORM.matcher(name).matches()
                        || name.endsWith("module-info.class") && !entry.getRealName().equals(name)) {
                    continue;
                }
                try (InputStream content = in.getInputStream(entry)) {
                    if (NATIVE.matcher(name).matches()) {
                        Files.createDirectories(natives);
                        Files.copy(content, natives.resolve(nativeFile(jar, name)));
                    } else {
                        boolean ours = name.startsWith("dev/portajava/") || name.equals("dev/");
                        copy(content, entry, ours ? ownOut : librariesOut);
                    }
                }
            }
        }
    }

    /** The file {@link #NATIVE_FILES} makes of the native library {@code name}. */
    private static String nativeFile(Path jar, String name) throws IOException {
        for (Map.Entry<Pattern, String> file : NATIVE_FILES.entrySet()) {
            if (file.getKey().matcher(name).matches()) {
                return file.getValue();
            }
        }
        throw new IOException(jar + ": " + name + " is a native library the launcher does not load");
    }

    /** portajava's own manifest, and the libraries', both without Multi-Release: neither has versioned entries. */
    private static void writeManifests(Manifest manifest, long time, ZipOutputStream own,
            ZipOutputStream libraries) throws IOException {
        Manifest ownManifest = new Manifest(manifest);
        ownManifest.getMainAttributes().remove(new Attributes.Name("Multi-Release"));
        Manifest librariesManifest = new Manifest();
        librariesManifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (ZipOutputStream out : new ZipOutputStream[] {own, libraries}) {
            ZipEntry entry = new ZipEntry(JarFile.MANIFEST_NAME);
            entry.setTime(time);
            out.putNextEntry(entry);
            (out == own ? ownManifest : librariesManifest).write(out);
            out.closeEntry();
        }
    }

    private static ZipOutputStream open(Path jar) throws IOException {
        OutputStream target = new BufferedOutputStream(Files.newOutputStream(jar), 1 << 16);
        return new ZipOutputStream(target);
    }

    /** {@code entry} under its name, which for a versioned entry is the name its release reads. */
    private static void copy(InputStream in, JarEntry entry, ZipOutputStream out) throws IOException {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        in.transferTo(out);
        out.closeEntry();
    }
}
