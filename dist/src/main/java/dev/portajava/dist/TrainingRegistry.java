package dev.portajava.dist;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portajava.digest.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A container registry on the loopback for the start-up archive's training, serving one image, {@code train:1}
 * (one layer: {@code /usr/bin/train}, the training's program, and a config that runs it), so that a
 * {@code build --from} a registry is trained too, from the HTTP client to the image written. It answers the GETs
 * of the OCI distribution API that a pull makes ({@code /v2/}, the manifest, the blobs), as a registry without
 * authentication does.
 */
final class TrainingRegistry implements AutoCloseable {

    static final String REPOSITORY = "train";
    static final String TAG = "1";

    private final HttpServer server;

    private TrainingRegistry(HttpServer server) {
        this.server = server;
    }

    static TrainingRegistry start(byte[] program) throws IOException {
        byte[] tar = tar(program);
        byte[] layer = gzip(tar);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/usr/bin/train\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + Sha256.hex(tar) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", config) + ","
                + "\"layers\":[" + descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> paths = Map.of(
                "/v2/", "{}".getBytes(StandardCharsets.UTF_8),
                "/v2/" + REPOSITORY + "/manifests/" + TAG, manifest,
                "/v2/" + REPOSITORY + "/blobs/sha256:" + Sha256.hex(config), config,
                "/v2/" + REPOSITORY + "/blobs/sha256:" + Sha256.hex(layer), layer);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, paths));
        server.start();
        return new TrainingRegistry(server);
    }

    /** The image's reference: {@code 127.0.0.1:PORT/train:1}. */
    String image() {
        return "127.0.0.1:" + server.getAddress().getPort() + "/" + REPOSITORY + ":" + TAG;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, Map<String, byte[]> paths) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestMethod().equals("GET")
                    ? paths.get(exchange.getRequestURI().getPath()) : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (exchange.getRequestURI().getPath().contains("/manifests/")) {
                exchange.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
            }
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String descriptor(String mediaType, byte[] blob) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"sha256:" + Sha256.hex(blob) + "\",\"size\":"
                + blob.length + "}";
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (OutputStream out = new GzipCompressorOutputStream(gzipped)) {
            out.write(bytes);
        }
        return gzipped.toByteArray();
    }

    /** The layer's tar: {@code usr/}, {@code usr/bin/} and {@code usr/bin/train}. */
    private static byte[] tar(byte[] program) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String dir : new String[] {"usr/", "usr/bin/"}) {
                TarArchiveEntry entry = new TarArchiveEntry(dir);
                entry.setMode(040755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry file = new TarArchiveEntry("usr/bin/train");
            file.setMode(0100755);
            file.setSize(program.length);
            tar.putArchiveEntry(file);
            tar.write(program);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
