package dev.portajava.jvm;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * A minimal Java runtime: {@code jlink} of the running JDK's modules, holding only those {@code jdeps} finds the
 * application needs, without debug attributes, header files and man pages.
 */
public final class JavaRuntime {

    private JavaRuntime() {
    }

    /** The JDK modules {@code jars} need, comma separated, as jdeps prints them. */
    public static String modules(Path... jars) throws IOException {
        List<String> args = new ArrayList<>(List.of("--ignore-missing-deps", "--multi-release", "17",
                "--print-module-deps"));
        for (Path jar : jars) {
            args.add(jar.toString());
        }
        String out = run("jdeps", args.toArray(String[]::new));
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** Links a runtime of {@code modules} (comma separated) into {@code output}, which must not exist. */
    public static void link(String modules, Path output) throws IOException {
        // --strip-java-debug-attributes, not --strip-debug: on Debian's JDK --strip-debug also strips the native
        // libraries with objcopy, which a machine without binutils lacks, and Debian ships those libraries stripped
        // in a process of its own: run in this JVM, JDK 17's jlink writes lib/modules with other bytes from one run
        // to the next, and the runtime would not be the same from one build to the next
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        List<String> command = List.of(jlink.toString(), "--add-modules", modules, "--output", output.toString(),
                "--strip-java-debug-attributes", "--no-header-files", "--no-man-pages");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            int code = process.waitFor();
            if (code != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + code + "): "
                        + out.strip().replace('\n', ' '));
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + jlink + " linked a runtime", e);
        }
    }

    /** The running JDK: its home and version, which with the modules say what {@link #link} makes. */
    public static String jdk() {
        return System.getProperty("java.home") + " " + System.getProperty("java.vm.vendor") + " "
                + Runtime.version();
    }

    private static String run(String tool, String... args) throws IOException {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IOException(tool + " is not in this JDK (" + System.getProperty("java.home")
                        + ")"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (code != 0) {
            throw new IOException(tool + " " + String.join(" ", args) + " failed (" + code + "): "
                    + (err.toString() + out).strip().replace('\n', ' '));
        }
        return out.toString();
    }
}
