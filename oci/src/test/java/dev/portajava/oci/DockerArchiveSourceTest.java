package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerArchiveSourceTest {

    @TempDir
    Path temp;

    BlobCache cache;
    final TestImages.Image app = TestImages.image("amd64", false, "app");
    final TestImages.Image busybox = TestImages.image("amd64", false, "busybox");

    @BeforeEach
    void setUp() {
        cache = new BlobCache(new CacheDirectory(temp.resolve("cache")));
    }

    /** One entry of a test archive: a file, a symbolic or hard link, or a directory. */
    record Entry(String name, byte type, byte[] content, String link) {
        static Entry file(String name, byte[] content) {
            return new Entry(name, TarConstants.LF_NORMAL, content, null);
        }

        static Entry file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, TarConstants.LF_SYMLINK, null, target);
        }

        static Entry hardlink(String name, String target) {
            return new Entry(name, TarConstants.LF_LINK, null, target);
        }

        static Entry directory(String name) {
            return new Entry(name, TarConstants.LF_DIR, null, null);
        }
    }

    private Path archive(List<Entry> entries) throws IOException {
        return archive("image.tar", entries, false);
    }

    private Path archive(String fileName, List<Entry> entries, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type(), true);
                if (e.link() != null) {
                    t.setLinkName(e.link());
                }
                if (e.content() != null) {
                    t.setSize(e.content().length);
                }
                tar.putArchiveEntry(t);
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        }
        Path file = temp.resolve(fileName);
        Files.write(file, gzip ? TestImages.gzip(bytes.toByteArray()) : bytes.toByteArray());
        return file;
    }

    /** What docker save wrote before Docker 25: {@code <id>/layer.tar}, {@code <config hex>.json}. */
    private static List<Entry> legacy(String id, TestImages.Image image) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < image.uncompressed().size(); i++) {
            entries.add(Entry.directory(id + i + "/"));
            entries.add(Entry.file(id + i + "/VERSION", "1.0"));
            entries.add(Entry.file(id + i + "/json", "{}"));
            entries.add(Entry.file(id + i + "/layer.tar", image.uncompressed().get(i)));
        }
        entries.add(Entry.file(image.config().digest().hex() + ".json", image.config().bytes()));
        return entries;
    }

    private static List<String> legacyLayers(String id, TestImages.Image image) {
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < image.uncompressed().size(); i++) {
            layers.add(id + i + "/layer.tar");
        }
        return layers;
    }

    private static ObjectNode manifestItem(String config, List<String> tags, List<String> layers) {
        ObjectNode item = TestImages.JSON.createObjectNode();
        item.put("Config", config);
        ArrayNode t = item.putArray("RepoTags");
        tags.forEach(t::add);
        ArrayNode l = item.putArray("Layers");
        layers.forEach(l::add);
        return item;
    }

    private static Entry manifestJson(ObjectNode... items) {
        ArrayNode array = TestImages.JSON.createArrayNode();
        for (ObjectNode i : items) {
            array.add(i);
        }
        return Entry.file("manifest.json", TestImages.json(array));
    }

    private List<Entry> legacyArchive(TestImages.Image image, String tag) {
        List<Entry> entries = new ArrayList<>(legacy("a", image));
        entries.add(manifestJson(manifestItem(image.config().digest().hex() + ".json", List.of(tag),
                legacyLayers("a", image))));
        entries.add(Entry.file("repositories", "{}"));
        return entries;
    }

    private PulledImage pull(String reference) throws OciException {
        return ImageSource.of(reference, new SourceOptions("amd64", Set.of(), Optional.empty(), m -> { }))
                .pull(cache);
    }

    private void assertIsApp(PulledImage image, TestImages.Image expected) throws IOException {
        assertEquals(List.of("/usr/bin/app", "--serve"), image.config().command());
        assertEquals(expected.uncompressed().size(), image.layers().size());
        for (int i = 0; i < image.layers().size(); i++) {
            Layer layer = image.layers().get(i);
            assertEquals(PullSteps.sha256(expected.uncompressed().get(i)), layer.digest());
            assertEquals(Manifests.OCI_LAYER, layer.mediaType());
            assertArrayEquals(expected.uncompressed().get(i), Files.readAllBytes(layer.blob()));
            assertTrue(layer.blob().startsWith(cache.directory().tmp()), "among the temporaries: " + layer.blob());
        }
        assertEquals(List.of(), files(cache.directory().blobs()), "an archive is read again by the next build");
    }

    @Test
    void readsALegacyArchive() throws Exception {
        Path file = archive(legacyArchive(app, "app:1.4"));
        PulledImage image = pull("docker-archive:" + file);
        assertIsApp(image, app);
        assertEquals("docker-archive:" + file, image.reference());
        // the same archive gives the same image, whose manifest digest is stable
        PulledImage again = pull("docker-archive:" + file + ":app:1.4");
        assertEquals(image.manifestDigest(), again.manifestDigest());
        assertEquals(image.layers().stream().map(Layer::digest).toList(),
                again.layers().stream().map(Layer::digest).toList());
    }

    @Test
    void readsAGzippedArchive() throws Exception {
        Path file = archive("image.tar.gz", legacyArchive(app, "app:1.4"), true);
        assertIsApp(pull("docker-archive:" + file), app);
    }

    @Test
    void readsAnArchiveWithAnOciLayoutInside() throws Exception {
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.directory("blobs/"));
        entries.add(Entry.directory("blobs/sha256/"));
        List<String> layers = new ArrayList<>();
        for (TestImages.Blob b : app.blobs()) {
            entries.add(Entry.file("blobs/sha256/" + b.digest().hex(), b.bytes()));
        }
        for (int i = 0; i < app.layers().size(); i++) {
            layers.add("blobs/sha256/" + app.layers().get(i).digest().hex());
            // Docker 25 keeps the legacy directories as links into blobs/
            entries.add(Entry.directory("legacy" + i + "/"));
            entries.add(Entry.symlink("legacy" + i + "/layer.tar", "../" + layers.get(i)));
        }
        entries.add(Entry.file("blobs/sha256/" + app.manifest().digest().hex(), app.manifest().bytes()));
        entries.add(Entry.file("index.json", "{\"schemaVersion\":2,\"manifests\":[]}"));
        entries.add(manifestJson(manifestItem("blobs/sha256/" + app.config().digest().hex(), List.of("app:1.4"),
                layers)));
        entries.add(Entry.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"));
        assertIsApp(pull("docker-archive:" + archive(entries)), app);
    }

    @Test
    void picksAnImageByItsTag() throws Exception {
        List<Entry> entries = new ArrayList<>(legacy("a", app));
        entries.addAll(legacy("b", busybox));
        entries.add(manifestJson(
                manifestItem(app.config().digest().hex() + ".json", List.of("app:1.4", "app:latest"),
                        legacyLayers("a", app)),
                manifestItem(busybox.config().digest().hex() + ".json", List.of("busybox:latest"),
                        legacyLayers("b", busybox))));
        Path file = archive(entries);

        assertIsApp(pull("docker-archive:" + file + ":app:1.4"), app);
        assertIsApp(pull("docker-archive:" + file + ":busybox:latest"), busybox);
        assertIsApp(pull("docker-archive:" + file + ":docker.io/library/busybox:latest"), busybox);

        OciException none = assertThrows(OciException.class, () -> pull("docker-archive:" + file));
        assertInstanceOf(InvalidSourceException.class, none);
        assertTrue(none.getMessage().contains("holds 2 images"), none.getMessage());
        assertTrue(none.getMessage().contains("app:1.4, app:latest, busybox:latest"), none.getMessage());

        OciException unknown = assertThrows(OciException.class, () -> pull("docker-archive:" + file + ":nope:1"));
        assertTrue(unknown.getMessage().contains("no image tagged 'nope:1'"), unknown.getMessage());
    }

    @Test
    void aLayerLinkedToAnotherEntryIsFollowed() throws Exception {
        // older docker save writes a repeated layer once and links to it
        List<Entry> entries = new ArrayList<>(legacy("a", app));
        entries.add(Entry.directory("c/"));
        entries.add(Entry.symlink("c/layer.tar", "../a0/layer.tar"));
        entries.add(Entry.hardlink("d.tar", "a1/layer.tar"));
        entries.add(manifestJson(manifestItem(app.config().digest().hex() + ".json", List.of("app:1.4"),
                List.of("c/layer.tar", "d.tar"))));
        assertIsApp(pull("docker-archive:" + archive(entries)), app);
    }

    @Test
    void anEntryThatEscapesIsRefused() throws Exception {
        List<Entry> entries = new ArrayList<>(legacyArchive(app, "app:1.4"));
        entries.add(0, Entry.file("../evil", "x"));
        Path file = archive(entries);
        OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + file));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("entry '../evil' leads outside the archive; refused"), e.getMessage());

        entries.set(0, Entry.file("/etc/evil", "x"));
        Path absolute = archive(entries);
        OciException a = assertThrows(OciException.class, () -> pull("docker-archive:" + absolute));
        assertTrue(a.getMessage().contains("entry '/etc/evil' is an absolute path; refused"), a.getMessage());
    }

    @Test
    void aLinkThatEscapesIsRefused() throws Exception {
        List<Entry> entries = new ArrayList<>(legacy("a", app));
        entries.add(Entry.symlink("c/layer.tar", "../../etc/passwd"));
        entries.add(manifestJson(manifestItem(app.config().digest().hex() + ".json", List.of("app:1.4"),
                List.of("a0/layer.tar", "c/layer.tar"))));
        OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + archive(entries)));
        assertTrue(e.getMessage().contains("leads outside the archive; refused"), e.getMessage());
    }

    @Test
    void aLinkToADirectoryIsRefused() throws Exception {
        List<Entry> entries = new ArrayList<>(legacy("a", app));
        entries.add(Entry.symlink("c.tar", "a0"));
        entries.add(manifestJson(manifestItem(app.config().digest().hex() + ".json", List.of("app:1.4"),
                List.of("a0/layer.tar", "c.tar"))));
        OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + archive(entries)));
        assertTrue(e.getMessage().contains("a0, is a directory, not a file"), e.getMessage());
    }

    @Test
    void aMissingLayerIsNamed() throws Exception {
        List<Entry> entries = new ArrayList<>(legacyArchive(app, "app:1.4"));
        entries.removeIf(e -> e.name().equals("a1/layer.tar"));
        Path file = archive(entries);
        OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + file));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("layer 2, a1/layer.tar, is not in " + file), e.getMessage());
    }

    @Test
    void aCorruptedLegacyLayerFailsItsDiffId() throws Exception {
        List<Entry> entries = new ArrayList<>(legacyArchive(app, "app:1.4"));
        byte[] corrupted = app.uncompressed().get(0).clone();
        corrupted[600] ^= 1;
        entries.replaceAll(e -> e.name().equals("a0/layer.tar") ? Entry.file(e.name(), corrupted) : e);
        OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + archive(entries)));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("uncompressed layer 1 is " + PullSteps.sha256(corrupted)), e.getMessage());
    }

    @Test
    void aCorruptedBlobIsRefused() throws Exception {
        TestImages.Blob layer = app.layers().get(0);
        byte[] corrupted = layer.bytes().clone();
        corrupted[600] ^= 1;
        List<Entry> entries = List.of(
                Entry.file("blobs/sha256/" + layer.digest().hex(), corrupted),
                Entry.file("blobs/sha256/" + app.config().digest().hex(), app.config().bytes()),
                manifestJson(manifestItem("blobs/sha256/" + app.config().digest().hex(), List.of("app:1.4"),
                        List.of("blobs/sha256/" + layer.digest().hex()))));
        OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + archive(entries)));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("blobs/sha256/" + layer.digest().hex() + ": content has digest"),
                e.getMessage());
        assertTrue(cache.find(layer.digest()).isEmpty());
    }

    @Test
    void aConfigNotMatchingItsNameIsRefused() throws Exception {
        List<Entry> entries = new ArrayList<>(legacyArchive(app, "app:1.4"));
        String name = app.config().digest().hex() + ".json";
        entries.replaceAll(e -> e.name().equals(name) ? Entry.file(name, busybox.config().bytes()) : e);
        OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + archive(entries)));
        assertTrue(e.getMessage().contains("not the one its name says"), e.getMessage());
    }

    @Test
    void aDuplicateEntryIsRefused() throws Exception {
        List<Entry> entries = new ArrayList<>(legacyArchive(app, "app:1.4"));
        entries.add(Entry.file("a0/layer.tar", "other"));
        OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + archive(entries)));
        assertTrue(e.getMessage().contains("entry 'a0/layer.tar' appears twice; refused"), e.getMessage());
    }

    @Test
    void somethingElseIsNoArchive() throws Exception {
        Path notTar = temp.resolve("not.tar");
        Files.writeString(notTar, "hello, this is not a tar archive at all".repeat(20));
        OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + notTar));
        assertInstanceOf(InvalidSourceException.class, e);

        OciException missing = assertThrows(OciException.class,
                () -> pull("docker-archive:" + temp.resolve("missing.tar")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        Path noManifest = archive(legacy("a", app));
        OciException m = assertThrows(OciException.class, () -> pull("docker-archive:" + noManifest));
        assertTrue(m.getMessage().contains("has no manifest.json"), m.getMessage());
    }

    @Test
    void aTruncatedArchiveIsBadInputAndLeavesNothingInTheCache() throws Exception {
        byte[] whole = Files.readAllBytes(archive(legacyArchive(app, "app:1.4")));
        byte[] layer = app.uncompressed().get(0);
        int start = indexOf(whole, java.util.Arrays.copyOf(layer, 512));
        assertTrue(start > 0, "the layer is in the archive");
        Path truncated = Files.write(temp.resolve("truncated.tar"), java.util.Arrays.copyOf(whole, start + layer.length / 2));
        Path gzipped = Files.write(temp.resolve("truncated.tar.gz"),
                java.util.Arrays.copyOf(TestImages.gzip(whole), TestImages.gzip(whole).length / 2));

        for (Path file : List.of(truncated, gzipped)) {
            OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + file));

            assertInstanceOf(InvalidSourceException.class, e, e.getMessage());
            assertTrue(e.getMessage().startsWith("docker-archive:" + file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
            assertEquals(List.of(), files(cache.directory().root()), "nothing kept in the cache");
        }
    }

    @Test
    void randomBytesAreBadInput() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(noise);
        for (byte[] head : List.of(new byte[0], new byte[] {0x1f, (byte) 0x8b})) {
            byte[] bytes = java.util.Arrays.copyOf(head, head.length + noise.length);
            System.arraycopy(noise, 0, bytes, head.length, noise.length);
            Path file = Files.write(temp.resolve("noise.tar"), bytes);

            OciException e = assertThrows(OciException.class, () -> pull("docker-archive:" + file));

            assertInstanceOf(InvalidSourceException.class, e, e.getMessage());
            assertEquals(List.of(), files(cache.directory().root()), "nothing kept in the cache");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The regular files under {@code root}, if it exists. */
    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
