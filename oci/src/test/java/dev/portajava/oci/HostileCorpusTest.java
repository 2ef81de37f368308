package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.portajava.text.ControlCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HostileCorpusTest {

    @TempDir
    Path sandbox;

    static List<HostileCorpus.Case> cases() {
        return HostileCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void assemble_refusesTheLayer_namingIt_andWritesNothingOutsideTheCache(HostileCorpus.Case c) throws Exception {
        CacheDirectory cache = new CacheDirectory(sandbox.resolve("cache"));
        Files.writeString(sandbox.resolve("canary"), "canary");
        Files.createDirectories(sandbox.resolve("etc"));
        Files.writeString(sandbox.resolve("etc").resolve("passwd"), "canary");
        Layer layer = Tars.layer(cache, committed(c.file()));
        Map<String, String> before = snapshotOutside(cache);

        OciException e = assertThrows(OciException.class,
                () -> ImageTree.assemble(Tars.image(layer), cache, c.policy()));

        String message = e.getMessage();
        assertInstanceOf(InvalidSourceException.class, e, message);
        assertTrue(message.contains(layer.digest().toString()), message);
        assertFalse(message.contains("\n") || message.contains("\0"), message);
        assertTrue(message.contains(c.problem()), message);
        if (c.refusal() == HostileCorpus.Refusal.CORRUPT) {
            assertFalse(e instanceof HostileLayerException, message);
        } else {
            HostileLayerException h = assertInstanceOf(HostileLayerException.class, e);
            assertEquals(layer.digest(), h.layer());
            assertEquals(c.entry(), h.entry());
            assertTrue(message.contains("entry '" + ControlCharacters.escapedUnambiguously(c.entry()) + "'"), message);
        }
        assertEquals(before, snapshotOutside(cache));
        assertEquals(List.of(), list(cache.tmp()));
        Path unpacked = cache.layers().resolve(layer.digest().hex());
        // refused while unpacking or when applied: no index of the layer, nor its blob, is left in the cache
        assertFalse(Files.exists(unpacked, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), list(cache.layers()));
        assertFalse(Files.exists(layer.blob()), "the blob of a refused layer is not kept");
        if (c.refusal() != HostileCorpus.Refusal.APPLY) {
            // (a layer refused when applied was unpacked: contents it may share with other layers stay)
            assertEquals(List.of(), list(cache.files()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void committedFile_isWhatTheCorpusGenerates(HostileCorpus.Case c) throws Exception {
        assertArrayEquals(c.bytes().get(), committed(c.file()), c.file() + " differs: regenerate the corpus");
    }

    @Test
    void committedReadme_isWhatTheCorpusGenerates() throws Exception {
        assertEquals(HostileCorpus.readme(), new String(committed("README.md"), StandardCharsets.UTF_8));
    }

    private static byte[] committed(String file) throws IOException {
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream("/hostile/" + file)) {
            assertNotNull(in, "hostile/" + file + " is not committed");
            return in.readAllBytes();
        }
    }

    /** Every file and directory of the sandbox but the cache, with the digests of the files' contents. */
    private Map<String, String> snapshotOutside(CacheDirectory cache) throws IOException {
        Map<String, String> snapshot = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(sandbox)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (p.startsWith(cache.root())) {
                    continue;
                }
                String what = Files.isSymbolicLink(p) ? "symlink " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "directory"
                        : Tars.sha256(Files.readAllBytes(p)).hex();
                snapshot.put(sandbox.relativize(p).toString(), what);
            }
        }
        return snapshot;
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
