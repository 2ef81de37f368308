package dev.portajava.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationJarTest {

    @TempDir
    Path dir;

    private Path shaded(String... entries) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "dev.portajava.cli.EntryPoint");
        main.put(Attributes.Name.IMPLEMENTATION_VERSION, "1.2.3");
        main.put(new Attributes.Name("Multi-Release"), "true");
        Path jar = dir.resolve("shaded.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String name : entries) {
                out.putNextEntry(new ZipEntry(name));
                out.write(name.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<String> names(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).sorted().toList();
        }
    }

    @Test
    void split_putsPortajavasOwnEntriesFirstAndTheLibrariesWithoutNatives_thisPlatformsBeside() throws Exception {
        Path shaded = shaded("dev/portajava/cli/Main.class", "dev/portajava/cli/version.properties",
                "org/bouncycastle/X.class", "META-INF/versions/9/com/fasterxml/Y.class",
                "META-INF/services/com.fasterxml.jackson.core.JsonFactory", "linux/amd64/libzstd-jni-1.5.7-6.so",
                "darwin/aarch64/libzstd-jni-1.5.7-6.dylib", "win/amd64/libzstd-jni-1.5.7-6.dll",
                "net/jpountz/util/linux/amd64/liblz4-java.so", "net/jpountz/util/linux/aarch64/liblz4-java.so");
        Path own = dir.resolve("own.jar");
        Path libraries = dir.resolve("libraries.jar");
        Path natives = dir.resolve("native");

        ApplicationJar.splitForLinuxX8664(shaded, own, libraries, natives, 17);

        assertEquals(List.of("META-INF/MANIFEST.MF", "dev/portajava/cli/Main.class",
                "dev/portajava/cli/version.properties"), names(own));
        assertEquals(List.of("META-INF/MANIFEST.MF", "META-INF/services/com.fasterxml.jackson.core.JsonFactory",
                "com/fasterxml/Y.class", "org/bouncycastle/X.class"), names(libraries));
        // the names the launcher gives zstd-jni (-DZstdNativePath) and the runtime lz4-java (liblz4-java.so)
        try (var files = Files.list(natives)) {
            assertEquals(List.of("liblz4-java.so", "libzstd-jni.so"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
        assertEquals("linux/amd64/libzstd-jni-1.5.7-6.so", Files.readString(natives.resolve("libzstd-jni.so")));
        try (JarFile ownJar = new JarFile(own.toFile()); JarFile librariesJar = new JarFile(libraries.toFile())) {
            Attributes ownMain = ownJar.getManifest().getMainAttributes();
            assertEquals("1.2.3", ownMain.getValue(Attributes.Name.IMPLEMENTATION_VERSION));
            assertEquals("dev.portajava.cli.EntryPoint", ownMain.getValue(Attributes.Name.MAIN_CLASS));
            assertNull(ownMain.getValue("Multi-Release"), "portajava's own jar has no versioned entries");
            assertNull(librariesJar.getManifest().getMainAttributes().getValue("Multi-Release"),
                    "the libraries' jar holds the runtime's versions of its classes");
            assertEquals("org/bouncycastle/X.class", new String(librariesJar.getInputStream(
                    librariesJar.getEntry("org/bouncycastle/X.class")).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void split_givesTheLibrariesTheClassesOfTheRuntimesRelease_asTheBootClassPathReadsNoVersions() throws Exception {
        Path shaded = shaded("dev/portajava/cli/Main.class", "org/bouncycastle/K.class",
                "META-INF/versions/9/org/bouncycastle/K.class", "META-INF/versions/15/org/bouncycastle/K.class",
                "META-INF/versions/21/org/bouncycastle/K.class", "META-INF/versions/15/org/bouncycastle/Ed15.class",
                "META-INF/versions/22/org/bouncycastle/Only22.class", "META-INF/versions/9/module-info.class",
                "org/bouncycastle/Plain.class");
        Path libraries = dir.resolve("libraries.jar");

        ApplicationJar.splitForLinuxX8664(shaded, dir.resolve("own.jar"), libraries, dir.resolve("native"), 17);

        assertEquals(List.of("META-INF/MANIFEST.MF", "org/bouncycastle/Ed15.class", "org/bouncycastle/K.class",
                "org/bouncycastle/Plain.class"), names(libraries));
        try (JarFile jar = new JarFile(libraries.toFile())) {
            // each entry's content is its name in the shaded jar: Java 17 reads version 15 of K
            assertEquals("META-INF/versions/15/org/bouncycastle/K.class", content(jar, "org/bouncycastle/K.class"));
            assertEquals("META-INF/versions/15/org/bouncycastle/Ed15.class",
                    content(jar, "org/bouncycastle/Ed15.class"));
            assertEquals("org/bouncycastle/Plain.class", content(jar, "org/bouncycastle/Plain.class"));
        }
    }

    private static String content(JarFile jar, String name) throws IOException {
        return new String(jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void split_ofAJarWithoutAManifest_isRefused() throws Exception {
        Path jar = dir.resolve("odd.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("dev/portajava/cli/Main.class"));
            out.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> ApplicationJar.splitForLinuxX8664(jar,
                dir.resolve("a.jar"), dir.resolve("b.jar"), dir.resolve("native"), 17));
        assertEquals(jar + ": the jar has no manifest", e.getMessage());
    }

    @Test
    void split_ofANativeLibraryTheLauncherDoesNotLoad_isRefused() throws Exception {
        Path shaded = shaded("dev/portajava/cli/Main.class", "org/example/linux/amd64/libother.so");

        IOException e = assertThrows(IOException.class, () -> ApplicationJar.splitForLinuxX8664(shaded,
                dir.resolve("a.jar"), dir.resolve("b.jar"), dir.resolve("native"), 17));
        assertEquals(shaded + ": org/example/linux/amd64/libother.so is a native library the launcher does not load",
                e.getMessage());
    }
}
