package dev.portajava.maven;

import dev.portajava.builder.ImageFormat;
import dev.portajava.builder.RawImageOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A shared Java runtime as a portable image of its own, the base that applications built with
 * {@code <runtime>shared</runtime>} extend: {@code java-runtime_FEATURE-DIGEST.raw}, holding the runtime in
 * {@code /usr/lib/java-runtime} and the C libraries it needs, and a unit of its own ({@code java-runtime.service},
 * which prints the runtime's version: the builder wants a unit in every portable image).
 *
 * <p>Its name, version, file times and os-release come from its content alone, never from the application that
 * asked for it: the version is the JDK's feature version and the start of a SHA-256 of the tree (the runtime's
 * files, the host libraries) and of how it is packed (format, compressor), its files have the JDK's release date,
 * and its os-release says {@code ID=java-runtime} and {@code VERSION_ID=} the version, which its extensions name.
 * So two applications that need the same modules of the same JDK get the same file, byte for byte, and a host keeps
 * one.
 *
 * @param version {@code FEATURE-DIGEST}, {@code 17-0123456789ab}
 * @param modules the JDK modules it holds, comma separated, as jdeps printed them
 * @param javaVersion the JDK's version, {@code 17.0.9}
 * @param epoch the time of its files, seconds since 1970
 */
record RuntimeImage(String version, String modules, String javaVersion, long epoch) {

    /** The image name, also its os-release's {@code ID=} and its unit's prefix. */
    static final String NAME = "java-runtime";
    /** Where the runtime lies in the image. */
    static final String HOME = "/usr/lib/" + NAME;
    /** Its {@code java}, which the applications' units run. */
    static final String JAVA = HOME + "/bin/java";
    /** Its own unit. */
    static final String UNIT = NAME + ".service";

    /**
     * The image of {@code runtime} and the host libraries laid for it under {@code root}, written as {@code format}
     * and {@code raw}.
     */
    static RuntimeImage of(Path root, RuntimeLayout runtime, ImageFormat format, RawImageOptions raw)
            throws IOException {
        // how the image is packed; not where its blocks are kept, which does not change its bytes
        String packing = format + " " + (format == ImageFormat.DIRECTORY ? "" : raw.withBlockStore(null).toString());
        String digest = TreeDigest.of(trees(root, runtime), packing);
        return new RuntimeImage(Runtime.version().feature() + "-" + digest.substring(0, 12), runtime.modules(),
                System.getProperty("java.version"), releaseDate(System.getProperty("java.version.date")));
    }

    /** {@code java-runtime_VERSION.raw}, or {@code java-runtime_VERSION} for a directory. */
    String fileName(ImageFormat format) {
        return NAME + "_" + version + (format == ImageFormat.DIRECTORY ? "" : ".raw");
    }

    String unitText() {
        return "[Unit]\nDescription=Java " + javaVersion + " runtime: prints its version, a check that it starts\n\n"
                + "[Service]\nType=oneshot\nExecStart=" + JAVA + " -version\nDynamicUser=yes\n";
    }

    private static List<SpecText.Tree> trees(Path root, RuntimeLayout runtime) {
        return List.of(SpecText.Tree.toRoot(root), runtime.copy());
    }

    /** The spec of the image made of {@code root} and {@code runtime}, with {@link #unitText} in the spec directory. */
    String specText(Path root, RuntimeLayout runtime) {
        StringBuilder toml = new StringBuilder("[image]\nname = ").append(SpecText.string(NAME))
                .append("\nversion = ").append(SpecText.string(version))
                .append("\npretty-name = ").append(SpecText.string("Java " + javaVersion + " runtime: " + modules))
                .append("\nunits = [").append(SpecText.string(UNIT)).append("]\n\n[os-release]\n")
                .append("NAME = ").append(SpecText.string("Java runtime")).append('\n')
                .append("VERSION_ID = ").append(SpecText.string(version)).append('\n')
                .append("\n[[directory]]\npath = \"/var/lib\"\n"); // the extensions' units mount a tmpfs on it
        return SpecText.copies(toml, trees(root, runtime));
    }

    /** The start of the JDK's release date ({@code java.version.date}), else 1970. */
    static long releaseDate(String date) {
        try {
            return date == null ? 0 : LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
