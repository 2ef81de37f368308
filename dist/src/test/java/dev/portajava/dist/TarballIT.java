package dev.portajava.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The tarball as a user installs it: unpacked into an empty directory and run without JAVA_HOME, it starts on its
 * own runtime, with the start-up archives made for that runtime, wherever it was unpacked.
 */
class TarballIT {

    private static final Path TARBALL = Path.of(System.getProperty("portajava.tarball"));

    @TempDir
    static Path unpacked;

    private static Path command;

    @BeforeAll
    static void unpack() throws Exception {
        Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString())
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        try (var top = Files.list(unpacked)) {
            command = top.findFirst().orElseThrow().resolve("bin/portajava");
        }
    }

    @Test
    void version_runsOnTheShippedRuntimeWithItsArchive() throws Exception {
        Result plain = run(Map.of(), "--version");
        // -Xshare:on makes the JVM fail rather than run without the archive: it fits this runtime and this jar
        Result shared = run(Map.of("PORTAJAVA_JAVA_OPTS", "-Xshare:on"), "--version");

        assertEquals(0, plain.code(), plain.out());
        assertTrue(plain.out().strip().matches("portajava \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), plain.out());
        assertEquals(0, shared.code(), shared.out());
        assertEquals(plain.out(), shared.out());
    }

    @Test
    void launcher_findsThePackageFromItsOwnDirectoryAndFromALinkInABinDirectory_withoutAProcess(@TempDir Path prefix)
            throws Exception {
        // the usual layout, as the .deb installs it: PREFIX/bin/portajava links to PREFIX/lib/portajava/bin/portajava
        Files.createDirectories(prefix.resolve("bin"));
        Files.createDirectories(prefix.resolve("lib"));
        Files.createSymbolicLink(prefix.resolve("lib/portajava"), command.getParent().getParent());
        Path linked = Files.createSymbolicLink(prefix.resolve("bin/portajava"),
                Path.of("../lib/portajava/bin/portajava"));
        Path elsewhere = Files.createDirectories(unpacked.resolve("elsewhere"));
        Path followed = Files.createSymbolicLink(elsewhere.resolve("portajava"), command);
        // no command can be found: a launcher that started one (readlink) would not find its runtime
        Map<String, String> noPath = Map.of("PATH", "/nonexistent");

        for (Result result : List.of(run(command, noPath, "--version"), run(linked, noPath, "--version"),
                run(followed, Map.of(), "--version"))) {
            assertEquals(0, result.code(), result.out());
            assertTrue(result.out().strip().matches("portajava \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), result.out());
        }
        // a link elsewhere is followed by readlink, which the test's PATH must offer
        assertNotEquals(0, run(followed, noPath, "--version").code());
    }

    @Test
    void version_readsNoJar_theVersionIsCompiledIn() throws Exception {
        Path log = unpacked.resolve("version-classes.log");
        Result version = run(Map.of("PORTAJAVA_JAVA_OPTS", "-Xshare:on -Xlog:class+load:file=" + log), "--version");

        assertEquals(0, version.code(), version.out());
        assertTrue(version.out().strip().matches("portajava \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version.out());
        // a zip file's central directory is read by its Source: opening the 12,000-entry jar in Java takes 20 to
        // 50 ms (the JVM opens the boot class path's jars in native code, in 1 to 3 ms); and a boot class path
        // class's package is defined by reading its jar's manifest with a JarInputStream (14 ms)
        List<String> classes = Files.readAllLines(log);
        for (String reader : List.of("java.util.zip.ZipFile$Source ", "java.util.jar.JarInputStream ")) {
            assertTrue(classes.stream().noneMatch(line -> line.contains(reader)), "--version read a jar: " + reader);
        }
    }

    @Test
    void build_mapsTheArchiveThatHoldsABuildsClasses_theOtherCommandsTheSmallerOne(@TempDir Path spec)
            throws Exception {
        writeSpec(spec);
        Path lib = command.resolveSibling("../lib"); // as the launcher names it
        // -Xshare:on: a JVM fails rather than run without its archive
        Map<String, String> logged = Map.of("PORTAJAVA_JAVA_OPTS", "-Xshare:on -Xlog:cds=info -Xlog:class+load=info");

        Result build = run(logged, "build", spec.toString(), "-o", spec.resolve("app_1.raw").toString());
        Result version = run(logged, "--version");

        assertEquals(0, build.code(), build.out());
        assertTrue(build.out().contains("Opened archive " + lib.resolve(StartupArchive.BUILD_ARCHIVE) + "."),
                build.out());
        assertTrue(build.out().contains("com.fasterxml.jackson.dataformat.toml.TomlFactory source: shared objects"
                + " file"), "the spec's reader is not in the build's archive");
        assertEquals(0, version.code(), version.out());
        assertTrue(version.out().contains("Opened archive " + lib.resolve(StartupArchive.ARCHIVE) + "."),
                version.out());
        // what makes the other commands start sooner: the JVM relocates all of the archive it maps
        assertTrue(Files.size(lib.resolve(StartupArchive.ARCHIVE))
                < Files.size(lib.resolve(StartupArchive.BUILD_ARCHIVE)) * 3 / 4);
        // ... unless it maps it at the address it was dumped for (the JDK's default base), as the short commands ask
        String relocated = "always map archive(s) at an alternative address";
        assertFalse(version.out().contains(relocated), version.out());
        assertTrue(version.out().contains("Mapped static  region #0 at base 0x0000000800000000 "), version.out());
        assertTrue(build.out().contains(relocated), build.out());
    }

    @Test
    void build_runsOnTheParallelCollectorWithASmallYoungGeneration_theShortCommandsOnTheSerialOne(
            @TempDir Path spec) throws Exception {
        writeSpec(spec);
        Map<String, String> logged = Map.of("PORTAJAVA_JAVA_OPTS",
                "-Xlog:gc=info -XX:+DisplayVMOutput -XX:+PrintFlagsFinal");

        Result build = run(logged, "build", spec.toString(), "-o", spec.resolve("app_1.raw").toString());
        Result version = run(logged, "--version");

        assertEquals(0, build.code(), build.out());
        assertTrue(build.out().contains("Using Parallel"), build.out());
        // a young generation of 32 MB, whose survivors of a collection go straight to the old generation
        assertTrue(build.out().matches("(?s).* NewSize += 33554432 .*"), build.out());
        assertTrue(build.out().matches("(?s).* MaxNewSize += 33554432 .*"), build.out());
        assertTrue(build.out().matches("(?s).* MaxTenuringThreshold += 0 .*"), build.out());
        assertTrue(build.out().matches("(?s).* UseAdaptiveSizePolicy += false .*"), build.out());
        // no huge pages asked for: on a virtual machine, clearing fresh 2 MB pages cost a build more than it gave
        assertTrue(build.out().matches("(?s).* UseTransparentHugePages += false .*"), build.out());
        assertEquals(0, version.code(), version.out());
        assertTrue(version.out().contains("Using Serial"), version.out());
        assertFalse(version.out().matches("(?s).* MaxTenuringThreshold += 0 .*"), version.out());
        assertTrue(version.out().matches("(?s).* UseTransparentHugePages += false .*"), version.out());
    }

    @Test
    void build_hashesOnC2sSha256_compilesNothingButTheDirectivesMethodsThere_andPrintsNoCompilerMessage(
            @TempDir Path spec) throws Exception {
        writeSpec(spec);
        // 4 MB that does not compress: the image's hash runs long enough for C2 to take SHA-256's methods
        byte[] data = new byte[4 << 20];
        new Random(1).nextBytes(data);
        Files.write(spec.resolve("data"), data);
        Files.writeString(spec.resolve("portable.toml"), "\n[[file]]\nfrom = \"data\"\nto = \"/usr/share/app/data\"\n",
                StandardOpenOption.APPEND);
        // -Xbatch: a method that reaches a tier's threshold waits for its compilation, so what C2 takes does not
        // depend on how busy the machine is (in the background, a short build could end before C2 finished)
        Map<String, String> logged = Map.of("PORTAJAVA_JAVA_OPTS", "-Xbatch -Xlog:jit+compilation=debug");
        // a compilation's line: its id, "%" for one that enters a running loop (or other attributes), its tier,
        // the method
        Pattern onTier4 = Pattern.compile("\\[jit,compilation\\]\\s+\\d+\\s+[%sbn!]*\\s*4\\s+(\\S+)");

        Result build = run(Map.of(), "build", spec.toString(), "-o", spec.resolve("app_1.raw").toString());
        Result compilations = run(logged, "build", spec.toString(), "-o", spec.resolve("app_2.raw").toString());

        assertEquals(0, build.code(), build.out());
        // the JVM would echo the launcher's compiler commands and count its directives into the output
        assertFalse(build.out().contains("CompileCommand"), build.out());
        assertFalse(build.out().contains("compiler directives"), build.out());
        assertEquals(0, compilations.code(), compilations.out());
        Set<String> onC2 = compilations.out().lines().map(onTier4::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).collect(Collectors.toSet());
        assertTrue(onC2.containsAll(Set.of("sun.security.provider.SHA2::implCompress0",
                "sun.security.provider.DigestBase::implCompressMultiBlock0")), compilations.out());
        // lib/portajava-build-compiler.json's: the message digests, the squashfs writer's test for random bytes
        // (which this build's data takes), and the xz compressor
        for (String method : onC2) {
            assertTrue(method.startsWith("sun.security.provider.") || method.startsWith("java.security.MessageDigest")
                    || method.startsWith("dev.portajava.squashfs.internal.Incompressible::")
                    || method.startsWith("org.tukaani.xz."), "compiled on C2: " + method);
        }
    }

    @Test
    void zstdAndLz4Images_areWrittenAndReadWithTheNativeLibrariesOfTheTarball_copyingNone(@TempDir Path spec)
            throws Exception {
        writeSpec(spec);
        // zstd-jni and lz4-java copy their library from the jar into java.io.tmpdir when they are not told where it
        // is: a temporary directory below a regular file cannot be made, so a copy would fail (zstd-jni then fails
        // the command, lz4-java falls back to its Java code)
        Path file = Files.writeString(spec.resolve("not-a-directory"), "");
        Map<String, String> options = Map.of("PORTAJAVA_JAVA_OPTS",
                "-Xshare:on -Xlog:class+load=info -Djava.io.tmpdir=" + file.resolve("tmp"));

        for (String compression : List.of("zstd", "lz4")) {
            Path image = spec.resolve("app-" + compression + ".raw");
            Result build = run(options, "build", spec.toString(), "-o", image.toString(), "--compression", compression);
            Result inspect = run(options, "inspect", image.toString());

            assertEquals(0, build.code(), build.out());
            assertEquals(0, inspect.code(), inspect.out());
            assertTrue(inspect.out().contains("app.service"), inspect.out());
            if (compression.equals("zstd")) {
                assertTrue(inspect.out().contains("com.github.luben.zstd.ZstdDecompressCtx source: shared objects"
                        + " file"), "zstd's reader is not in the archive");
            } else {
                // lz4-java's compressors in Java are what it falls back to when its library does not load
                assertFalse(build.out().contains("net.jpountz.lz4.LZ4JavaSafeCompressor ")
                        || build.out().contains("net.jpountz.lz4.LZ4JavaUnsafeCompressor "),
                        "lz4's library not loaded");
            }
        }
    }

    private static void writeSpec(Path spec) throws Exception {
        Files.writeString(spec.resolve("portable.toml"), "[image]\nname = \"app\"\nversion = \"1\"\n"
                + "units = [\"app.service\"]\n\n[[file]]\nfrom = \"app\"\nto = \"/usr/bin/app\"\nmode = \"0755\"\n");
        Files.write(spec.resolve("app"), Training.STATIC_PROGRAM);
        Files.writeString(spec.resolve("app.service"), "[Service]\nExecStart=/usr/bin/app\n");
    }

    @Test
    void attach_intoARoot_writesTheUnitAndItsDropIns(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"));
        Path image = root.resolve("var/lib/portables/app_1");
        Files.createDirectories(image.resolve("usr/lib/systemd/system"));
        Files.writeString(image.resolve("usr/lib/os-release"), "ID=app\nPORTABLE_PREFIXES=app\n");
        Files.writeString(image.resolve("usr/lib/systemd/system/app.service"), "[Service]\nExecStart=/bin/true\n");

        Result attach = run(Map.of(), "attach", "--root", root.toString(), image.toString(), "--profile", "strict");

        assertEquals(0, attach.code(), attach.out());
        Path dropIns = root.resolve("etc/systemd/system.attached/app.service.d");
        assertTrue(Files.readString(dropIns.resolve("20-portable.conf"))
                .contains("RootDirectory=/var/lib/portables/app_1\n"));
        assertTrue(Files.exists(dropIns.resolve("10-profile.conf"), LinkOption.NOFOLLOW_LINKS), "the profile's drop-in");
        assertTrue(Files.isRegularFile(root.resolve("etc/systemd/system.attached/app.service")));
    }

    @Test
    void manPages_oneForTheCommandAndEverySubcommand_inRoff() throws Exception {
        Path man1 = command.getParent().resolveSibling("share/man/man1");
        List<String> expected = new ArrayList<>();
        names(Main.documented(), "-", expected);

        try (var pages = Files.list(man1)) {
            assertEquals(expected.stream().map(name -> name + ".1").sorted().toList(),
                    pages.map(page -> page.getFileName().toString()).sorted().toList());
        }
        for (String name : expected) {
            String roff = Files.readString(man1.resolve(name + ".1"));
            String title = name.toUpperCase(Locale.ROOT).replace("-", "\\-");
            assertTrue(roff.contains(".TH \"" + title + "\" \"1\" \"2026-01-01\""), name + ":\n" + roff);
        }
        String attach = Files.readString(man1.resolve("portajava-attach.1"));
        assertTrue(attach.contains("\\fB\\-\\-profile\\fP=\\fINAME\\fP"), attach);
        assertTrue(attach.contains("The sandbox profile"), attach);
        assertTrue(attach.contains("portajava attach hello.raw \\-\\-profile strict \\-\\-now"), attach);
    }

    @Test
    void completion_forBashAndZsh_isInTheTarball() throws Exception {
        Path share = command.getParent().resolveSibling("share");
        assertTrue(Files.readString(share.resolve("bash-completion/completions/portajava"))
                .contains("complete -F _complete_portajava"));
        assertTrue(Files.readString(share.resolve("zsh/vendor-completions/_portajava")).startsWith("#compdef portajava"));
    }

    @Test
    void help_ofTheCommandAndEverySubcommand_andTheCompletionScript_runOnTheArchives() throws Exception {
        // -Xshare:on: a JVM fails rather than run without its archive; the help is picocli's (Java 5 classes)
        Map<String, String> shared = Map.of("PORTAJAVA_JAVA_OPTS", "-Xshare:on");
        List<String> commands = new ArrayList<>();
        names(Main.documented(), " ", commands);

        for (String command : commands) {
            List<String> words = new ArrayList<>(List.of(command.split(" ")));
            words.set(0, "--help"); // "portajava cache prune" -> cache prune --help
            words.add(words.remove(0));
            Result help = run(shared, words.toArray(String[]::new));

            assertEquals(0, help.code(), command + ":\n" + help.out());
            assertTrue(help.out().startsWith("Usage: " + command + " ["), command + ":\n" + help.out());
        }
        Result completion = run(shared, "generate-completion");
        assertEquals(0, completion.code(), completion.out());
        assertTrue(completion.out().contains("complete -F _complete_portajava"), completion.out());
    }

    private static void names(CommandLine command, String separator, List<String> names) {
        names.add(command.getCommandSpec().qualifiedName(separator));
        command.getSubcommands().values().forEach(sub -> names(sub, separator, names));
    }

    private record Result(int code, String out) {
    }

    /** Runs the unpacked command with a minimal environment. */
    private static Result run(Map<String, String> variables, String... args) throws Exception {
        return run(command, variables, args);
    }

    /** Runs {@code executable}, the unpacked command or a link to it, with a minimal environment. */
    private static Result run(Path executable, Map<String, String> variables, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(executable.toString()));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().put("HOME", unpacked.toString());
        builder.environment().putAll(variables);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), out);
    }
}
