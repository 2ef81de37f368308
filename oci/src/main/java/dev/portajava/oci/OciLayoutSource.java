package dev.portajava.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OCI image layout directory ({@code oci:DIR} or {@code oci:DIR:REF}): {@code oci-layout}, {@code index.json}
 * and {@code blobs/sha256/HEX}. Nothing of it is kept in the cache but its unpacked layers, as the layout is there
 * for the next build too: manifests and the config are copied among the build's temporaries, and so verified, before
 * they are read; layers are unpacked from the layout itself, their size and digest checked as they are read.
 */
final class OciLayoutSource implements ImageSource {

    static final String PREFIX = "oci:";

    private final String reference;
    private final Path dir;
    private final Optional<String> ref;
    private final SourceOptions options;

    private OciLayoutSource(String reference, Path dir, Optional<String> ref, SourceOptions options) {
        this.reference = reference;
        this.dir = dir;
        this.ref = ref;
        this.options = options;
    }

    /** {@code oci:DIR[:REF]}: DIR ends at the first colon, as skopeo reads it. */
    static OciLayoutSource parse(String reference, SourceOptions options) throws OciException {
        TransportReference parsed = TransportReference.parse(reference, PREFIX, "directory", "oci:DIR or oci:DIR:REF");
        return new OciLayoutSource(reference, parsed.path(), parsed.suffix(), options);
    }

    Path directory() {
        return dir;
    }

    Optional<String> ref() {
        return ref;
    }

    @Override
    public String reference() {
        return reference;
    }

    @Override
    public Optional<Path> localPath() {
        return Optional.of(dir);
    }

    @Override
    public PulledImage pull(BlobCache cache) throws OciException {
        if (!Files.isDirectory(dir)) {
            throw OciException.invalid(reference + ": " + dir + " is not a directory");
        }
        Path layoutFile = dir.resolve("oci-layout");
        JsonNode layout = Manifests.readTree(bytesOf(layoutFile, 64 * 1024, reference + ": " + layoutFile
                + " is missing: not an OCI image layout"), layoutFile.toString());
        String version = Manifests.text(layout, "imageLayoutVersion", layoutFile.toString());
        if (!version.startsWith("1.")) {
            throw OciException.invalid(layoutFile + ": imageLayoutVersion '" + version + "', expected 1.x");
        }
        Path indexFile = dir.resolve("index.json");
        byte[] indexBytes = bytesOf(indexFile, Manifests.MAX_MANIFEST, reference + ": " + indexFile + " is missing");
        Manifests.Parsed parsed = Manifests.parse(indexBytes, Manifests.OCI_INDEX, indexFile.toString());
        if (!(parsed instanceof Manifests.Index index)) {
            throw OciException.invalid(indexFile + ": not an image index");
        }
        Manifests.Descriptor chosen = choose(index, indexFile);
        Fetcher fetcher = new Fetcher(cache);
        String what = "manifest " + chosen.digest() + " of " + reference;
        if (chosen.size() > Manifests.MAX_MANIFEST) {
            throw OciException.invalid(what + ": " + chosen.size() + " bytes, more than the "
                    + Manifests.MAX_MANIFEST + " accepted");
        }
        byte[] bytes = PullSteps.read(fetcher.manifest(chosen, what), Manifests.MAX_MANIFEST, what);
        Manifests.Parsed top = Manifests.parse(bytes, chosen.mediaType(), what);
        return PullSteps.finish(reference, chosen.digest(), top, fetcher, options.architecture());
    }

