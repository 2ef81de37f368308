package dev.portajava.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portajava.text.ControlCharacters;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Pulls from what {@code docker save} writes ({@link ImageSource.DockerArchive}), gzipped or not: {@code manifest.json} naming each image's config and layers by their paths in the archive, either
 * {@code <id>/layer.tar} (before Docker 25) or {@code blobs/sha256/HEX} (an OCI layout inside, Docker 25 on).
 *
 * <p>The archive is read once. Its regular files go into the cache as they come, under the digest they turn out to
 * have (a {@code blobs/sha256/HEX} entry must have that digest); {@code manifest.json}, which may come last, then
 * says which of them are the image's. Names are checked and links resolved only among the archive's own entries:
 * nothing is ever extracted by name.
 */
final class DockerArchiveSource {

    private static final int MAX_MANIFEST_JSON = 16 << 20;
    private static final int MAX_LINK_HOPS = 8;

    private final String reference;
    private final Path file;
    private final Optional<String> repoTag;
    private final SourceOptions options;

    DockerArchiveSource(ImageSource.DockerArchive archive, SourceOptions options) {
        this.reference = archive.reference();
        this.file = archive.file();
        this.repoTag = archive.repoTag();
        this.options = options;
    }

    private sealed interface Entry permits RegularFile, Link, Directory, Other {
    }

    /** A regular file of the archive, copied to {@code path} among this process's temporaries. */
    private record RegularFile(Digest digest, long size, Path path) implements Entry {
    }

    private record Link(String target, boolean symbolic) implements Entry {
    }

    private record Directory() implements Entry {
    }

    private record Other(String kind) implements Entry {
    }

    private record Image(String config, List<String> repoTags, List<String> layers) {
    }

    PulledImage pull(BlobCache cache) throws OciException {
        if (!Files.isRegularFile(file)) {
            throw OciException.invalid(reference + ": " + file + (Files.exists(file) ? " is not a regular file"
                    : " does not exist"));
        }
        Map<String, Entry> entries = new HashMap<>();
        boolean pulled = false;
        try {
            PulledImage image = pull(cache, entries);
            pulled = true;
            return image;
        } finally {
            if (!pulled) {
                // nothing of an archive that is refused stays, not even among the temporaries
                entries.values().stream().filter(RegularFile.class::isInstance)
                        .forEach(e -> BlobCache.deleteQuietly(((RegularFile) e).path()));
            }
        }
    }

