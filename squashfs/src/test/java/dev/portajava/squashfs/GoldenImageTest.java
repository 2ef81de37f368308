package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference images pinned by their SHA-256: the digests were taken from the images the writer wrote before it
 * wrote plans (when it scanned the tree itself and took owners from a side map), so the host-tree path gives the
 * same bytes as it did then. A digest that changes means the bytes of every image change: a change of the writer,
 * or a compression library that compresses differently. Every compressor, with and without duplicates, hard links,
 * symlinks, special files, owners, big and sparse files; default and other levels; several block sizes.
 */
class GoldenImageTest {

    /** Owners the features tree's images give single entries, over the options' owner 0. */
    private static final Map<String, int[]> OWNERS = Map.of("/usr/bin/big", new int[] {1000, 1000},
            "/usr/share/doc", new int[] {65534, 65534}, "/usr/lib/absolute", new int[] {5, 6}, "/run/fifo",
            new int[] {7, 7});

    private static final Map<String, String> GOLDEN = new LinkedHashMap<>();

    static {
        GOLDEN.put("features GZIP", "e5afbd6a96015d566d979c4c1a5e169b2a0bedc97d6ec23cf0643d1e3256b709");
        GOLDEN.put("plain GZIP", "3311c0663dd8ea1f065d32dc97493dcdd81508636208bf86884422a1a9d64716");
        GOLDEN.put("random GZIP", "8d8d71ef3d5150d172181cf13327e37c92940f560ba1ae6f3d196891ed009fa8");
        GOLDEN.put("owned GZIP", "fd5e1cda22084ce92f546400d32ed32bc531d2a4e3afbcf36f9ef92be603d285");
        GOLDEN.put("features XZ", "c724ea932363435421c7a14f67238d8bf8bfa403cb5ca780fbefc3ed4a672076");
        GOLDEN.put("plain XZ", "fb739932b81af435adc342e1b845325bc08c933601f83eddf2e5141793acdc7c");
        GOLDEN.put("random XZ", "29b9b522ce5d3f9c1381e1f6b0b2f8a6cb91068cd0eb6d696477968452c30a0a");
        GOLDEN.put("owned XZ", "cf89cf5001ca6b96ed8b6175173c8970f2a48b04fb10fd8d2bf8103416501f21");
        GOLDEN.put("features LZ4", "d1cf533318aec295fa549d095303a5f001c80db8ecb52e874da320c0414c4032");
        GOLDEN.put("plain LZ4", "f4a13afcea2162be88aeb5b886e4daa474418573a60088c7e17d5e9b43d5d854");
        GOLDEN.put("random LZ4", "c33f20ccf5712eaf2a3c595026890cf99734e16fe5ee94f395c80abe9d9484d1");
        GOLDEN.put("owned LZ4", "a29ae8d03c487850ad29d64d493c6607d35e9bb1153929202442b64e5f84b8f9");
        GOLDEN.put("features ZSTD", "418f4e350eb383c342c39a95e174f1c76e48e59e53b0df64c4c5c2341a508c9c");
        GOLDEN.put("plain ZSTD", "a3ac8823c36d860da0fc32324bcc76444ff846843e041c06a820c283d6118f5b");
        GOLDEN.put("random ZSTD", "0bccef65ccc3c34ea6303f90a963f7ba0d7860b1d037a9a669af1c86570a2f1e");
        GOLDEN.put("owned ZSTD", "f954c6989039c760468e24fb4679df7817c13684fa5c947f7a35e31a30165296");
        GOLDEN.put("features gzip 6", "b366e788606f0aba7e00340335a231559e6382e90187f17024852a1675d3498a");
        GOLDEN.put("features zstd 3", "a1ab1ae54c90a9a4702cf14f41e907517da1b976ccbf627bd4aa73ba78b1a006");
        GOLDEN.put("features lz4 hc 9", "52cfe25cb1da121bdb17315f75a32cd199fa352e0f87c8fdfe0a3494e1a8f101");
        GOLDEN.put("features xz 64k", "3fc844d5b37a84710c5ebd69c97560789825f38db1a0a3becf49de531d27976c");
    }

