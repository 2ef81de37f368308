package dev.portajava.oci;

import dev.portajava.digest.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Layer tars for tests, written with commons-compress, names kept exactly as given. */
final class Tars {

    private static final FileTime TIME = FileTime.fromMillis(1_700_000_000_000L);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream out;

    private Tars(int longFileMode) {
        out = new TarArchiveOutputStream(bytes);
        out.setLongFileMode(longFileMode);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        out.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Long names as PAX headers. */
    static Tars tar() {
        return new Tars(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    /** Long names as GNU {@code ././@LongLink} entries, which may carry a NUL. */
    static Tars gnuTar() {
        return new Tars(TarArchiveOutputStream.LONGFILE_GNU);
    }

    Tars dir(String name) {
        return dir(name, 0755, 0, 0);
    }

    Tars dir(String name, int mode, int uid, int gid) {
        return entry(name, TarConstants.LF_DIR, e -> owned(e, mode, uid, gid), null);
    }

    Tars file(String name, String content) {
        return file(name, content, 0644, 0, 0);
    }

    Tars file(String name, String content, int mode, int uid, int gid) {
        return entry(name, TarConstants.LF_NORMAL, e -> owned(e, mode, uid, gid),
                content.getBytes(StandardCharsets.UTF_8));
    }

    Tars file(String name, byte[] content) {
        return entry(name, TarConstants.LF_NORMAL, e -> owned(e, 0644, 0, 0), content);
    }

    Tars symlink(String name, String target) {
        return entry(name, TarConstants.LF_SYMLINK, e -> {
            owned(e, 0777, 0, 0);
            e.setLinkName(target);
        }, null);
    }

    Tars hardlink(String name, String target) {
        return entry(name, TarConstants.LF_LINK, e -> {
            owned(e, 0644, 0, 0);
            e.setLinkName(target);
        }, null);
    }

    /** An entry of any type; {@code content} null for none. */
    Tars entry(String name, byte type, Consumer<TarArchiveEntry> setup, byte[] content) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setModTime(TIME);
        setup.accept(e);
        e.setSize(content == null ? 0 : content.length);
        try {
            out.putArchiveEntry(e);
            if (content != null) {
                out.write(content);
            }
            out.closeArchiveEntry();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return this;
    }

    private static void owned(TarArchiveEntry e, int mode, int uid, int gid) {
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
    }

    /** The finished tar. */
    byte[] bytes() {
        try {
            out.close();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return bytes.toByteArray();
    }

    byte[] gzip() {
        return gzip(bytes());
    }

    byte[] zstd() {
        return zstd(bytes());
    }

    static byte[] gzip(byte[] data) {
        return compress(data, GzipCompressorOutputStream::new);
    }

    static byte[] zstd(byte[] data) {
        return compress(data, ZstdCompressorOutputStream::new);
    }

    private interface Compressor {
        OutputStream open(OutputStream out) throws IOException;
    }

    private static byte[] compress(byte[] data, Compressor compressor) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = compressor.open(b)) {
            out.write(data);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return b.toByteArray();
    }

    static Digest sha256(byte[] data) {
        var sha = Sha256.digest();
        sha.update(data);
        return Digest.of(sha);
    }

    /** A layer whose blob is {@code blob}, written into {@code cache}'s blobs as a fetched one would be. */
    static Layer layer(CacheDirectory cache, byte[] blob) {
        Digest digest = sha256(blob);
        try {
            Files.createDirectories(cache.blobs());
            Path file = cache.blobs().resolve(digest.hex());
            Files.write(file, blob);
            return new Layer(digest, "application/vnd.oci.image.layer.v1.tar", blob.length, file);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    static PulledImage image(Layer... layers) {
        return new PulledImage("test/image:1", sha256(new byte[] {1}), new ImageConfig("amd64", "linux", null, null,
                null, null, null, null, null, null, null), java.util.List.of(layers));
    }
}
