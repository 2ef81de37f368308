package dev.portajava.builder;

import static dev.portajava.builder.NameBytes.expected;
import static dev.portajava.builder.NameBytes.find;
import static dev.portajava.builder.NameBytes.name;
import static dev.portajava.builder.NameBytes.shown;
import static dev.portajava.builder.SpecFixture.helloDir;
import static dev.portajava.builder.SpecFixture.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.builder.internal.launch.TestElf;
import dev.portajava.squashfs.SquashfsImage;
import dev.portajava.tree.FileNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * File names are bytes: a copied tree's names that are not UTF-8 reach the image exactly, never merged, and the
 * spec's non-ASCII paths land as their UTF-8 bytes; squashfs-tools and {@code find} judge the bytes.
 */
class FileNameBuildTest {

    /** The copied tree: each path's bytes in hex, and what it is. */
    private static final Map<String, String> TREE = Map.of(
            "61ff", "file",
            "61fe", "file",
            "636166c3a9", "file",
            "64fd", "dir",
            "64fd/78c080", "file",
            "64fd/ed", "dir",
            "64fd/ed/f4908080", "file",
            "6cfc", "-> 64fd/78c080");

    /** A second tree, copied from a spec directory with a non-ASCII name to a non-ASCII place. */
    private static final Map<String, String> DONNEES = Map.of("6e61c3af7665ff", "file");

    private static final String SPEC = """

            [[copy]]
            from = "tree"
            to = "/srv/names"

            [[copy]]
            from = "données"
            to = "/srv/名前"

            [[file]]
            content = "x\\n"
            to = "/etc/naïve.conf"

            [[symlink]]
            path = "/srv/lien→"
            target = "names/café"

            [[directory]]
            path = "/var/lib/données"
            """;

    @TempDir
    Path temp;

    private Path spec;
    private Path outDir;

    @BeforeEach
    void spec() throws Exception {
        spec = helloDir(Files.createDirectory(temp.resolve("spec")), SPEC);
        NameBytes.make(spec.resolve("tree"), TREE);
        NameBytes.make(spec.resolve("données"), DONNEES);
        outDir = Files.createDirectory(temp.resolve("out"));
    }

    /** What every image must hold, as {@code find} shows it (path → symlink target). */
    private static Map<String, String> expectedImage() {
        Map<String, String> expected = new TreeMap<>(expected("srv/names/", TREE));
        expected.putAll(expected("srv/名前/", DONNEES));
        expected.put("srv/names", "");
        expected.put("srv/名前", "");
        expected.put("srv/lien→", "names/café");
        expected.put("etc/naïve.conf", "");
        expected.put("var/lib/données", "");
        return expected;
    }