    @TempDir
    static Path temp;

    private static Path features;
    private static Path plain;
    private static Path random;
    private static Path owned;

    @BeforeAll
    static void trees() throws Exception {
        features = GoldenTrees.features(Files.createDirectory(temp.resolve("features")));
        plain = GoldenTrees.plain(Files.createDirectory(temp.resolve("plain")));
        random = RandomTree.generate(Files.createDirectory(temp.resolve("random")), 42, 300, 4096);
        owned = RandomTree.generate(Files.createDirectory(temp.resolve("owned")), 43, 200, 4096);
    }

    @Test
    void write_referenceTrees_giveThePinnedBytes() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Compression c : Compression.values()) {
            SquashfsOptions base = SquashfsOptions.defaults().withCompression(c);
            check(wrong, "features " + c, digest(withOwners(features, base.withOwner(0).withSpecialFiles(true)),
                    base.withOwner(0)));
            check(wrong, "plain " + c, digest(plain, base.withOwner(0).withTime(0)));
            check(wrong, "random " + c, digest(random, base.withOwner(0).withBlockSize(4096)));
        }
        SquashfsOptions special = SquashfsOptions.defaults().withOwner(0).withSpecialFiles(true);
        for (SquashfsOptions options : List.of(special.withLevel(6),
                special.withCompression(Compression.ZSTD).withLevel(3),
                special.withCompression(Compression.LZ4).withLevel(9),
                special.withCompression(Compression.XZ).withBlockSize(65536))) {
            String name = "features " + options.compression().label() + (options.blockSize() != 131072 ? " 64k"
                    : options.compression() == Compression.LZ4 ? " hc 9" : " " + options.level());
            check(wrong, name, digest(withOwners(features, options), options));
        }
        assertEquals(List.of(), wrong);
    }

    /** Owners and times from the tree itself: the tree's owners can only be set by root. */
    @Test
    void write_treeWithItsOwnOwners_givesThePinnedBytes() throws Exception {
        boolean root = RandomTree.isRoot();
        assumeTrue(root, "only root sets a tree's owners (the README's test command runs them as root)");
        List<String> wrong = new ArrayList<>();
        for (Compression c : Compression.values()) {
            SquashfsOptions options = SquashfsOptions.defaults().withCompression(c).withBlockSize(4096)
                    .withTime(1234567890);
            check(wrong, "owned " + c, digest(owned, options));
        }
        assertEquals(List.of(), wrong);
    }

    private static void check(List<String> wrong, String name, String digest) {
        if (!GOLDEN.get(name).equals(digest)) {
            wrong.add(name + ": " + digest);
        }
    }

    /** The plan of the tree, with single entries given other owners as a build step would. */
    private static ImagePlan withOwners(Path tree, SquashfsOptions options) throws Exception {
        ImagePlan.Builder plan = SquashfsWriter.of(options).plan(tree);
        for (Map.Entry<String, int[]> e : OWNERS.entrySet()) {
            plan.setOwner(ImagePath.of(e.getKey()), e.getValue()[0], e.getValue()[1]);
        }
        return plan.build();
    }

    private static String digest(Path tree, SquashfsOptions options) throws Exception {
        Path image = Files.createTempFile(temp, "image", ".sqfs");
        Files.delete(image);
        SquashfsWriter.of(options).write(tree, image);
        return sha256(image);
    }

    private static String digest(ImagePlan plan, SquashfsOptions options) throws Exception {
        Path image = Files.createTempFile(temp, "image", ".sqfs");
        Files.delete(image);
        SquashfsWriter.of(options).write(plan, image);
        return sha256(image);
    }

    private static String sha256(Path image) throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(image)));
        Files.delete(image);
        return hex;
    }
}