    private Manifests.Descriptor choose(Manifests.Index index, Path indexFile) throws OciException {
        List<Manifests.Descriptor> all = index.manifests();
        if (all.isEmpty()) {
            throw OciException.invalid(indexFile + ": no manifests");
        }
        List<String> names = new ArrayList<>();
        for (Manifests.Descriptor d : all) {
            String name = d.annotations().get(Manifests.REF_NAME);
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        List<Manifests.Descriptor> candidates;
        if (ref.isPresent()) {
            candidates = all.stream().filter(d -> ref.get().equals(d.annotations().get(Manifests.REF_NAME)))
                    .toList();
            if (candidates.isEmpty()) {
                throw OciException.invalid(reference + ": no manifest named '" + ref.get() + "' in " + indexFile
                        + (names.isEmpty() ? " (it names none)" : " (it has: " + String.join(", ", names) + ")"));
            }
        } else {
            candidates = all;
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.stream().allMatch(d -> d.platform() != null)) {
            return Manifests.selectPlatform(new Manifests.Index(candidates), options.architecture(), reference);
        }
        throw OciException.invalid(reference + ": " + indexFile + " has " + candidates.size() + " manifests;"
                + (names.isEmpty() ? " none is named" : " name one as oci:DIR:REF, REF one of: "
                + String.join(", ", names)));
    }

    /** A small file of the layout, not a symbolic link. */
    private static byte[] bytesOf(Path file, int max, String missing) throws OciException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                throw OciException.invalid(file + ": not a regular file");
            }
            if (a.size() > max) {
                throw OciException.invalid(file + ": " + a.size() + " bytes, more than the " + max + " accepted");
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return Manifests.readBounded(in, max, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw OciException.invalid(missing);
        } catch (IOException e) {
            throw OciException.unavailable(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private final class Fetcher implements PullSteps.Fetcher {
        private final BlobCache cache;

        Fetcher(BlobCache cache) {
            this.cache = cache;
        }

        @Override
        public Path manifest(Manifests.Descriptor d, String what) throws OciException {
            return blob(d, what);
        }

        @Override
        public Path blob(Manifests.Descriptor d, String what) throws OciException {
            Optional<Path> cached = PullSteps.cached(cache, d, what);
            if (cached.isPresent()) {
                return cached.get();
            }
            Path file = file(d, what);
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return cache.spool(d.digest(), d.size(), in, what).path();
            } catch (IOException e) {
                throw OciException.unavailable(what + ": cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        /** A layer is read where the layout has it, not copied: the layout is there for the next build too. */
        @Override
        public Path layer(Manifests.Descriptor d, String what) throws OciException {
            Optional<Path> cached = PullSteps.cached(cache, d, what);
            return cached.isPresent() ? cached.get() : file(d, what);
        }

        /** The layout's file of {@code d}: a regular file inside the layout, reached through no link. */
        private Path file(Manifests.Descriptor d, String what) throws OciException {
            Path blobs = dir.resolve("blobs");
            Path algorithm = blobs.resolve("sha256");
            Path file = algorithm.resolve(d.digest().hex());
            try {
                for (Path parent : List.of(blobs, algorithm)) {
                    BasicFileAttributes a = Files.readAttributes(parent, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (!a.isDirectory()) {
                        throw OciException.invalid(what + ": " + parent + " is "
                                + (a.isSymbolicLink() ? "a symbolic link" : "not a directory") + "; refused");
                    }
                }
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (a.isSymbolicLink()) {
                    throw OciException.invalid(what + ": " + file + " is a symbolic link; refused");
                }
                if (!a.isRegularFile()) {
                    throw OciException.invalid(what + ": " + file + " is not a regular file");
                }
                if (d.size() >= 0 && a.size() != d.size()) {
                    throw OciException.invalid(what + ": " + file + " has " + a.size() + " bytes, expected "
                            + d.size());
                }
                if (!file.toRealPath().startsWith(dir.toRealPath())) {
                    throw OciException.invalid(what + ": " + file + " is outside " + dir + "; refused");
                }
            } catch (NoSuchFileException e) {
                if (!d.urls().isEmpty()) {
                    throw Manifests.foreignLayer(d, what);
                }
                throw OciException.invalid(what + ": " + file + " is missing");
            } catch (IOException e) {
                throw OciException.unavailable(what + ": cannot read " + file + ": " + e.getMessage(), e);
            }
            return file;
        }
    }
}
