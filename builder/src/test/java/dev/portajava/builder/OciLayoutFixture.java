package dev.portajava.builder;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Writes OCI image layouts for tests: layers from tar entries described in code, a config, a manifest. */
final class OciLayoutFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tar entry of a layer; {@code pax} its PAX records beyond those commons-compress writes itself. */
    record Entry(String name, byte type, int mode, int uid, int gid, byte[] content, String link,
            Map<String, String> pax) {

        Entry(String name, byte type, int mode, int uid, int gid, byte[] content, String link) {
            this(name, type, mode, uid, gid, content, link, Map.of());
        }

        static Entry dir(String name) {
            return new Entry(name, TarArchiveEntry.LF_DIR, 0755, 0, 0, null, null);
        }

        static Entry file(String name, int mode, String content) {
            return file(name, mode, content.getBytes(StandardCharsets.UTF_8));
        }

        static Entry file(String name, int mode, byte[] content) {
            return new Entry(name, TarArchiveEntry.LF_NORMAL, mode, 0, 0, content, null);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, TarArchiveEntry.LF_SYMLINK, 0777, 0, 0, null, target);
        }

        Entry owner(int uid, int gid) {
            return new Entry(name, type, mode, uid, gid, content, link, pax);
        }

        /** This entry with an xattr: a {@code SCHILY.xattr.NAME} record (its value ASCII or below 0x80). */
        Entry xattr(String xattr, String value) {
            Map<String, String> more = new java.util.TreeMap<>(pax);
            more.put("SCHILY.xattr." + xattr, value);
            return new Entry(name, type, mode, uid, gid, content, link, more);
        }
    }

    private final Path layout;
    private final List<Map<String, Object>> layers = new ArrayList<>();
    private final List<String> diffIds = new ArrayList<>();

    OciLayoutFixture(Path layout) {
        this.layout = layout;
    }

    OciLayoutFixture layer(Entry... entries) {
        try {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Entry e : entries) {
                    TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type());
                    entry.setMode(e.mode());
                    entry.setIds(e.uid(), e.gid());
                    if (e.link() != null) {
                        entry.setLinkName(e.link());
                    }
                    e.pax().forEach(entry::addPaxHeader);
                    byte[] content = e.content() == null ? new byte[0] : e.content();
                    if (e.type() == TarArchiveEntry.LF_NORMAL) {
                        entry.setSize(content.length);
                    }
                    out.putArchiveEntry(entry);
                    if (e.type() == TarArchiveEntry.LF_NORMAL) {
                        out.write(content);
                    }
                    out.closeArchiveEntry();
                }
            }
            return layer(tar.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A layer of a tar written elsewhere (by GNU tar, say). */
    OciLayoutFixture layer(byte[] tar) {
        try {
            diffIds.add("sha256:" + sha256(tar));
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GzipCompressorOutputStream out = new GzipCompressorOutputStream(gz)) {
                out.write(tar);
            }
            layers.add(blob("application/vnd.oci.image.layer.v1.tar+gzip", gz.toByteArray()));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the config ({@code config} holds Entrypoint, Cmd, Env …), the manifest and the index. */
    Path write(Map<String, Object> config) {
        try {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("architecture", "amd64");
            image.put("os", "linux");
            image.put("config", config);
            image.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
            Map<String, Object> configBlob = blob("application/vnd.oci.image.config.v1+json", JSON.writeValueAsBytes(image));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.put("config", configBlob);
            manifest.put("layers", layers);
            Map<String, Object> manifestBlob = new LinkedHashMap<>(
                    blob("application/vnd.oci.image.manifest.v1+json", JSON.writeValueAsBytes(manifest)));
            manifestBlob.put("annotations", Map.of("org.opencontainers.image.ref.name", "test"));
            Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
                    "mediaType", "application/vnd.oci.image.index.v1+json", "manifests", List.of(manifestBlob))));
            return layout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> blob(String mediaType, byte[] content) throws IOException {
        String hex = sha256(content);
        Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
        Files.write(blobs.resolve(hex), content);
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", "sha256:" + hex);
        descriptor.put("size", content.length);
        return descriptor;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
