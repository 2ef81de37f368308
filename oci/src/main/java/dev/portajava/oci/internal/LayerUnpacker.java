package dev.portajava.oci.internal;

import dev.portajava.digest.Sha256;
import dev.portajava.oci.CacheDirectory;
import dev.portajava.oci.Digest;
import dev.portajava.oci.HostileLayerException;
import dev.portajava.oci.InvalidSourceException;
import dev.portajava.oci.Layer;
import dev.portajava.oci.LayerPolicy;
import dev.portajava.oci.OciException;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.Xattrs;
import java.io.BufferedInputStream;
import dev.portajava.work.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Unpacks a layer blob into the cache, once: its entries, checked, into an index under
 * {@link CacheDirectory#layers()}{@code /HEX/index}, its file contents into the content store
 * {@link CacheDirectory#files()}{@code /HEX} (the SHA-256 of the content), shared by every layer that has them.
 *
 * <p>Nothing in a layer names a host path: the cache's files are named by digests only. The layer is unpacked in a
 * directory under {@link CacheDirectory#tmp()} (its index and its new contents) and published only once the whole
 * tar was read and accepted: contents into the store, then the directory renamed into {@code layers/}. A refused,
 * corrupt or interrupted layer leaves nothing in {@code layers/} nor {@code files/}. A layer refused later, when
 * applied on the layers below it, is removed from {@code layers/} then ({@link #refused}); the contents it published
 * stay in {@code files/}, which other layers may share.
 *
 * <p>What is unpacked does not depend on the policy's setuid choice; the policy's limits are checked while
 * unpacking (so a hostile layer cannot fill the disk) and again on a cached index (a stricter policy still applies).
 */
public final class LayerUnpacker {

    private static final String INDEX = "index";
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final String WHITEOUT_META = ".wh..wh.";
    /** The most a layer may have after the end of its tar: padding, which is less than one 10 KiB tar record. */
    private static final long MAX_TRAILING = 1 << 20;

    private final CacheDirectory cache;
    private final LayerPolicy policy;
    private final LongAdder entriesRead = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();

    public LayerUnpacker(CacheDirectory cache, LayerPolicy policy) {
        this.cache = cache;
        this.policy = policy;
    }

    /**
     * The tar entries of the layers this unpacker has read so far, those of layers refused or read again included:
     * for a progress display, from any thread.
     */
    public long entriesRead() {
        return entriesRead.sum();
    }

    /** The bytes of the regular files among {@link #entriesRead}. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** The index of {@code layer}: read from the cache when it was unpacked before, else unpacked now. */
    public LayerIndex index(Layer layer) throws OciException {
        Path dir = cache.layers().resolve(layer.digest().hex());
        if (Files.isDirectory(dir)) {
            LayerIndex index = null;
            try {
                index = LayerIndex.read(dir.resolve(INDEX), layer.digest());
            } catch (IOException e) {
                // unusable (damaged, or written by another version): unpacked again below
            }
            if (index != null && contentsPresent(index)) {
                checkLimits(layer.digest(), index);
                return index;
            }
            discard(dir);
        }
        return unpack(layer, null);
    }

    /**
     * The index of {@code layer}, unpacked from {@code arriving} as its blob downloads: a stream that ends only once
     * the whole blob is in the cache, verified (see {@link dev.portajava.oci.LayerArrivals}). Nothing is published
     * before that end. When the layer was unpacked before, the stream is closed unread.
     */
    public LayerIndex index(Layer layer, InputStream arriving) throws OciException {
        try (arriving) {
            Path dir = cache.layers().resolve(layer.digest().hex());
            if (Files.isDirectory(dir)) {
                return index(layer);
            }
            return unpack(layer, arriving);
        } catch (IOException e) {
            throw cacheFailure(layer, e);
        }
    }

    private boolean contentsPresent(LayerIndex index) {
        Set<String> seen = new HashSet<>();
        for (LayerEntry e : index.entries()) {
            if (e.content() != null && seen.add(e.content())
                    && !Files.isRegularFile(cache.files().resolve(e.content()))) {
                return false;
            }
        }
        return true;
    }

    private void checkLimits(Digest layer, LayerIndex index) throws HostileLayerException {
        List<LayerEntry> entries = index.entries();
        if (index.tarEntries() > policy.maxEntries()) {
            String name = entries.isEmpty() ? ""
                    : entries.get((int) Math.min(policy.maxEntries(), entries.size() - 1)).name();
            throw tooManyEntries(layer, name);
        }
        long total = 0;
        for (LayerEntry e : entries) {
            if (e.type() == LayerEntry.Type.FILE) {
                checkFileSize(layer, e.name(), e.size(), total);
                total += e.size();
            }
        }
    }

    private HostileLayerException tooManyEntries(Digest layer, String name) {
        return new HostileLayerException(layer, name, "the layer has more than " + policy.maxEntries() + " entries");
    }

    private void checkFileSize(Digest layer, String name, long size, long totalBefore) throws HostileLayerException {
        if (size > policy.maxFileSize()) {
            throw new HostileLayerException(layer, name, "the file has " + size + " bytes, more than the "
                    + policy.maxFileSize() + " a file may have");
        }
        if (size > policy.maxTotalSize() - totalBefore) {
            throw new HostileLayerException(layer, name, "the layer's files add up to more than "
                    + policy.maxTotalSize() + " bytes");
        }
    }

    /** Unpacks {@code layer} from {@code arriving}, or from its blob file when that is null. */
    private LayerIndex unpack(Layer layer, InputStream arriving) throws OciException {
        Path work;
        try {
            Files.createDirectories(cache.tmp());
            work = Files.createTempDirectory(cache.tmp(), "layer-" + layer.digest().hex().substring(0, 12) + "-");
        } catch (IOException e) {
            throw cacheFailure(layer, e);
        }
        boolean published = false;
        try {
            Path staged = work.resolve("content");
            Files.createDirectory(staged);
            LayerIndex index = new Reader(layer, staged, arriving).read();
            index.write(work.resolve(INDEX), layer.digest());
            publishContents(staged);
            Files.delete(staged);
            Files.createDirectories(cache.layers());
            Path dir = cache.layers().resolve(layer.digest().hex());
            try {
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
                published = true;
            } catch (IOException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
                // another build unpacked the same layer meanwhile: its index says what this one says
            }
            return index;
        } catch (InvalidSourceException e) {
            if (arriving == null) {
                // (an arriving blob is not in place yet, or is another attempt's, which is read again)
                forget(layer);
            }
            throw e;
        } catch (IOException e) {
            throw cacheFailure(layer, e);
        } finally {
            if (!published) {
                deleteQuietly(work);
            }
        }
    }

    /**
     * Removes from the cache what unpacking {@code layer} published, once the layer was refused when applied on the
     * layers below it (a hard link to what is not a regular file of the image, a parent that is not a directory, a
     * setuid file the policy refuses): its index, so that nothing in {@code layers/} tells it was accepted, and its
     * blob, as for a layer refused while unpacking. The contents it shares with other layers stay in
     * {@code files/}.
     */
    public void refused(Layer layer) throws OciException {
        Path dir = cache.layers().resolve(layer.digest().hex());
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            discard(dir);
        }
        forget(layer);
    }

    /** Whether the cache wrote {@code blob}, and so checked its size and digest. */
    private boolean verified(Path blob) {
        return blob.toAbsolutePath().normalize().startsWith(cache.root().toAbsolutePath().normalize());
    }

    /** Removes the blob of a refused layer from the cache: it is refused again whenever it comes. */
    private void forget(Layer layer) {
        Path blob = layer.blob().toAbsolutePath().normalize();
        if (blob.startsWith(cache.blobs().toAbsolutePath().normalize())) {
            try {
                Files.deleteIfExists(blob);
            } catch (IOException e) {
                // a verified blob left in the cache: harmless, pruned with it
            }
        }
    }

    /** Moves each staged content into the store, read-only, unless the store has it already. */
    private void publishContents(Path staged) throws IOException {
        Files.createDirectories(cache.files());
        try (DirectoryStream<Path> contents = Files.newDirectoryStream(staged)) {
            for (Path content : contents) {
                Path target = cache.files().resolve(content.getFileName().toString());
                if (Files.exists(target)) {
                    Files.delete(content);
                    continue;
                }
                PosixFileAttributeView posix = Files.getFileAttributeView(content, PosixFileAttributeView.class);
                if (posix != null) {
                    posix.setPermissions(PosixFilePermissions.fromString("r--r--r--"));
                }
                Files.move(content, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private void discard(Path dir) throws OciException {
        try {
            Files.createDirectories(cache.tmp());
            Path aside = Files.createTempDirectory(cache.tmp(), "discard-");
            Files.move(dir, aside.resolve("layer"), StandardCopyOption.ATOMIC_MOVE);
            FileTrees.delete(aside);
        } catch (IOException e) {
            throw OciException.unavailable("cannot remove the damaged unpacked layer " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    private static OciException cacheFailure(Layer layer, IOException e) {
        return OciException.unavailable("cannot unpack layer " + layer.digest() + " into the cache: " + e, e);
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            // left in tmp/, which is never read as cache content
        }
    }

    /** Reads one layer's tar, writing the contents of its files into {@code staged}, named by their digests. */
    private final class Reader {

        private final Layer layer;
        private final Digest digest;
        private final Path staged;
        private final InputStream arriving;
        private final Map<String, LayerEntry> seen = new HashMap<>();
        private final List<LayerEntry> entries = new ArrayList<>();
        private final byte[] buffer = new byte[1 << 16];
        private long count;
        private long total;

        Reader(Layer layer, Path staged, InputStream arriving) {
            this.layer = layer;
            this.digest = layer.digest();
            this.staged = staged;
            this.arriving = arriving;
        }

        LayerIndex read() throws OciException, IOException {
            InputStream blob = arriving;
            if (blob == null) {
                try {
                    blob = Files.newInputStream(layer.blob(), LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    throw OciException.unavailable("layer " + digest + ": its blob " + layer.blob() + " is missing",
                            e);
                }
            }
            long limit = layer.size() < 0 ? Long.MAX_VALUE : layer.size();
            // the digest of a blob the cache wrote, or is writing, was or will be checked by the cache
            boolean checked = arriving != null || verified(layer.blob());
            try (HashingInputStream in = checked ? HashingInputStream.counting(blob, limit)
                        : new HashingInputStream(blob, limit);
                    HashingInputStream uncompressed = new HashingInputStream(decompress(in));
                    RawNameTarInputStream tar = new RawNameTarInputStream(uncompressed)) {
                while (true) {
                    TarArchiveEntry e;
                    try {
                        e = tar.getNextEntry();
                    } catch (IOException | RuntimeException x) {
                        throw corrupt(null, x);
                    }
                    if (e == null) {
                        break;
                    }
                    entry(e, tar);
                    entriesRead.increment();
                    bytesRead.add(e.isFile() ? e.getSize() : 0);
                }
                // the rest (the tar's padding), so that the diff ID covers it all and a compressed stream's
                // checksum is checked
                long trailing;
                try {
                    trailing = uncompressed.skipToEnd(MAX_TRAILING);
                } catch (IOException | RuntimeException x) {
                    throw corrupt(null, x);
                }
                if (trailing > MAX_TRAILING) {
                    throw OciException.invalid("layer " + digest + " has more than " + MAX_TRAILING
                            + " bytes after the end of its tar");
                }
                checkBlob(in);
                return new LayerIndex(uncompressed.digest(), count, entries);
            }
        }

        /**
         * Checks the size and digest of a blob the cache did not write (a layout's file): all of it was read, what
         * the decompressor did not need included.
         */
        private void checkBlob(HashingInputStream in) throws OciException {
            if (arriving != null) {
                // its end comes once the cache has the whole blob and has checked it, or a failure does
                try {
                    in.skipToEnd(Long.MAX_VALUE - 1);
                } catch (IOException | RuntimeException x) {
                    throw OciException.unavailable("layer " + digest + ": " + x.getMessage(), x);
                }
                return;
            }
            if (verified(layer.blob())) {
                return;
            }
            try {
                in.skipToEnd(Math.max(0, layer.size() - in.count()));
            } catch (IOException | RuntimeException x) {
                throw corrupt(null, x);
            }
            if (layer.size() >= 0 && in.count() != layer.size()) {
                throw OciException.invalid("layer " + digest + ": its blob " + layer.blob() + " has " + in.count()
                        + " bytes, expected " + layer.size());
            }
            Digest actual = in.digest();
            if (!actual.equals(digest)) {
                throw OciException.invalid("layer " + digest + ": its blob " + layer.blob() + " has digest " + actual);
            }
        }

        private InputStream decompress(InputStream blob) throws OciException {
            BufferedInputStream in = new BufferedInputStream(blob, 1 << 16);
            try {
                in.mark(4);
                byte[] magic = in.readNBytes(4);
                in.reset();
                if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                    return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
                }
                if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                        && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
                    try {
                        return new ZstdCompressorInputStream(in);
                    } catch (LinkageError x) {
                        throw OciException.unavailable("layer " + digest + " is zstd-compressed, and zstd is not"
                                + " available on this platform: " + x.getMessage(), null);
                    }
                }
                return in;
            } catch (IOException | RuntimeException x) {
                throw corrupt(null, x);
            }
        }

        /** The layer cannot be read: {@code name} is the entry being read, or null between entries. */
        private OciException corrupt(String name, Exception x) {
            String detail = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
            return OciException.invalid("layer " + digest
                    + (name == null ? "" : ": entry '" + ControlCharacters.escapedUnambiguously(name) + "'")
                    + ": not a readable tar (truncated or corrupt): "
                    + ControlCharacters.escapedUnambiguously(detail), x);
        }

        private HostileLayerException hostile(String name, String problem) {
            return new HostileLayerException(digest, name, problem);
        }

        private void entry(TarArchiveEntry e, RawNameTarInputStream tar) throws OciException, IOException {
            String name = tar.name(e);
            if (!e.isCheckSumOK()) {
                throw corrupt(name, new IOException("the header's checksum is wrong"));
            }
            if (++count > policy.maxEntries()) {
                throw tooManyEntries(digest, name);
            }
            List<String> components;
            try {
                components = EntryNames.components(name);
            } catch (IllegalArgumentException x) {
                throw hostile(name, x.getMessage());
            }
            LayerEntry.Type type = type(e, name);
            if (components.isEmpty()) {
                if (type == LayerEntry.Type.DIRECTORY) {
                    return; // the root: its metadata is not the image's to set
                }
                throw hostile(name, "the name is empty");
            }
            int last = components.size() - 1;
            for (int i = 0; i < last; i++) {
                if (components.get(i).startsWith(WHITEOUT)) {
                    throw hostile(name, "a whiteout name is used as a directory");
                }
            }
            String path = String.join("/", components);
            String base = components.get(last);
            String parent = EntryNames.join(components, 0, last);
            if ((type != LayerEntry.Type.FILE || base.startsWith(WHITEOUT)) && e.getSize() > 0) {
                // data nothing keeps, read past all the same: it counts towards the layer's size
                if (e.getSize() > policy.maxTotalSize() - total) {
                    throw hostile(name, "the layer's entries add up to more than " + policy.maxTotalSize() + " bytes");
                }
                total += e.getSize();
            }
            if (base.startsWith(WHITEOUT)) {
                if (base.equals(OPAQUE)) {
                    add(name, path, new LayerEntry(LayerEntry.Type.OPAQUE, parent, name, 0, 0, 0, "", 0, null,
                            Xattrs.NONE));
                } else if (!base.startsWith(WHITEOUT_META)) {
                    String hidden = base.substring(WHITEOUT.length());
                    if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                        throw hostile(name, "the whiteout does not name an entry");
                    }
                    String removed = parent.isEmpty() ? hidden : parent + "/" + hidden;
                    add(name, path, new LayerEntry(LayerEntry.Type.WHITEOUT, removed, name, 0, 0, 0, "", 0, null,
                            Xattrs.NONE));
                }
                // other .wh..wh. names are aufs metadata, never part of the image
                return;
            }
            int mode = e.getMode() & 07777;
            int uid = id(name, "owner", e.getLongUserId());
            int gid = id(name, "group", e.getLongGroupId());
            // a hard link is another name of an earlier file: its xattrs are that file's
            Xattrs xattrs = type == LayerEntry.Type.HARDLINK ? Xattrs.NONE : xattrs(name, tar);
            switch (type) {
                case DIRECTORY -> add(name, path, new LayerEntry(type, path, name, mode, uid, gid, "", 0, null,
                        xattrs));
                case SYMLINK -> {
                    String link = tar.linkName(e);
                    String problem = EntryNames.symlinkTargetProblem(link);
                    if (problem != null) {
                        throw hostile(name, problem);
                    }
                    String target = EntryNames.neutralisedTarget(link, components.subList(0, last));
                    add(name, path, new LayerEntry(type, path, name, mode, uid, gid, target, 0, null, xattrs));
                }
                case HARDLINK -> {
                    String target = tar.linkName(e);
                    List<String> targetComponents;
                    try {
                        targetComponents = EntryNames.components(target);
                    } catch (IllegalArgumentException x) {
                        throw hostile(name, "the hard link's target '" + ControlCharacters.escapedUnambiguously(target)
                                + "' is refused: "
                                + x.getMessage());
                    }
                    if (targetComponents.isEmpty()) {
                        throw hostile(name, "the hard link has no target");
                    }
                    add(name, path, new LayerEntry(type, path, name, mode, uid, gid,
                            String.join("/", targetComponents), 0, null, Xattrs.NONE));
                }
                case FILE -> {
                    long size = e.getSize();
                    checkFileSize(digest, name, size, total);
                    // checked before the content is read, so that a collision refuses the layer at once
                    checkCollision(name, path, type, mode, uid, gid);
                    total += size;
                    String content = store(name, size, tar);
                    add(name, path, new LayerEntry(type, path, name, mode, uid, gid, "", size, content, xattrs));
                }
                default -> throw new IllegalStateException(type.toString());
            }
        }

        /**
         * The entry's extended attributes in the namespaces an image holds (user., trusted., security.); others,
         * such as system.posix_acl_access, are left out, as mksquashfs leaves them out.
         */
        private Xattrs xattrs(String name, RawNameTarInputStream tar) throws HostileLayerException {
            Xattrs xattrs = Xattrs.NONE;
            for (Map.Entry<String, byte[]> xattr : tar.xattrs().entrySet()) {
                if (Xattrs.inSupportedNamespace(xattr.getKey())) {
                    try {
                        xattrs = xattrs.with(xattr.getKey(), xattr.getValue());
                    } catch (IllegalArgumentException x) {
                        throw hostile(name, x.getMessage());
                    }
                }
            }
            return xattrs;
        }

        private LayerEntry.Type type(TarArchiveEntry e, String name) throws HostileLayerException {
            if (e.isSparse()) {
                throw hostile(name, "sparse files are not supported");
            }
            byte flag = e.getLinkFlag();
            switch (flag) {
                case TarConstants.LF_DIR:
                    return LayerEntry.Type.DIRECTORY;
                case TarConstants.LF_NORMAL:
                case TarConstants.LF_OLDNORM:
                case TarConstants.LF_CONTIG:
                    return name.endsWith("/") ? LayerEntry.Type.DIRECTORY : LayerEntry.Type.FILE;
                case TarConstants.LF_SYMLINK:
                    return LayerEntry.Type.SYMLINK;
                case TarConstants.LF_LINK:
                    return LayerEntry.Type.HARDLINK;
                case TarConstants.LF_CHR:
                    throw hostile(name, "it is a character device: device nodes are not allowed in a portable image");
                case TarConstants.LF_BLK:
                    throw hostile(name, "it is a block device: device nodes are not allowed in a portable image");
                case TarConstants.LF_FIFO:
                    throw hostile(name, "it is a FIFO: device nodes, FIFOs and sockets are not allowed in a portable"
                            + " image");
                default:
                    throw hostile(name, "its tar entry type '"
                            + ControlCharacters.escapedUnambiguously(String.valueOf((char) flag))
                            + "' is not supported");
            }
        }

        private int id(String name, String what, long id) throws HostileLayerException {
            if (id < 0 || id > Integer.MAX_VALUE) {
                throw hostile(name, "its " + what + " " + id + " is out of range (0 to " + Integer.MAX_VALUE + ")");
            }
            return (int) id;
        }

        private void checkCollision(String name, String key, LayerEntry.Type type, int mode, int uid, int gid)
                throws HostileLayerException {
            LayerEntry earlier = seen.get(key);
            if (earlier == null) {
                return;
            }
            boolean sameDirectory = type == LayerEntry.Type.DIRECTORY && earlier.type() == LayerEntry.Type.DIRECTORY
                    && earlier.mode() == mode && earlier.uid() == uid && earlier.gid() == gid;
            if (!sameDirectory) {
                throw hostile(name, "it collides with the earlier entry '"
                        + ControlCharacters.escapedUnambiguously(earlier.name())
                        + "' of the layer");
            }
        }

        /** Records an entry whose (normalised) name is {@code key}, refusing a second entry of that name. */
        private void add(String name, String key, LayerEntry entry) throws HostileLayerException {
            LayerEntry earlier = seen.get(key);
            if (earlier != null) {
                checkCollision(name, key, entry.type(), entry.mode(), entry.uid(), entry.gid());
                return; // the same directory again
            }
            seen.put(key, entry);
            entries.add(entry);
        }

        /** Copies the current entry's content into {@code staged}; its digest. */
        private String store(String name, long size, RawNameTarInputStream tar) throws OciException, IOException {
            MessageDigest sha256 = Sha256.digest();
            Path part = staged.resolve("part");
            long read = 0;
            try (OutputStream out = Files.newOutputStream(part)) {
                while (true) {
                    int n;
                    try {
                        n = tar.read(buffer);
                    } catch (IOException | RuntimeException x) {
                        throw corrupt(name, x);
                    }
                    if (n < 0) {
                        break;
                    }
                    read += n;
                    if (read > size) {
                        break;
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (read != size) {
                throw OciException.invalid("layer " + digest + ": entry '"
                        + ControlCharacters.escapedUnambiguously(name) + "' has " + read
                        + " bytes where its header says " + size
                        + " (truncated or corrupt)");
            }
            String hex = Digest.of(sha256).hex();
            Path content = staged.resolve(hex);
            if (Files.exists(content)) {
                Files.delete(part);
            } else {
                Files.move(part, content);
            }
            return hex;
        }
    }
}
