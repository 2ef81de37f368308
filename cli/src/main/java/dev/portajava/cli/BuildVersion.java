package dev.portajava.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as {@code --version} prints it. */
final class BuildVersion {

    private BuildVersion() {
    }

    /**
     * {@code portajava VERSION}: the version the jar's manifest gives this package ({@code Implementation-Version}),
     * which the start-up archive keeps, so that the jar is not opened for it; else, from classes outside a jar,
     * the build's {@code version.properties}.
     */
    static String line() {
        String version = BuildVersion.class.getPackage().getImplementationVersion();
        // concat, not +: javac makes + an invokedynamic, whose bootstrap loads a hundred classes
        return "portajava ".concat(version != null ? version : fromResource());
    }

    private static String fromResource() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    /** True if {@code args} ask for the version and nothing else. */
    static boolean only(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }
}