    /** The part of a listing {@link #expectedImage} speaks of. */
    private static Map<String, String> relevant(Map<String, String> listing) {
        return listing.entrySet().stream()
                .filter(e -> expectedImage().containsKey(e.getKey()) || e.getKey().startsWith("srv/"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void build_rawImage_keepsEveryNameByteForByte(Engine engine) throws Exception {
        Path image = outDir.resolve("hello.raw");

        ImageBuilder.load(spec).withEngine(engine).build(image);

        List<String> listed = NameBytes.unsquashfsList(image);
        for (String path : expectedImage().keySet()) {
            assertTrue(listed.contains(path), path + " in " + listed);
        }
        Path extracted = NameBytes.unsquashfs(image, temp.resolve("extracted"));
        assertEquals(expectedImage(), relevant(find(extracted)));
        assertContents(extracted.resolve("srv/names"));
        Map<String, String> read = new TreeMap<>();
        try (SquashfsImage squashfs = SquashfsImage.open(image)) {
            squashfs.walk(e -> {
                if (!e.path().equals("/")) {
                    read.put(shown(e.path().substring(1)), shown(e.symlinkTarget().orElse("")));
                }
                return true;
            });
            String file = "/srv/names/" + name("61fe");
            assertEquals("made as 61fe", new String(
                    squashfs.readAllBytes(squashfs.lookup(file).orElseThrow(), 100), StandardCharsets.UTF_8));
        }
        assertEquals(expectedImage(), relevant(read));
    }

    @Test
    void build_directoryImage_keepsEveryNameByteForByte() throws Exception {
        Path image = outDir.resolve("hello");

        ImageBuilder.load(spec).build(image);

        assertEquals(expectedImage(), relevant(find(image)));
        assertContents(image.resolve("srv/names"));
    }

    static Stream<Arguments> specPathsNoFileCanHave() {
        return Stream.of(
                Arguments.of("[[directory]]\npath = \"/srv/\\u0001" + "é".repeat(128) + "\"",
                        "path '/srv/\\x01" + "é".repeat(128)
                                + "' has a name of 257 bytes, more than the 255 a file name may have"),
                Arguments.of("[[file]]\ncontent = \"x\"\nto = \"/etc/a\\udcff\"",
                        "to holds \\udcff, which is not a character: a spec is text"));
    }

    @ParameterizedTest
    @MethodSource("specPathsNoFileCanHave")
    void build_specPathNoFileCanHave_isRefusedShownEscapedAndNothingWritten(String toml, String message)
            throws Exception {
        helloDir(spec, SPEC + "\n" + toml + "\n");

        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> ImageBuilder.load(spec).build(outDir.resolve("hello.raw")));

        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(List.of(), names(outDir), "nothing written");
    }

    @Test
    void build_unitNamedWithAByteNotUtf8_isRefusedShownEscaped() throws Exception {
        helloDir(spec, SPEC + """

                [[copy]]
                from = "units"
                to = "/usr/lib/systemd/system"
                """);
        NameBytes.make(spec.resolve("units"), Map.of("68656c6c6f2dff2e73657276696365", "file"));

        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> ImageBuilder.load(spec).build(outDir.resolve("hello.raw")));

        assertTrue(e.getMessage().endsWith("unit /usr/lib/systemd/system/hello-\\xff.service:"
                + " 'hello-\\xff.service' is not a valid unit name"), e.getMessage());
        assertEquals(List.of(), names(outDir), "nothing written");
    }

    /** A container image's layers, written by GNU tar (PAX format, as Go's archive/tar writes them). */
    private static final Map<String, String> LOWER = Map.of(
            "62696e", "dir",
            "737276", "dir",
            "737276/61ff", "file",
            "737276/61fe", "file",
            "737276/636166c3a9", "file",
            "737276/64fd", "dir",
            "737276/64fd/78c080", "file",
            "737276/6cfc", "-> 64fd/78c080",
            "737276/676f6e65fa", "file");
    private static final Map<String, String> UPPER = Map.of(
            "737276", "dir",
            "737276/2e77682e676f6e65fa", "file",
            "737276/6e6577f9", "file");

    @Test
    void build_fromImageWithNonUtf8Names_keepsThemByteForByte() throws Exception {
        Path lower = NameBytes.make(temp.resolve("lower"), LOWER);
        Files.write(lower.resolve("bin/tool"), TestElf.staticProgram().bytes());
        Files.setPosixFilePermissions(lower.resolve("bin/tool"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwxr-xr-x"));
        Files.createLink(FileNames.resolve(lower, name("737276/68fb")), FileNames.resolve(lower, name("737276/61ff")));
        Path layout = new OciLayoutFixture(Files.createDirectories(temp.resolve("layout")))
                .layer(NameBytes.tar(lower))
                .layer(NameBytes.tar(NameBytes.make(temp.resolve("upper"), UPPER)))
                .write(Map.of("Entrypoint", List.of("/bin/tool")));
        Path image = outDir.resolve("app.raw");

        ImageBuilder.fromImage("oci:" + layout, "app", "1.0", false)
                .withBaseImageOptions(BaseImageOptions.fromEnvironment(Map.of("HOME", temp.toString()))
                        .withArchitecture("amd64"))
                .build(image);

        Map<String, String> expected = new TreeMap<>();
        expected.putAll(expected("", LOWER));
        expected.putAll(expected("", UPPER));
        expected.remove(shown(name("737276/676f6e65fa")));
        expected.remove(shown(name("737276/2e77682e676f6e65fa")));
        expected.put(shown(name("737276/68fb")), "");
        Map<String, String> srv = new TreeMap<>(find(NameBytes.unsquashfs(image, temp.resolve("extracted"))));
        srv.keySet().removeIf(path -> !path.startsWith("srv"));
        expected.keySet().removeIf(path -> !path.startsWith("srv"));
        assertEquals(9, expected.size(), expected.toString());
        assertEquals(expected, srv);
        try (SquashfsImage squashfs = SquashfsImage.open(image)) {
            var file = squashfs.lookup("/" + name("737276/61ff")).orElseThrow();
            var link = squashfs.lookup("/" + name("737276/68fb")).orElseThrow();
            assertEquals(file.inodeNumber(), link.inodeNumber(), "a hard link");
            assertEquals("made as 737276/61ff", new String(squashfs.readAllBytes(link, 100), StandardCharsets.UTF_8));
            var other = squashfs.lookup("/" + name("737276/61fe")).orElseThrow();
            assertEquals("made as 737276/61fe", new String(squashfs.readAllBytes(other, 100), StandardCharsets.UTF_8));
        }
    }

    /** Each file of the copied tree holds what it was made with: no two names became one. */
    private static void assertContents(Path names) throws Exception {
        for (Map.Entry<String, String> e : TREE.entrySet()) {
            if (e.getValue().equals("file")) {
                assertEquals("made as " + e.getKey(), Files.readString(FileNames.resolve(names, name(e.getKey()))));
            }
        }
    }
}
