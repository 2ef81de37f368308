package dev.portajava.dist;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * The Java runtime shipped with portajava: {@code jlink} of this JDK's modules, holding only those {@code jdeps}
 * finds the application needs.
 */
final class JavaRuntime {

    private JavaRuntime() {
    }

    /** The JDK modules {@code jar} needs, comma separated, as jdeps prints them. */
    static String modules(Path jar) throws IOException {
        String out = run("jdeps", "--ignore-missing-deps", "--multi-release", "17", "--print-module-deps",
                jar.toString());
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** Links a runtime of {@code modules} into {@code output}, which must not exist. */
    static void link(String modules, Path output) throws IOException {
        List<String> args = new ArrayList<>(List.of("--add-modules", modules, "--output", output.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages"));
        run("jlink", args.toArray(String[]::new));
    }

    private static String run(String tool, String... args) throws IOException {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IOException(tool + " is not in this JDK (" + System.getProperty("java.home")
                        + ")"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (code != 0) {
            throw new IOException(tool + " " + String.join(" ", args) + " failed (" + code + "): " + err + out);
        }
        return out.toString();
    }
}
