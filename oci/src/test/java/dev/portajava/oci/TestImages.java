package dev.portajava.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small, real images built in memory: tar layers, configs, manifests and indexes. */
final class TestImages {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestImages() {
    }

    /** A blob with its media type. */
    record Blob(String mediaType, byte[] bytes) {
        Digest digest() {
            return PullSteps.sha256(bytes);
        }

        long size() {
            return bytes.length;
        }

        ObjectNode descriptor() {
            ObjectNode d = JSON.createObjectNode();
            d.put("mediaType", mediaType);
            d.put("digest", digest().toString());
            d.put("size", bytes.length);
            return d;
        }
    }

    /** An image: its manifest, config and layers; {@code uncompressed} are the layers as plain tars. */
    record Image(String architecture, Blob manifest, Blob config, List<Blob> layers, List<byte[]> uncompressed) {
        List<Blob> blobs() {
            List<Blob> all = new ArrayList<>();
            all.add(config);
            all.addAll(layers);
            return all;
        }
    }

    /** A tar holding {@code files} (path → content), each a regular file 0644. */
    static byte[] tar(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(content.length);
                e.setMode(0100644);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] json(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A config for {@code architecture} with these uncompressed layers. */
    static Blob config(String architecture, List<byte[]> uncompressed, String mediaType) {
        ObjectNode root = JSON.createObjectNode();
        root.put("architecture", architecture);
        root.put("os", "linux");
        ObjectNode c = root.putObject("config");
        c.putArray("Entrypoint").add("/usr/bin/app");
        c.putArray("Cmd").add("--serve");
        c.putArray("Env").add("PATH=/usr/bin:/bin").add("MODE=test");
        c.put("WorkingDir", "/srv");
        c.put("User", "1000:1000");
        c.putObject("Volumes").putObject("/data");
        c.putObject("ExposedPorts").putObject("8080/tcp");
        c.putObject("Labels").put("org.example.name", "app");
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        for (byte[] layer : uncompressed) {
            diffIds.add(PullSteps.sha256(layer).toString());
        }
        return new Blob(mediaType, json(root));
    }

    /** A two-layer image; gzipped layers in the Docker media types, else plain tars in the OCI ones. */
    static Image image(String architecture, boolean docker, String marker) {
        List<byte[]> uncompressed = List.of(
                tar(linked("etc/os-release", "ID=test\n", "usr/bin/app", "#!/bin/sh\necho " + architecture + "\n")),
                tar(linked("srv/marker", marker + "\n")));
        List<Blob> layers = new ArrayList<>();
        for (byte[] u : uncompressed) {
            layers.add(docker ? new Blob(Manifests.DOCKER_LAYER_GZIP, gzip(u)) : new Blob(Manifests.OCI_LAYER, u));
        }
        Blob config = config(architecture, uncompressed, docker ? Manifests.DOCKER_CONFIG : Manifests.OCI_CONFIG);
        return new Image(architecture, manifest(docker, config, layers), config, layers, uncompressed);
    }

    static Blob manifest(boolean docker, Blob config, List<Blob> layers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", docker ? Manifests.DOCKER_MANIFEST : Manifests.OCI_MANIFEST);
        root.set("config", config.descriptor());
        ArrayNode array = root.putArray("layers");
        layers.forEach(l -> array.add(l.descriptor()));
        return new Blob(docker ? Manifests.DOCKER_MANIFEST : Manifests.OCI_MANIFEST, json(root));
    }

    /** An index of {@code images}, each with its platform; arm64 ones get variant v8. */
    static Blob index(boolean docker, Image... images) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", docker ? Manifests.DOCKER_LIST : Manifests.OCI_INDEX);
        ArrayNode manifests = root.putArray("manifests");
        for (Image i : images) {
            ObjectNode d = i.manifest().descriptor();
            ObjectNode p = d.putObject("platform");
            p.put("architecture", i.architecture());
            p.put("os", "linux");
            if (i.architecture().equals("arm64")) {
                p.put("variant", "v8");
            }
            manifests.add(d);
        }
        return new Blob(docker ? Manifests.DOCKER_LIST : Manifests.OCI_INDEX, json(root));
    }

    private static Map<String, String> linked(String... pathsAndContents) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            map.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return map;
    }
}
