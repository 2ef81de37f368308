package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command loads, counted by the JVM's own class-loading log, in a JVM of its own. */
class StartupTest {

    @TempDir
    Path dir;

    @Test
    void version_loadsNeitherPicocliNorTheCommands_andAtMost600Classes() throws Exception {
        List<String> classes = loaded("--version");

        assertTrue(classes.stream().noneMatch(name -> name.startsWith("picocli.")), "picocli loaded");
        assertTrue(classes.stream().noneMatch(name -> name.startsWith("dev.portajava.cli.ExitStatus")),
                "the exit status list loaded");
        assertTrue(classes.size() <= 600, classes.size() + " classes loaded");
    }

    @Test
    void attachToARoot_loadsItsOwnCommandOnly_noPicocli_noDBusClient_noDateOrJdbcTypes_noJson_noStreams_noLambdas()
            throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"));
        Path image = TestImages.hello(root.resolve("var/lib/portables"), "hello");

        List<String> classes = loaded("attach", "--root", root.toString(), "--backend", "native", image.toString());

        assertTrue(Files.isRegularFile(root.resolve("etc/systemd/system.attached/hello.service")), "not attached");
        List<String> commands = classes.stream()
                .filter(name -> name.startsWith("dev.portajava.cli.") && name.endsWith("Command")
                        && !name.equals(Command.class.getName()))
                .collect(Collectors.toList());
        assertEquals(List.of("dev.portajava.cli.AttachCommand"), commands);
        assertEquals(List.of(), matching(classes, "picocli."), "picocli loaded to run a command");
        assertEquals(List.of(), matching(classes, "java.lang.reflect.Proxy"), "dynamic proxies");
        assertTrue(classes.size() <= 1000, classes.size() + " classes loaded");
        assertTrue(classes.stream().noneMatch(name -> name.startsWith("dev.portajava.attach.dbus.Bus")),
                "the D-Bus client loaded");
        List<String> dates = classes.stream().filter(name -> name.startsWith("java.sql.")
                || name.startsWith("java.time.format.") || name.startsWith("java.time.chrono."))
                .collect(Collectors.toList());
        assertEquals(List.of(), dates);
        assertEquals(List.of(), matching(classes, "com.fasterxml."), "Jackson loaded without --json");
        assertEquals(List.of(), matching(classes, "java.util.stream."), "stream pipelines on the attach path");
        assertEquals(List.of(), matching(classes, "jdk.internal.reflect.Generated"), "reflection generated classes");
        // needed nowhere on this path, and set up as they load: a Duration sets up BigInteger
        assertEquals(List.of(), matching(classes, "java.math."), "BigInteger, for a java.time.Duration");
        assertEquals(List.of(), matching(classes, "java.time."), "java.time");
        assertNoLambdaNorRegex(classes);
    }

    @Test
    void attachAndDetachOfARawImage_enabled_linkNoLambda_compileNoRegularExpression_openNoChannel() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"));
        Path tree = TestImages.hello(dir.resolve("tree"), "hello");
        Files.writeString(tree.resolve("usr/lib/systemd/system/hello.service"),
                "[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n");
        Path image = root.resolve("var/lib/portables/hello_1.raw");
        Files.createDirectories(image.getParent());
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, image);
        Path wants = root.resolve("etc/systemd/system.attached/multi-user.target.wants/hello.service");

        List<String> attach = loaded("attach", "--root", root.toString(), "--backend", "native", "--enable",
                image.toString());
        assertTrue(Files.isSymbolicLink(wants), "not enabled");
        List<String> detach = loaded("detach", "--root", root.toString(), "--backend", "native", "--enable",
                image.toString());

        assertTrue(Files.notExists(wants, LinkOption.NOFOLLOW_LINKS), "not disabled");
        assertTrue(Files.notExists(root.resolve("etc/systemd/system.attached/hello.service")), "not detached");
        assertNoLambdaNorRegex(attach);
        assertNoLambdaNorRegex(detach);
        // the JDK's channel machinery, which the first channel sets up (HostFiles' javadoc says what it costs)
        assertEquals(List.of(), matching(attach, "sun.nio.ch.IOUtil"), "a channel opened");
        assertEquals(List.of(), matching(detach, "sun.nio.ch.IOUtil"), "a channel opened");
        assertEquals(List.of(), matching(attach, "java.nio.file.attribute.PosixFilePermission"),
                "file modes set through PosixFilePermissions, whose EnumSet finds its constants by reflection");
    }

    @Test
    void build_makesNoRecordsEqualsOrHashCodeFromMethodHandles() throws Exception {
        Path spec = TestSpecs.hello(Files.createDirectories(dir.resolve("spec")));

        List<String> classes = loaded("build", spec.toString(), "-o", dir.resolve("hello_1.0.raw").toString());

        assertTrue(Files.isRegularFile(dir.resolve("hello_1.0.raw")), "not built");
        // a record's own equals, hashCode and toString are made from method handles the first time they run (38 ms
        // in a build's class-loading timeline, for its list of units): the records a build compares write theirs out
        assertEquals(List.of(), matching(classes, "java.lang.runtime.ObjectMethods"), "a record's methods made");
    }

    /**
     * The first lambda a JVM links costs a command about 7 ms of start-up (the first that captures nothing 5 ms
     * more), the first regular expression it compiles about 5 ms, and the attach path's own work is about 50 ms:
     * the commands that attach and detach use classes instead of lambdas, and check names by hand
     * ({@code AsciiNames}, {@code Words}).
     */
    private static void assertNoLambdaNorRegex(List<String> classes) {
        assertEquals(List.of(), matching(classes, "java.lang.invoke.LambdaMetafactory"), "a lambda linked");
        assertEquals(List.of(), matching(classes, "java.util.regex."), "a regular expression compiled");
    }

    /**
     * portajava's classes, this module's and those of the modules it uses (not the tests'), concatenate strings with StringBuilder
     * calls: an invokedynamic concatenation would spin method handle classes at run time, the first time each runs.
     */
    @Test
    void projectClasses_concatenateStringsWithoutInvokedynamic() throws Exception {
        Map<String, byte[]> classFiles = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && path.getFileName().toString().equals("classes")) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : files.collect(Collectors.toList())) {
                        if (file.toString().endsWith(".class")) {
                            classFiles.put(path.relativize(file).toString(), Files.readAllBytes(file));
                        }
                    }
                }
            } else if (path.getFileName().toString().startsWith("portajava-")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (JarEntry file : Collections.list(jar.entries())) {
                        if (file.getName().endsWith(".class")) {
                            classFiles.put(file.getName(), jar.getInputStream(file).readAllBytes());
                        }
                    }
                }
            }
        }
        classFiles.keySet().removeIf(name -> !name.startsWith("dev/portajava/"));

        assertTrue(classFiles.containsKey("dev/portajava/attach/local/NativeImages.class"), classFiles.keySet()
                .toString());
        List<String> indy = classFiles.entrySet().stream()
                .filter(file -> new String(file.getValue(), StandardCharsets.ISO_8859_1)
                        .contains("makeConcatWithConstants"))
                .map(Map.Entry::getKey).collect(Collectors.toList());
        assertEquals(List.of(), indy);
    }

    private static List<String> matching(List<String> classes, String prefix) {
        return classes.stream().filter(name -> name.startsWith(prefix)).collect(Collectors.toList());
    }

    /** The names of the classes that {@code portajava args} loads, in the order it loads them; it must succeed. */
    private List<String> loaded(String... args) throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(CliProcess.command(args));
        command.add(1, "-Xlog:class+load:file=" + log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = CliProcess.read(process.getInputStream());
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        // [0.012s][info][class,load] java.lang.Object source: shared objects file
        return Files.readAllLines(log).stream().map(line -> line.split(" ")[1]).collect(Collectors.toList());
    }
}
