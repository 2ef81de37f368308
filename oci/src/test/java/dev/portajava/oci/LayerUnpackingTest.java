package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers unpacked while they download from a registry give what unpacking them from the cache gives. */
class LayerUnpackingTest {

    @TempDir
    Path temp;

    FakeRegistry registry;
    final List<Digest> arrived = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void eachLayerIsUnpackedAsItArrivesAndTheTreeIsTheSameAsFromTheCache() throws Exception {
        TestImages.Image image = TestImages.image("amd64", true, "amd64 image");
        registry.putImage("team/app", "1.4", image);

        CacheDirectory following = new CacheDirectory(temp.resolve("following"));
        ImageTree tree = pullFollowing(following, Duration.ofSeconds(30));

        assertEquals(image.layers().stream().map(TestImages.Blob::digest).toList(), arrived,
                "every layer was unpacked while it downloaded");
        for (TestImages.Blob layer : image.layers()) {
            assertTrue(Files.isDirectory(following.layers().resolve(layer.digest().hex())));
        }
        assertEquals(describe(pullThenAssemble(new CacheDirectory(temp.resolve("after")))), describe(tree));
        assertEquals("amd64 image\n", Files.readString(content(tree, "srv/marker")));
        assertTmpEmpty(following);
    }

    @Test
    void aLayerWithTheWrongDigestPublishesNothing() throws Exception {
        TestImages.Image image = TestImages.image("amd64", true, "amd64 image");
        registry.putImage("team/app", "1.4", image);
        Digest bad = image.layers().get(1).digest();
        // another tar, well formed and harmless, under the digest of the second layer
        registry.servedInstead.put(bad, Tars.tar().file("srv/marker", "not this\n").gzip());

        CacheDirectory cache = new CacheDirectory(temp.resolve("cache"));
        OciException e = assertThrows(OciException.class, () -> pullFollowing(cache, Duration.ofSeconds(30)));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("layer " + bad), e.getMessage());
        assertNothingKeptOf(cache, bad);
    }

    @Test
    void aLayerIsNotPublishedBeforeItsWholeBlobIsVerified() throws Exception {
        TestImages.Image image = TestImages.image("amd64", true, "amd64 image");
        registry.putImage("team/app", "1.4", image);
        Digest unended = image.layers().get(1).digest();
        // every byte of the blob comes, but never its end: the tar inside is complete, the download is not
        registry.unended.add(unended);

        CacheDirectory cache = new CacheDirectory(temp.resolve("cache"));
        OciException e = assertThrows(OciException.class, () -> pullFollowing(cache, Duration.ofMillis(300)));
        assertInstanceOf(SourceUnavailableException.class, e);
        assertEquals(3, arrived.stream().filter(unended::equals).count(), "announced on each of the three attempts");
        assertNothingKeptOf(cache, unended);
    }

    @Test
    void aHostileLayerIsRefusedAsWhenUnpackedFromTheCache() throws Exception {
        byte[] hostile = Tars.tar().dir("dir/").file("dir/../../canary", "pwned").bytes();
        List<byte[]> uncompressed = List.of(TestImages.tar(Map.of("etc/os-release", "ID=test\n")),
                hostile);
        List<TestImages.Blob> layers = new ArrayList<>();
        for (byte[] u : uncompressed) {
            layers.add(new TestImages.Blob(Manifests.DOCKER_LAYER_GZIP, TestImages.gzip(u)));
        }
        TestImages.Blob config = TestImages.config("amd64", uncompressed, Manifests.DOCKER_CONFIG);
        registry.putImage("team/app", "1.4", new TestImages.Image("amd64", TestImages.manifest(true, config, layers),
                config, layers, uncompressed));

        CacheDirectory following = new CacheDirectory(temp.resolve("following"));
        HostileLayerException whileArriving = assertThrows(HostileLayerException.class,
                () -> pullFollowing(following, Duration.ofSeconds(30)));
        HostileLayerException fromCache = assertThrows(HostileLayerException.class,
                () -> pullThenAssemble(new CacheDirectory(temp.resolve("after"))));
        assertEquals(fromCache.getMessage(), whileArriving.getMessage());
        assertTrue(whileArriving.getMessage().contains("dir/../../canary"), whileArriving.getMessage());
        assertFalse(Files.exists(following.layers().resolve(layers.get(1).digest().hex())));
        assertFalse(Files.exists(temp.resolve("canary")));
        assertTmpEmpty(following);
    }

    @Test
    void aDownloadTriedAgainIsUnpackedFromItsSecondAttempt() throws Exception {
        TestImages.Image image = TestImages.image("amd64", true, "amd64 image");
        registry.putImage("team/app", "1.4", image);
        Digest flaky = image.layers().get(0).digest();
        registry.stalledOnce.add(flaky);

        CacheDirectory cache = new CacheDirectory(temp.resolve("cache"));
        ImageTree tree = pullFollowing(cache, Duration.ofMillis(300));

        assertEquals(2, arrived.stream().filter(flaky::equals).count(), "the stalled download was announced again");
        assertEquals(describe(pullThenAssemble(new CacheDirectory(temp.resolve("after")))), describe(tree));
        assertTmpEmpty(cache);
    }

    @Test
    void entriesRead_countEachLayersTarEntries_andTheirFilesBytes_asTheyAreRead() throws Exception {
        TestImages.Image image = TestImages.image("amd64", true, "amd64 image");
        registry.putImage("team/app", "1.4", image);
        CacheDirectory cache = new CacheDirectory(temp.resolve("cache"));
        PulledImage pulled = ImageSource.parse(registry.host() + "/team/app:1.4")
                .pull(new BlobCache(cache), new SourceOptions("amd64", Set.of(), Optional.empty(), m -> { }));
        long entries = 0;
        long bytes = 0;
        for (byte[] tar : image.uncompressed()) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
                for (TarArchiveEntry e = in.getNextTarEntry(); e != null; e = in.getNextTarEntry()) {
                    entries++;
                    bytes += e.isFile() ? e.getSize() : 0;
                }
            }
        }

        try (LayerUnpacking unpacking = new LayerUnpacking(cache, LayerPolicy.defaults())) {
            assertEquals(List.of(0L, 0L), List.of(unpacking.entriesRead(), unpacking.bytesRead()));
            unpacking.assemble(pulled);

            assertTrue(entries > 2 && bytes > 0);
            assertEquals(List.of(entries, bytes), List.of(unpacking.entriesRead(), unpacking.bytesRead()));
        }
    }

    /** Pulls team/app:1.4 with the layers unpacked as they arrive, then assembles the tree. */
    private ImageTree pullFollowing(CacheDirectory cache, Duration idleTimeout) throws OciException {
        try (LayerUnpacking unpacking = new LayerUnpacking(cache, LayerPolicy.defaults())) {
            LayerArrivals recorded = (layer, content) -> {
                arrived.add(layer.digest());
                unpacking.arriving(layer, content);
            };
            ImageReference ref = ImageReference.parse(registry.host() + "/team/app:1.4");
            SourceOptions options = new SourceOptions("amd64", Set.of(), Optional.empty(), m -> { },
                    Optional.of(recorded));
            PulledImage image = new RegistrySource(ref.toString(), ref, options, idleTimeout)
                    .pull(new BlobCache(cache));
            return unpacking.assemble(image);
        }
    }

    /** Pulls team/app:1.4, then unpacks its layers from the cache. */
    private ImageTree pullThenAssemble(CacheDirectory cache) throws OciException {
        PulledImage pulled = ImageSource.parse(registry.host() + "/team/app:1.4")
                .pull(new BlobCache(cache), new SourceOptions("amd64", Set.of(), Optional.empty(), m -> { }));
        return ImageTree.assemble(pulled, cache, LayerPolicy.defaults());
    }

    /** Each entry's path, type, mode, owner and content digest. */
    private static List<String> describe(ImageTree tree) throws IOException {
        List<String> lines = new ArrayList<>();
        for (TreeEntry e : tree.entries()) {
            String content = e.content() == null ? "" : PullSteps.sha256(Files.readAllBytes(e.content())).hex();
            lines.add(e.path() + " " + e.kind() + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":"
                    + e.gid() + " " + e.size() + " " + content);
        }
        return lines;
    }

    private static Path content(ImageTree tree, String path) {
        return tree.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow().content();
    }

    /** Neither the layer's index nor its blob is in the cache, and nothing is left among its temporaries. */
    private static void assertNothingKeptOf(CacheDirectory cache, Digest layer) throws IOException {
        assertFalse(Files.exists(cache.layers().resolve(layer.hex())), "the layer's index was not published");
        assertFalse(Files.exists(cache.blobs().resolve(layer.hex())), "nor its blob");
        assertTmpEmpty(cache);
    }

    private static void assertTmpEmpty(CacheDirectory cache) throws IOException {
        if (Files.isDirectory(cache.tmp())) {
            try (Stream<Path> files = Files.list(cache.tmp())) {
                assertEquals(List.of(), files.toList(), "nothing is left among the cache's temporaries");
            }
        }
    }
}
