package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutSourceTest {

    @TempDir
    Path temp;

    Path layout;
    BlobCache cache;
    final TestImages.Image amd64 = TestImages.image("amd64", false, "amd64 image");
    final TestImages.Image arm64 = TestImages.image("arm64", true, "arm64 image");

    @BeforeEach
    void setUp() throws IOException {
        layout = temp.resolve("layout");
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        cache = new BlobCache(new CacheDirectory(temp.resolve("cache")));
    }

    private PulledImage pull(String reference, String architecture) throws OciException {
        return ImageSource.parse(reference)
                .pull(cache, new SourceOptions(architecture, Set.of(), Optional.empty(), m -> { }));
    }

    private void write(TestImages.Blob blob) throws IOException {
        Files.write(layout.resolve("blobs/sha256/" + blob.digest().hex()), blob.bytes());
    }

    private void write(TestImages.Image image) throws IOException {
        write(image.manifest());
        for (TestImages.Blob b : image.blobs()) {
            write(b);
        }
    }

    /** index.json naming each blob, with a ref name when one is given (name, blob, name, blob, …). */
    private void index(Object... namesAndBlobs) throws IOException {
        ObjectNode root = TestImages.JSON.createObjectNode();
        root.put("schemaVersion", 2);
        ArrayNode manifests = root.putArray("manifests");
        for (int i = 0; i < namesAndBlobs.length; i += 2) {
            ObjectNode d = ((TestImages.Blob) namesAndBlobs[i + 1]).descriptor();
            if (namesAndBlobs[i] != null) {
                d.putObject("annotations").put(Manifests.REF_NAME, (String) namesAndBlobs[i]);
            }
            manifests.add(d);
        }
        Files.write(layout.resolve("index.json"), TestImages.json(root));
    }

    @Test
    void pullsTheOnlyImage() throws Exception {
        write(amd64);
        index(null, amd64.manifest());
        PulledImage image = pull("oci:" + layout, "amd64");
        assertEquals(amd64.manifest().digest(), image.manifestDigest());
        assertEquals(List.of("/usr/bin/app", "--serve"), image.config().command());
        assertEquals(2, image.layers().size());
        for (int i = 0; i < 2; i++) {
            assertEquals(Manifests.OCI_LAYER, image.layers().get(i).mediaType());
            assertArrayEquals(amd64.layers().get(i).bytes(), Files.readAllBytes(image.layers().get(i).blob()));
            assertEquals(layout.resolve("blobs/sha256/" + image.layers().get(i).digest().hex()),
                    image.layers().get(i).blob(), "read from the layout, not copied");
        }
    }

    @Test
    void picksAnImageByRefName() throws Exception {
        TestImages.Image other = TestImages.image("amd64", true, "other");
        write(amd64);
        write(other);
        index("app:1.4", amd64.manifest(), "other:2", other.manifest());
        assertEquals(other.manifest().digest(), pull("oci:" + layout + ":other:2", "amd64").manifestDigest());
        assertEquals(amd64.manifest().digest(), pull("oci:" + layout + ":app:1.4", "amd64").manifestDigest());

        OciException none = assertThrows(OciException.class, () -> pull("oci:" + layout, "amd64"));
        assertInstanceOf(InvalidSourceException.class, none);
        assertTrue(none.getMessage().contains("one of: app:1.4, other:2"), none.getMessage());

        OciException unknown = assertThrows(OciException.class, () -> pull("oci:" + layout + ":nope", "amd64"));
        assertTrue(unknown.getMessage().contains("no manifest named 'nope'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("app:1.4, other:2"), unknown.getMessage());
    }

    @Test
    void resolvesANestedIndexForTheArchitecture() throws Exception {
        write(amd64);
        write(arm64);
        TestImages.Blob nested = TestImages.index(false, amd64, arm64);
        write(nested);
        index("multi", nested);
        PulledImage arm = pull("oci:" + layout + ":multi", "arm64");
        assertEquals(arm64.manifest().digest(), arm.manifestDigest());
        assertEquals(Manifests.DOCKER_LAYER_GZIP, arm.layers().get(0).mediaType());
        assertEquals(amd64.manifest().digest(), pull("oci:" + layout, "amd64").manifestDigest());
    }

    @Test
    void aMissingBlobIsNamedByItsFile() throws Exception {
        write(amd64);
        Files.delete(layout.resolve("blobs/sha256/" + amd64.layers().get(1).digest().hex()));
        index(null, amd64.manifest());
        OciException e = assertThrows(OciException.class, () -> pull("oci:" + layout, "amd64"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().endsWith(layout.resolve("blobs/sha256/" + amd64.layers().get(1).digest().hex())
                + " is missing"), e.getMessage());
    }

    @Test
    void aCorruptedBlobIsRefusedAndNotCached() throws Exception {
        write(amd64);
        Path blob = layout.resolve("blobs/sha256/" + amd64.layers().get(0).digest().hex());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 1] ^= 0x20;
        Files.write(blob, bytes);
        index(null, amd64.manifest());
        PulledImage image = pull("oci:" + layout, "amd64");
        OciException e = assertThrows(OciException.class, () -> ImageTree.assemble(image, cache.directory(),
                LayerPolicy.defaults()));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("layer " + amd64.layers().get(0).digest()), e.getMessage());
        assertTrue(e.getMessage().contains("has digest"), e.getMessage());
        assertTrue(cache.find(amd64.layers().get(0).digest()).isEmpty());
        // the other layer, sound, may have been unpacked meanwhile: layers are unpacked several at a time
        assertTrue(Files.notExists(cache.directory().layers().resolve(amd64.layers().get(0).digest().hex())),
                "the corrupted layer was not unpacked");
    }

    @Test
    void aSymlinkedBlobIsRefused() throws Exception {
        write(amd64);
        Path outside = temp.resolve("outside");
        Path blob = layout.resolve("blobs/sha256/" + amd64.config().digest().hex());
        Files.move(blob, outside);
        Files.createSymbolicLink(blob, outside);
        index(null, amd64.manifest());
        OciException e = assertThrows(OciException.class, () -> pull("oci:" + layout, "amd64"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("is a symbolic link; refused"), e.getMessage());
    }

    @Test
    void aSymlinkedBlobDirectoryIsRefused() throws Exception {
        write(amd64);
        index(null, amd64.manifest());
        Path elsewhere = temp.resolve("elsewhere");
        Files.move(layout.resolve("blobs"), elsewhere);
        Files.createSymbolicLink(layout.resolve("blobs"), elsewhere);
        OciException e = assertThrows(OciException.class, () -> pull("oci:" + layout, "amd64"));
        assertTrue(e.getMessage().contains("blobs is a symbolic link; refused"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutOciLayoutIsNoLayout() throws Exception {
        Files.delete(layout.resolve("oci-layout"));
        OciException e = assertThrows(OciException.class, () -> pull("oci:" + layout, "amd64"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("oci-layout is missing"), e.getMessage());

        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");
        assertThrows(OciException.class, () -> pull("oci:" + layout, "amd64"));

        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        OciException noIndex = assertThrows(OciException.class, () -> pull("oci:" + layout, "amd64"));
        assertTrue(noIndex.getMessage().contains("index.json is missing"), noIndex.getMessage());

        OciException noDir = assertThrows(OciException.class, () -> pull("oci:" + temp.resolve("nope"), "amd64"));
        assertTrue(noDir.getMessage().contains("is not a directory"), noDir.getMessage());
    }

    @Test
    void theWrongArchitectureIsRefused() throws Exception {
        write(arm64);
        index(null, arm64.manifest());
        OciException e = assertThrows(OciException.class, () -> pull("oci:" + layout, "amd64"));
        assertTrue(e.getMessage().contains("an image for arm64, not amd64"), e.getMessage());
    }

    @Test
    void aDiffIdMismatchIsRefused() throws Exception {
        // a manifest whose uncompressed layers are not those the config lists
        List<TestImages.Blob> layers = new ArrayList<>(amd64.layers());
        java.util.Collections.reverse(layers);
        TestImages.Blob manifest = TestImages.manifest(false, amd64.config(), layers);
        write(amd64);
        write(manifest);
        index(null, manifest);
        OciException e = assertThrows(OciException.class, () -> pull("oci:" + layout, "amd64"));
        assertTrue(e.getMessage().contains("uncompressed layer 1 is"), e.getMessage());
    }
}