    private PulledImage pull(BlobCache cache, Map<String, Entry> entries) throws OciException {
        byte[] manifestJson = null;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = decompressed(new BufferedInputStream(raw, 1 << 16));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = nextEntry(tar)) != null) {
                String name = normalise(e.getName(), "");
                if (name.isEmpty()) {
                    if (e.isDirectory()) {
                        continue;
                    }
                    throw refused(e.getName(), "not a file name");
                }
                Entry previous = entries.get(name);
                if (e.isDirectory()) {
                    if (previous != null && !(previous instanceof Directory)) {
                        throw refused(name, "appears twice");
                    }
                    entries.put(name, new Directory());
                    continue;
                }
                if (previous != null) {
                    throw refused(name, "appears twice");
                }
                if (e.isSymbolicLink()) {
                    entries.put(name, new Link(e.getLinkName(), true));
                } else if (e.isLink()) {
                    entries.put(name, new Link(e.getLinkName(), false));
                } else if (e.isFile() && !e.isSparse()) {
                    if (name.equals("manifest.json")) {
                        if (e.getSize() > MAX_MANIFEST_JSON) {
                            throw OciException.invalid(reference + ": manifest.json has " + e.getSize()
                                    + " bytes, more than the " + MAX_MANIFEST_JSON + " accepted");
                        }
                        manifestJson = tar.readAllBytes();
                        entries.put(name, new Other("manifest"));
                    } else if (isMetadata(name)) {
                        entries.put(name, new Other("metadata file"));
                    } else {
                        entries.put(name, spool(cache, tar, name, e.getSize()));
                    }
                } else {
                    entries.put(name, new Other("special file"));
                }
            }
        } catch (NoSuchFileException e) {
            throw OciException.invalid(reference + ": " + file + " does not exist");
        } catch (IOException e) {
            String detail = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : Manifests.oneLine(e.getMessage());
            throw OciException.invalid(reference + ": " + file + " is not a readable tar archive (truncated or"
                    + " corrupt): " + detail, e);
        }
        if (manifestJson == null) {
            throw OciException.invalid(reference + ": " + file + " has no manifest.json: not a docker save archive");
        }
        Image image = choose(parseManifest(manifestJson));

        RegularFile configFile = resolve(entries, image.config(), "the config");
        Optional<Digest> named = Digest.named(image.config(), "", ".json");
        if (named.isPresent() && !named.get().equals(configFile.digest())) {
            throw OciException.invalid(reference + ": " + image.config() + " has digest " + configFile.digest()
                    + ", not the one its name says");
        }
        Manifests.Descriptor config = new Manifests.Descriptor(Manifests.OCI_CONFIG, configFile.digest(),
                configFile.size(), List.of(), Map.of(), null);
        Map<Digest, Path> spooled = new HashMap<>();
        spooled.put(configFile.digest(), configFile.path());
        List<Manifests.Descriptor> layers = new ArrayList<>();
        for (String layerName : image.layers()) {
            RegularFile layer = resolve(entries, layerName, "layer " + (layers.size() + 1));
            String what = "layer " + layer.digest() + " of " + reference;
            spooled.put(layer.digest(), layer.path());
            layers.add(new Manifests.Descriptor(layerMediaType(layer.path(), what), layer.digest(), layer.size(),
                    List.of(), Map.of(), null));
        }
        Digest manifestDigest = PullSteps.sha256(Manifests.synthesize(config, layers));
        return PullSteps.finish(reference, manifestDigest, new Manifests.ImageManifest(config, layers),
                new Spooled(spooled), options.architecture());
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        return tar.getNextEntry();
    }

    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
        }
        return in;
    }

    /** Files docker save writes that no image's manifest.json entry names: not worth a place in the cache. */
    private static boolean isMetadata(String name) {
        return name.equals("repositories") || name.equals("index.json") || name.equals("oci-layout")
                || name.endsWith("/VERSION") || name.endsWith("/json");
    }

    /**
     * Copies a regular file of the archive among this process's temporaries; one named {@code blobs/sha256/HEX} must
     * have that digest.
     */
    private RegularFile spool(BlobCache cache, InputStream content, String name, long size) throws OciException {
        BlobCache.Stored stored = cache.spool(Digest.named(name, "blobs/sha256/", "").orElse(null), size, content,
                reference + ": " + name);
        return new RegularFile(stored.digest(), stored.size(), stored.path());
    }

    private List<Image> parseManifest(byte[] bytes) throws OciException {
        String what = reference + ": manifest.json";
        JsonNode root;
        try {
            root = Manifests.json().readTree(bytes);
        } catch (IOException e) {
            throw OciException.invalid(what + ": not valid JSON: " + Manifests.oneLine(e.getMessage()));
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw OciException.invalid(what + ": not a list of images");
        }
        List<Image> images = new ArrayList<>();
        for (JsonNode item : root) {
            String itemWhat = what + ": image " + (images.size() + 1);
            if (!item.isObject()) {
                throw OciException.invalid(itemWhat + ": not an object");
            }
            String config = Manifests.text(item, "Config", itemWhat);
            if (config.isEmpty()) {
                throw OciException.invalid(itemWhat + ": no Config");
            }
            images.add(new Image(config, stringList(item.get("RepoTags"), itemWhat + ": RepoTags"),
                    stringList(item.get("Layers"), itemWhat + ": Layers")));
        }
        return images;
    }

    private static List<String> stringList(JsonNode node, String what) throws OciException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw OciException.invalid(what + ": not a list");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw OciException.invalid(what + ": not a list of strings");
            }
            list.add(n.asText());
        }
        return list;
    }

    private Image choose(List<Image> images) throws OciException {
        Set<String> allTags = new LinkedHashSet<>();
        images.forEach(i -> allTags.addAll(i.repoTags()));
        if (repoTag.isPresent()) {
            String wanted = repoTag.get();
            String canonical = canonical(wanted);
            for (Image i : images) {
                for (String t : i.repoTags()) {
                    if (t.equals(wanted) || (canonical != null && canonical.equals(canonical(t)))) {
                        return i;
                    }
                }
            }
            throw OciException.invalid(reference + ": no image tagged '" + wanted + "' in " + file
                    + (allTags.isEmpty() ? " (its images have no tags)" : " (it has: " + String.join(", ", allTags)
                    + ")"));
        }
        if (images.size() == 1) {
            return images.get(0);
        }
        throw OciException.invalid(reference + ": " + file + " holds " + images.size() + " images; name one as"
                + " docker-archive:FILE:REPO:TAG" + (allTags.isEmpty() ? " (they have no tags)" : ", one of: "
                + String.join(", ", allTags)));
    }

    private static String canonical(String repoTag) {
        try {
            return ImageReference.parse(repoTag).toString();
        } catch (OciException e) {
            return null;
        }
    }

    /** The regular file {@code name} is, following links among the archive's entries. */
    private RegularFile resolve(Map<String, Entry> entries, String name, String role) throws OciException {
        String current = normalise(name, "");
        for (int hops = 0; hops <= MAX_LINK_HOPS; hops++) {
            Entry e = entries.get(current);
            if (e == null) {
                throw OciException.invalid(reference + ": " + role + ", " + printable(name)
                        + (current.equals(name) ? "" : " (" + printable(current) + ")") + ", is not in " + file);
            }
            if (e instanceof RegularFile f) {
                return f;
            }
            if (e instanceof Link link) {
                String parent = current.contains("/") ? current.substring(0, current.lastIndexOf('/')) : "";
                current = normalise(link.target(), link.symbolic() ? parent : "");
                continue;
            }
            throw OciException.invalid(reference + ": " + role + ", " + printable(current) + ", is "
                    + (e instanceof Directory ? "a directory" : "a " + ((Other) e).kind()) + ", not a file");
        }
        throw OciException.invalid(reference + ": " + role + ", " + printable(name) + ": more than "
                + MAX_LINK_HOPS + " links");
    }

    /**
     * {@code name} (relative to the directory {@code base}) as a plain archive path: no leading {@code /} or
     * {@code ./}, no {@code .} or empty components; refused when absolute or when {@code ..} leads out.
     */
    private String normalise(String name, String base) throws OciException {
        if (name.indexOf('\0') >= 0) {
            throw refused(name, "contains a NUL character");
        }
        if (name.startsWith("/")) {
            throw refused(name, "is an absolute path");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : (base + "/" + name).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    throw refused(name, "leads outside the archive");
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    private OciException refused(String name, String problem) {
        return OciException.invalid(reference + ": entry '" + printable(name) + "' " + problem + "; refused");
    }

    private static String printable(String name) {
        return ControlCharacters.escapedUnambiguously(name);
    }

    /** A layer's media type, from its first bytes: gzip, zstd or a plain tar. */
    private static String layerMediaType(Path blob, String what) throws OciException {
        byte[] head;
        try (InputStream in = Files.newInputStream(blob)) {
            head = in.readNBytes(4);
        } catch (IOException e) {
            throw OciException.unavailable(what + ": cannot read " + blob + ": " + e.getMessage(), e);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Manifests.OCI_LAYER_GZIP;
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return Manifests.OCI_LAYER_ZSTD;
        }
        return Manifests.OCI_LAYER;
    }

    /** Every blob of the image was copied among the temporaries while the archive was read. */
    private final class Spooled implements PullSteps.Fetcher {
        private final Map<Digest, Path> blobs;

        Spooled(Map<Digest, Path> blobs) {
            this.blobs = blobs;
        }

        @Override
        public Path manifest(Manifests.Descriptor d, String what) throws OciException {
            return blob(d, what);
        }

        @Override
        public Path blob(Manifests.Descriptor d, String what) throws OciException {
            Path blob = blobs.get(d.digest());
            if (blob == null) {
                throw OciException.invalid(what + ": not in " + file);
            }
            return blob;
        }
    }
}
