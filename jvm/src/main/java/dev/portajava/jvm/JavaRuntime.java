package dev.portajava.jvm;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;

/**
 * A minimal Java runtime: {@code jlink} of the running JDK's modules, holding only those {@code jdeps} finds the
 * application needs, without debug attributes, header files and man pages.
 */
public final class JavaRuntime {

    /** How jdeps starts its warning about a package that is both in a jar and in a JDK module. */
    private static final String SPLIT_PACKAGE = "Warning: split package: ";

    private JavaRuntime() {
    }

    /**
     * The JDK modules {@code jars} need, comma separated, as jdeps prints them ({@code java.base} if they need no
     * other).
     *
     * @throws JdepsException if jdeps fails, warns (but of a split package) or prints anything but module names:
     *     naming the jar concerned
     */
    public static String modules(Path... jars) throws JdepsException {
        List<String> args = new ArrayList<>(List.of("--ignore-missing-deps", "--multi-release", "17",
                "--print-module-deps"));
        for (Path jar : jars) {
            args.add(jar.toString());
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new JdepsException("jdeps is not in"
                + " this JDK (" + System.getProperty("java.home") + ")", null));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            code = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        } catch (RuntimeException e) {
            // jdeps throws on a file that is not a jar, or a modular jar whose modules do not resolve
            throw failure(jars, e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
        }
        // a package both in a jar and in a JDK module (xml-apis' org.w3c.dom, a JTA jar's javax.transaction.xa) is
        // common, and the JDK's classes win at run time: jdeps warns, and its module list is still whole
        List<String> lines = (err.toString() + out).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith(SPLIT_PACKAGE)).toList();
        if (code != 0 || lines.size() > 1) {
            throw failure(jars, lines.isEmpty() ? "failed (" + code + ")" : String.join(" ", lines), null);
        }
        if (lines.isEmpty()) {
            return "java.base";
        }
        if (!isModuleList(lines.get(0))) {
            throw failure(jars, lines.get(0), null);
        }
        return lines.get(0);
    }

    /** Whether {@code text} is a list of modules as jdeps prints it: module names, comma separated. */
    static boolean isModuleList(String text) {
        for (String module : text.split(",", -1)) {
            if (!isModuleName(module)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a Java module name: identifiers, not keywords, joined by dots. */
    static boolean isModuleName(String name) {
        try {
            return ModuleDescriptor.newModule(name).build().name().equals(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** jdeps's {@code message} about one of {@code jars}: the one it names, else all of them. */
    private static JdepsException failure(Path[] jars, String message, Throwable cause) {
        String text = String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
        String named = null;
        for (Path jar : jars) {
            if (text.contains(jar.toString()) && (named == null || jar.toString().length() > named.length())) {
                named = jar.toString();
            }
        }
        for (int i = 0; named == null && i < jars.length; i++) {
            try (JarFile jar = new JarFile(jars[i].toFile())) {
                jar.size();
            } catch (IOException | RuntimeException e) {
                named = jars[i].toString();
            }
        }
        if (named == null) {
            named = String.join(", ", Arrays.stream(jars).map(Path::toString).toList());
        }
        return new JdepsException(named + ": jdeps: " + text, cause);
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
}
