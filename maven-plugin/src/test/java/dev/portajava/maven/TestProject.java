package dev.portajava.maven;

import dev.portajava.builder.ImageFormat;
import dev.portajava.builder.RawImageOptions;
import dev.portajava.squashfs.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;

/**
 * A small Java project as Maven leaves it (its jars reproducible, as with {@code project.build.outputTimestamp}) at the package phase: the project's jar ({@code app.jar}, whose main class
 * prints a greeting from its dependency and its state directory) and its dependency ({@code greeting-1.0.jar}).
 */
record TestProject(Path application, Path dependency) {

    static final String MAIN = "demo.Main";

    /** Compiles and jars the project in {@code directory}; {@code word} is what the application says. */
    static TestProject write(Path directory, String word) throws IOException {
        Path sources = Files.createDirectories(directory.resolve("src/demo"));
        Files.writeString(sources.resolve("Greeting.java"),
                "package demo;\npublic final class Greeting {\n"
                + "    public static String text() { return \"hello\"; }\n}\n");
        Files.writeString(sources.resolve("Main.java"),
                "package demo;\npublic final class Main {\n"
                + "    public static void main(String[] args) {\n"
                + "        System.out.println(Greeting.text() + \" " + word + " \" + System.getenv(\"STATE_DIRECTORY\"));\n"
                + "    }\n}\n");
        Path classes = directory.resolve("classes");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        int code = javac.run(System.out, System.err, "--release", "17", "-d", classes.toString(),
                sources.resolve("Greeting.java").toString(), sources.resolve("Main.java").toString());
        if (code != 0) {
            throw new IOException("javac failed: " + code);
        }
        Path dependency = jar(directory.resolve("greeting-1.0.jar"), classes, "demo/Greeting.class", null);
        Path application = jar(directory.resolve("app.jar"), classes, "demo/Main.class", MAIN);
        return new TestProject(application, dependency);
    }

    /** The image of this project: named demo, version 1.0, with this format and no extra configuration. */
    ServiceImage image(ImageFormat format, boolean startupArchive) {
        return image("demo", format, startupArchive);
    }

    /** The same image, named {@code name}. */
    ServiceImage image(String name, ImageFormat format, boolean startupArchive) {
        return new ServiceImage(name, "1.0", Optional.empty(), application, MAIN, List.of(dependency),
                List.of("-Xmx32m"), Map.of("GREETING_MODE", "plain"), List.of(), "trusted", format,
                RawImageOptions.defaults().withCompression(Compression.ZSTD), startupArchive, 1767225600L);
    }

    private static Path jar(Path jar, Path classes, String entry, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            JarEntry head = new JarEntry(JarFile.MANIFEST_NAME);
            head.setLastModifiedTime(FileTime.fromMillis(0));
            out.putNextEntry(head);
            manifest.write(out);
            out.closeEntry();
            JarEntry item = new JarEntry(entry);
            item.setLastModifiedTime(FileTime.fromMillis(0));
            out.putNextEntry(item);
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
        return jar;
    }
}
