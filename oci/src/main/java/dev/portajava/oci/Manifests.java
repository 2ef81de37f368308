package dev.portajava.oci;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portajava.text.ControlCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Image manifests, indexes and configs as JSON: reading them strictly, picking a platform, checking them. */
final class Manifests {

    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /** What a registry is asked for: every manifest kind portajava reads. */
    static final String ACCEPT = String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

    /** Manifests are small; the distribution specification lets registries refuse those above 4 MiB. */
    static final int MAX_MANIFEST = 4 << 20;

    /** The largest config blob read. */
    static final long MAX_CONFIG = 64L << 20;

    static final String REF_NAME = "org.opencontainers.image.ref.name";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Manifests() {
    }

    static ObjectMapper json() {
        return JSON;
    }

    record Platform(String os, String architecture, String variant) {
        @Override
        public String toString() {
            return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
        }
    }

    record Descriptor(String mediaType, Digest digest, long size, List<String> urls, Map<String, String> annotations,
            Platform platform) {

        boolean isIndex() {
            return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
        }

        boolean isManifest() {
            return mediaType.equals(OCI_MANIFEST) || mediaType.equals(DOCKER_MANIFEST);
        }
    }

    /** A manifest or an index. */
    sealed interface Parsed permits Index, ImageManifest {
    }

    record Index(List<Descriptor> manifests) implements Parsed {
    }

    record ImageManifest(Descriptor config, List<Descriptor> layers) implements Parsed {
    }

    static JsonNode readTree(byte[] bytes, String what) throws OciException {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw OciException.invalid(what + ": not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw OciException.invalid(what + ": not valid JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw OciException.invalid(what + ": not valid JSON: " + oneLine(e.getMessage()));
        }
    }

    static JsonNode readTree(Path file, long maxSize, String what) throws OciException {
        try {
            long size = Files.size(file);
            if (size > maxSize) {
                throw OciException.invalid(what + ": " + size + " bytes, more than the " + maxSize + " accepted");
            }
            return readTree(Files.readAllBytes(file), what);
        } catch (IOException e) {
            throw OciException.unavailable(what + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] readBounded(InputStream in, int max, String what) throws IOException, OciException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw OciException.invalid(what + ": more than " + max + " bytes; refused");
        }
        return bytes;
    }

