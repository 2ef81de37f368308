package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {

    @TempDir
    Path sandbox;

    CacheDirectory cache;

    @BeforeEach
    void setUp() {
        cache = new CacheDirectory(sandbox.resolve("cache"));
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Layer base() {
        return Tars.layer(cache, Tars.tar()
                .file("etc/os-release", "ID=test\n")
                .file("usr/bin/tool", "tool", 0755, 0, 0)
                .hardlink("usr/bin/alias", "usr/bin/tool")
                .symlink("bin", "usr/bin")
                .gzip());
    }

    @Test
    void assemble_secondTime_readsTheIndexes_notTheBlobs() throws Exception {
        Layer base = base();
        Layer upper = Tars.layer(cache, Tars.tar().file("etc/.wh.os-release", "").file("srv/x", "x").zstd());
        ImageTree first = ImageTree.assemble(Tars.image(base, upper), cache, LayerPolicy.defaults());

        Files.delete(base.blob());
        Files.delete(upper.blob());
        ImageTree second = ImageTree.assemble(Tars.image(base, upper), cache, LayerPolicy.defaults());

        assertEquals(first.entries(), second.entries());
        assertEquals(List.of("bin", "etc", "srv", "srv/x", "usr", "usr/bin", "usr/bin/alias", "usr/bin/tool"),
                second.entries().stream().map(TreeEntry::path).toList());
        assertEquals(List.of(base.digest().hex(), upper.digest().hex()).stream().sorted().toList(),
                list(cache.layers()));
        assertEquals(List.of(), list(cache.tmp()));
    }

    @Test
    void assemble_storesEachContentOnce_readOnly_underItsDigest() throws Exception {
        Layer one = Tars.layer(cache, Tars.tar().file("a", "shared").file("b", "shared").file("c", "own").bytes());
        Layer two = Tars.layer(cache, Tars.tar().file("d", "shared").file("e", "other").gzip());

        ImageTree tree = ImageTree.assemble(Tars.image(one, two), cache, LayerPolicy.defaults());

        List<String> expected = Stream.of("shared", "own", "other")
                .map(s -> Tars.sha256(s.getBytes(StandardCharsets.UTF_8)).hex()).sorted().toList();
        assertEquals(expected, list(cache.files()));
        for (TreeEntry e : tree.entries()) {
            assertEquals(cache.files(), e.content().getParent());
            assertEquals(e.content().getFileName().toString(), Tars.sha256(Files.readAllBytes(e.content())).hex());
            assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(e.content())));
        }
    }

    @Test
    void assemble_ofAnotherImageSharingALayer_unpacksOnlyTheNewLayer() throws Exception {
        Layer base = base();
        ImageTree.assemble(Tars.image(base), cache, LayerPolicy.defaults());
        Files.delete(base.blob());
        Layer app = Tars.layer(cache, Tars.tar().file("srv/app", "app").bytes());

        ImageTree tree = ImageTree.assemble(Tars.image(base, app), cache, LayerPolicy.defaults());

        assertTrue(tree.entries().stream().anyMatch(e -> e.path().equals("srv/app")));
        assertEquals(2, list(cache.layers()).size());
    }

    @Test
    void assemble_whenTheIndexIsDamaged_unpacksTheLayerAgain() throws Exception {
        Layer base = base();
        ImageTree first = ImageTree.assemble(Tars.image(base), cache, LayerPolicy.defaults());
        Path index = cache.layers().resolve(base.digest().hex()).resolve("index");
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(bytes, bytes.length - 3));

        ImageTree second = ImageTree.assemble(Tars.image(base), cache, LayerPolicy.defaults());

        assertEquals(first.entries(), second.entries());
        assertEquals(bytes.length, Files.size(index));
        assertEquals(List.of(), list(cache.tmp()));
    }

    @Test
    void assemble_whenAContentWasRemovedFromTheStore_unpacksTheLayerAgain() throws Exception {
        Layer base = base();
        ImageTree first = ImageTree.assemble(Tars.image(base), cache, LayerPolicy.defaults());
        Path content = first.entries().stream().filter(e -> e.path().equals("usr/bin/tool")).findFirst().orElseThrow()
                .content();
        Files.delete(content);

        ImageTree second = ImageTree.assemble(Tars.image(base), cache, LayerPolicy.defaults());

        assertEquals(first.entries(), second.entries());
        assertEquals("tool", Files.readString(content));
    }

    @Test
    void assemble_whenACachedLayerBreaksAStricterPolicy_refusesIt() throws Exception {
        Layer base = base();
        ImageTree.assemble(Tars.image(base), cache, LayerPolicy.defaults());
        Files.delete(base.blob());

        HostileLayerException e = assertThrows(HostileLayerException.class, () -> ImageTree.assemble(
                Tars.image(base), cache, new LayerPolicy(false, 4, 1 << 20, 100)));

        assertEquals("etc/os-release", e.entry());
        assertEquals(base.digest(), e.layer());
    }

    @Test
    void assemble_checksSetuidWhenApplying_soTheCacheServesEitherPolicy() throws Exception {
        Layer layer = Tars.layer(cache, Tars.tar().file("usr/bin/su", "su", 04755, 0, 0).bytes());
        ImageTree allowed = ImageTree.assemble(Tars.image(layer), cache, LayerPolicy.defaults().withAllowSetuid(true));
        Files.delete(layer.blob());

        OciException e = assertThrows(OciException.class,
                () -> ImageTree.assemble(Tars.image(layer), cache, LayerPolicy.defaults()));

        assertEquals(04755, allowed.entries().get(2).mode());
        assertEquals("usr/bin/su", assertInstanceOf(HostileLayerException.class, e).entry());
    }

    @Test
    void assemble_whenABlobIsMissing_saysSo() throws Exception {
        Layer base = base();
        Files.delete(base.blob());

        OciException e = assertThrows(OciException.class,
                () -> ImageTree.assemble(Tars.image(base), cache, LayerPolicy.defaults()));

        assertTrue(e.getMessage().contains(base.digest().toString()), e.getMessage());
        assertEquals(List.of(), list(cache.layers()));
    }
}
