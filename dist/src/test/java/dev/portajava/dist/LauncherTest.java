package dev.portajava.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The launcher maps the archive trained for the command it starts, and finds the native libraries. */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("src/main/launcher/portajava");
    private static final Path BUILD_OPTIONS = Path.of("src/main/launcher/portajava-build.args");
    private static final Path CHECKOUT_LAUNCHER = Path.of("../portajava");

    @Test
    void theCommandsThatMapTheBuildArchive_areThoseTheOtherArchiveIsTrainedWithout() throws Exception {
        String launcher = Files.readString(LAUNCHER);
        String cases = launcher.lines().map(String::strip).filter(line -> line.endsWith(")") && line.contains(" | "))
                .findFirst().orElseThrow();
        Set<String> named = Arrays.stream(cases.substring(0, cases.length() - 1).split("\\|")).map(String::strip)
                .collect(Collectors.toSet());

        assertEquals(StartupArchive.BUILD_COMMANDS, named);
        assertTrue(launcher.contains("archive=" + StartupArchive.ARCHIVE + "\n"), launcher);
        assertTrue(launcher.contains("archive=" + StartupArchive.BUILD_ARCHIVE + "\n"), launcher);
        assertTrue(launcher.contains("-XX:SharedArchiveFile=\"$lib/$archive\""), launcher);
    }

    @Test
    void theNativeLibraries_areWhereTheLauncherTellsTheirLoaders() throws Exception {
        String launcher = Files.readString(LAUNCHER);
        String natives = "$lib/" + ApplicationJar.NATIVE_DIRECTORY;

        assertEquals("runtime/lib", ApplicationJar.NATIVE_DIRECTORY, "where the JVM looks for the boot class"
                + " path's native libraries, lz4-java's among them");
        assertTrue(launcher.contains("-DZstdNativePath=\"" + natives + "/" + ApplicationJar.ZSTD_LIBRARY + "\""),
                launcher);
    }

    @Test
    void theJars_areWhereEachArchiveWasDumpedWithThem() throws Exception {
        String launcher = Files.readString(LAUNCHER);

        assertTrue(launcher.contains("jars=" + String.join(" ", StartupArchive.BOOT_JARS) + "\n"), launcher);
        assertTrue(launcher.contains("jars=\"" + String.join(" ", StartupArchive.CLASS_PATH_JARS) + "\"\n"),
                launcher);
        assertTrue(launcher.contains(" $jars dev.portajava.cli.EntryPoint "), launcher);
    }

    @Test
    void theBuildsJvmOptions_areOneFileThatBothLaunchersPass() throws Exception {
        String launcher = Files.readString(LAUNCHER);
        String checkout = Files.readString(CHECKOUT_LAUNCHER);

        assertTrue(launcher.contains("options=" + BUILD_OPTIONS.getFileName() + "\n"), launcher);
        assertTrue(launcher.contains("${options:+\"@$lib/$options\"}"), launcher);
        assertTrue(checkout.contains("\"@$launcher/" + BUILD_OPTIONS.getFileName() + "\""), checkout);
        assertTrue(checkout.contains("launcher=\"$here/dist/src/main/launcher\"\n"), checkout);
    }

    @Test
    void theBuildsJvmOptions_areAnArgumentFileThisJvmTakes() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "@" + BUILD_OPTIONS.toAbsolutePath(),
                "-XX:+DisplayVMOutput", "-XX:+PrintFlagsFinal", "-version")).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, process.exitValue(), out);
        assertTrue(out.matches("(?s).* UseParallelGC += true .*"), out);
        assertTrue(out.matches("(?s).* MaxNewSize += 33554432 .*"), out);
        assertTrue(out.matches("(?s).* Tier4InvocationThreshold += 100 .*"), out);
    }
}