    /**
     * Reads a manifest or an index. The kind is the JSON's {@code mediaType}, else {@code contentType} (what the
     * registry said it sent), else what the document holds.
     */
    static Parsed parse(byte[] bytes, String contentType, String what) throws OciException {
        JsonNode root = readTree(bytes, what);
        JsonNode schemaVersion = root.get("schemaVersion");
        String mediaType = text(root, "mediaType", what);
        String type = !mediaType.isEmpty() ? mediaType : contentType == null ? "" : stripParameters(contentType);
        if ((schemaVersion != null && schemaVersion.asInt() == 1) || type.equals(DOCKER_SCHEMA1)
                || type.equals(DOCKER_SCHEMA1_SIGNED)) {
            throw OciException.invalid(what + ": a Docker schema 1 manifest, which is obsolete and not supported;"
                    + " push the image again with a current Docker or another current tool");
        }
        if (schemaVersion == null || schemaVersion.asInt() != 2) {
            throw OciException.invalid(what + ": schemaVersion is " + schemaVersion + ", expected 2");
        }
        boolean index;
        if (type.equals(OCI_INDEX) || type.equals(DOCKER_LIST)) {
            index = true;
        } else if (type.equals(OCI_MANIFEST) || type.equals(DOCKER_MANIFEST)) {
            index = false;
        } else if (type.isEmpty() || type.equals("application/json")) {
            if (root.has("manifests") == root.has("layers")) {
                throw OciException.invalid(what + ": neither an image manifest nor an image index");
            }
            index = root.has("manifests");
        } else {
            throw OciException.invalid(what + ": media type " + type + " is not an image manifest or index");
        }
        if (index) {
            List<Descriptor> manifests = new ArrayList<>();
            for (JsonNode m : array(root, "manifests", true, what)) {
                manifests.add(descriptor(m, what + ": manifests[" + manifests.size() + "]"));
            }
            return new Index(manifests);
        }
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
            throw OciException.invalid(what + ": no config descriptor");
        }
        Descriptor configDescriptor = descriptor(config, what + ": config");
        if (!configDescriptor.mediaType().equals(OCI_CONFIG) && !configDescriptor.mediaType().equals(DOCKER_CONFIG)) {
            throw OciException.invalid(what + ": config media type '" + configDescriptor.mediaType()
                    + "' is not a container image's (an artifact, not an image?)");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : array(root, "layers", true, what)) {
            layers.add(descriptor(l, what + ": layers[" + layers.size() + "]"));
        }
        return new ImageManifest(configDescriptor, layers);
    }

    static Descriptor descriptor(JsonNode node, String what) throws OciException {
        if (!node.isObject()) {
            throw OciException.invalid(what + ": not a descriptor object");
        }
        String mediaType = text(node, "mediaType", what);
        String digestText = text(node, "digest", what);
        Digest digest;
        try {
            digest = Digest.parse(digestText);
        } catch (IllegalArgumentException e) {
            throw OciException.invalid(what + ": digest '" + ControlCharacters.escapedUnambiguously(digestText)
                    + "' is not sha256:<64 hex digits> (only sha256 is supported)");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
            throw OciException.invalid(what + ": no valid size");
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode u : array(node, "urls", false, what)) {
            urls.add(u.asText());
        }
        Map<String, String> annotations = stringMap(node.get("annotations"), what + ": annotations");
        Platform platform = null;
        JsonNode p = node.get("platform");
        if (p != null && p.isObject()) {
            platform = new Platform(text(p, "os", what), text(p, "architecture", what), text(p, "variant", what));
        }
        return new Descriptor(mediaType, digest, size.asLong(), List.copyOf(urls), annotations, platform);
    }

    /** The manifest of {@code index} for linux on {@code architecture}; arm64 prefers variant v8. */
    static Descriptor selectPlatform(Index index, String architecture, String what) throws OciException {
        List<Descriptor> matches = new ArrayList<>();
        Set<String> available = new LinkedHashSet<>();
        for (Descriptor d : index.manifests()) {
            if (!d.isIndex() && !d.isManifest() && !d.mediaType().isEmpty()) {
                continue;
            }
            Platform p = d.platform();
            if (p == null || p.os().equals("unknown")) {
                continue; // attestations and other non-images
            }
            available.add(p.toString());
            if (p.os().equals("linux") && p.architecture().equals(architecture)) {
                matches.add(d);
            }
        }
        if (matches.isEmpty()) {
            throw OciException.invalid(what + ": no linux/" + architecture + " image; "
                    + (available.isEmpty() ? "the index names no platform" : "available: "
                    + String.join(", ", available)));
        }
        if (architecture.equals("arm64")) {
            for (Descriptor d : matches) {
                if (d.platform().variant().equals("v8")) {
                    return d;
                }
            }
        }
        return matches.get(0);
    }

    /** Reads a config blob. */
    static ImageConfig parseConfig(Path blob, String what) throws OciException {
        JsonNode root = readTree(blob, MAX_CONFIG, what);
        JsonNode c = root.get("config");
        if (c == null || c.isNull()) {
            c = JSON.createObjectNode();
        } else if (!c.isObject()) {
            throw OciException.invalid(what + ": 'config' is not an object");
        }
        List<Digest> diffIds = new ArrayList<>();
        JsonNode rootfs = root.get("rootfs");
        if (rootfs != null && rootfs.isObject()) {
            for (JsonNode d : array(rootfs, "diff_ids", false, what + ": rootfs")) {
                try {
                    diffIds.add(Digest.parse(d.asText()));
                } catch (IllegalArgumentException e) {
                    throw OciException.invalid(what + ": rootfs.diff_ids: '"
                            + ControlCharacters.escapedUnambiguously(d.asText()) + "' is not a sha256 digest");
                }
            }
        }
        return new ImageConfig(text(root, "architecture", what), text(root, "os", what),
                strings(c.get("Entrypoint"), what + ": Entrypoint"), strings(c.get("Cmd"), what + ": Cmd"),
                strings(c.get("Env"), what + ": Env"), text(c, "WorkingDir", what), text(c, "User", what),
                keys(c.get("Volumes"), what + ": Volumes"), keys(c.get("ExposedPorts"), what + ": ExposedPorts"),
                stringMap(c.get("Labels"), what + ": Labels"), diffIds);
    }

    /**
     * Checks that a config fits its manifest and the platform asked for: as many diff ids as layers, an
     * uncompressed layer's digest its diff id, linux, the architecture.
     */
    static void checkConfig(ImageConfig config, List<Layer> layers, String architecture, String what)
            throws OciException {
        if (!config.os().isEmpty() && !config.os().equals("linux")) {
            throw OciException.invalid(what + ": an image for " + config.os() + ", not linux");
        }
        if (!config.architecture().isEmpty() && !config.architecture().equals(architecture)) {
            throw OciException.invalid(what + ": an image for " + config.architecture() + ", not " + architecture);
        }
        if (config.diffIds().size() != layers.size()) {
            throw OciException.invalid(what + ": the config lists " + config.diffIds().size()
                    + " layer diff ids, the manifest " + layers.size() + " layers");
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (isUncompressed(layer.mediaType()) && !layer.digest().equals(config.diffIds().get(i))) {
                throw OciException.invalid(what + ": uncompressed layer " + (i + 1) + " is " + layer.digest()
                        + " but the config's diff id is " + config.diffIds().get(i));
            }
        }
    }

    static boolean isUncompressed(String layerMediaType) {
        return layerMediaType.equals(OCI_LAYER)
                || layerMediaType.equals("application/vnd.oci.image.layer.nondistributable.v1.tar")
                || layerMediaType.equals("application/vnd.docker.image.rootfs.diff.tar");
    }

    /** The message for a layer that is to be fetched from elsewhere and is not at hand. */
    static OciException foreignLayer(Descriptor layer, String what) {
        return OciException.invalid(what + ": a non-distributable layer (" + layer.mediaType() + ") to be fetched"
                + " from " + String.join(", ", layer.urls()) + "; portajava fetches blobs only from the image's"
                + " own source");
    }

    /** An OCI manifest for a config and layers, as bytes: for sources that have none (docker save). */
    static byte[] synthesize(Descriptor config, List<Descriptor> layers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", OCI_MANIFEST);
        root.set("config", descriptorJson(config));
        ArrayNode array = root.putArray("layers");
        for (Descriptor l : layers) {
            array.add(descriptorJson(l));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode descriptorJson(Descriptor d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", d.mediaType());
        node.put("digest", d.digest().toString());
        node.put("size", d.size());
        return node;
    }

    static String text(JsonNode node, String field, String what) throws OciException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw OciException.invalid(what + ": '" + field + "' is not a string");
        }
        return value.asText();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, boolean required, String what)
            throws OciException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw OciException.invalid(what + ": no '" + field + "'");
            }
            return List.of();
        }
        if (!value.isArray()) {
            throw OciException.invalid(what + ": '" + field + "' is not an array");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String what) throws OciException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw OciException.invalid(what + ": not a list of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isTextual()) {
                throw OciException.invalid(what + ": not a list of strings");
            }
            list.add(e.asText());
        }
        return list;
    }

    private static Set<String> keys(JsonNode node, String what) throws OciException {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isObject()) {
            throw OciException.invalid(what + ": not an object");
        }
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Map<String, String> stringMap(JsonNode node, String what) throws OciException {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw OciException.invalid(what + ": not an object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getValue().isTextual()) {
                throw OciException.invalid(what + ": '" + f.getKey() + "' is not a string");
            }
            map.put(f.getKey(), f.getValue().asText());
        }
        return map;
    }

    static String stripParameters(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
