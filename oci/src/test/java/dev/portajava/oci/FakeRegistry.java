package dev.portajava.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registry speaking enough of the OCI distribution API for tests, on a loopback address: manifests by tag and
 * digest, blobs, anonymous, basic or bearer-token access, and the faults a bad registry has.
 */
final class FakeRegistry implements AutoCloseable {

    enum Auth { NONE, BASIC, BEARER }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, TestImages.Blob> manifests = new ConcurrentHashMap<>();
    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    /** What is served instead of a blob: wrong, short or long content. */
    final Map<Digest, byte[]> servedInstead = new ConcurrentHashMap<>();
    /** Blobs served as an endless chunked stream. */
    final Set<Digest> endless = ConcurrentHashMap.newKeySet();
    /** Blobs whose transfer stops half-way and then hangs. */
    final Set<Digest> stalled = ConcurrentHashMap.newKeySet();
    /** Blobs sent whole but without their end (chunked, never closed): the client cannot tell they are complete. */
    final Set<Digest> unended = ConcurrentHashMap.newKeySet();
    /** Blobs whose first transfer stops half-way and then hangs; the next ones are whole. */
    final Set<Digest> stalledOnce = ConcurrentHashMap.newKeySet();
    /** Manifests served with another Docker-Content-Digest. */
    final Set<String> wrongDigestHeader = ConcurrentHashMap.newKeySet();

    final AtomicInteger manifestRequests = new AtomicInteger();
    final AtomicInteger blobRequests = new AtomicInteger();
    final AtomicInteger tokenRequests = new AtomicInteger();
    final AtomicLong endlessBytesSent = new AtomicLong();
    /** The Authorization header of every request, "" when there was none. */
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> tokenAuthorizations = new CopyOnWriteArrayList<>();

    volatile Auth auth = Auth.NONE;
    volatile String user = "alice";
    volatile String password = "s3cret";
    /** Whether the token service hands tokens to anyone (as Docker Hub does for public images). */
    volatile boolean anonymousTokens;
    volatile String token = "token-1234";
    /** When set, blob requests are redirected there ({@code http://host:port}). */
    volatile String redirectBlobsTo;

    FakeRegistry() throws IOException {
        this("127.0.0.1");
    }

    FakeRegistry(String address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    void putManifest(String repository, String tag, TestImages.Blob manifest) {
        manifests.put(repository + ":" + tag, manifest);
        putManifest(repository, manifest);
    }

    void putManifest(String repository, TestImages.Blob manifest) {
        manifests.put(repository + "@" + manifest.digest(), manifest);
    }

    /** Serves {@code manifest} when asked for {@code digest}, whatever its own digest. */
    void putManifestUnder(String repository, Digest digest, TestImages.Blob manifest) {
        manifests.put(repository + "@" + digest, manifest);
    }

    void putBlob(TestImages.Blob blob) {
        blobs.put(blob.digest(), blob.bytes());
    }

    /** The image's manifest under {@code tag} and its blobs. */
    void putImage(String repository, String tag, TestImages.Image image) {
        if (tag != null) {
            putManifest(repository, tag, image.manifest());
        } else {
            putManifest(repository, image.manifest());
        }
        image.blobs().forEach(this::putBlob);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String authorization = x.getRequestHeaders().getFirst("Authorization");
            if (path.equals("/token")) {
                tokenRequests.incrementAndGet();
                tokenAuthorizations.add(authorization == null ? "" : authorization);
                if (!anonymousTokens && !basic().equals(authorization)) {
                    send(x, 401, "application/json", error("UNAUTHORIZED", "bad credentials"));
                    return;
                }
                send(x, 200, "application/json", ("{\"access_token\":\"" + token + "\"}").getBytes(
                        StandardCharsets.UTF_8));
                return;
            }
            authorizations.add(authorization == null ? "" : authorization);
            int manifestsAt = path.lastIndexOf("/manifests/");
            int blobsAt = path.lastIndexOf("/blobs/");
            String name = manifestsAt > 4 ? path.substring(4, manifestsAt) : blobsAt > 4 ? path.substring(4, blobsAt)
                    : "";
            if (manifestsAt > 0) {
                manifestRequests.incrementAndGet();
            } else if (blobsAt > 0) {
                blobRequests.incrementAndGet();
            }
            if (!authorised(x, authorization, name)) {
                return;
            }
            if (path.equals("/v2/")) {
                send(x, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            } else if (manifestsAt > 0) {
                String ref = path.substring(manifestsAt + "/manifests/".length());
                TestImages.Blob m = manifests.get(name + (ref.startsWith("sha256:") ? "@" : ":") + ref);
                if (m == null) {
                    send(x, 404, "application/json", error("MANIFEST_UNKNOWN", "manifest unknown"));
                    return;
                }
                x.getResponseHeaders().add("Docker-Content-Digest", wrongDigestHeader.contains(ref)
                        ? "sha256:" + "0".repeat(64) : m.digest().toString());
                send(x, 200, m.mediaType(), m.bytes());
            } else if (blobsAt > 0) {
                Digest digest = Digest.parse(path.substring(blobsAt + "/blobs/".length()));
                if (redirectBlobsTo != null) {
                    x.getResponseHeaders().add("Location", redirectBlobsTo + path);
                    x.sendResponseHeaders(307, -1);
                    return;
                }
                serveBlob(x, digest);
            } else {
                send(x, 404, "application/json", error("NOT_FOUND", "not found"));
            }
        }
    }

    private void serveBlob(HttpExchange x, Digest digest) throws IOException {
        if (endless.contains(digest)) {
            x.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = x.getResponseBody()) {
                for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
                    out.write(chunk);
                    endlessBytesSent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the client hung up, as it should
            }
            return;
        }
        byte[] content = servedInstead.getOrDefault(digest, blobs.get(digest));
        if (content == null) {
            send(x, 404, "application/json", error("BLOB_UNKNOWN", "blob unknown to registry"));
            return;
        }
        if (unended.contains(digest)) {
            sendThenHang(x, 0, content, content.length); // chunked: no length, and no end
            return;
        }
        if (stalled.contains(digest) || stalledOnce.remove(digest)) {
            sendThenHang(x, content.length, content, content.length / 2);
            return;
        }
        send(x, 200, "application/octet-stream", content);
    }

    /** Announces {@code declared} bytes (0: chunked), sends the first {@code sent} of {@code content}, then hangs. */
    private static void sendThenHang(HttpExchange x, long declared, byte[] content, int sent) throws IOException {
        x.sendResponseHeaders(200, declared);
        OutputStream out = x.getResponseBody();
        out.write(content, 0, sent);
        out.flush();
        try {
            Thread.sleep(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean authorised(HttpExchange x, String authorization, String name) throws IOException {
        switch (auth) {
            case NONE:
                return true;
            case BASIC:
                if (basic().equals(authorization)) {
                    return true;
                }
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake registry\"");
                break;
            default:
                if (("Bearer " + token).equals(authorization)) {
                    return true;
                }
                x.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                        + "/token\",service=\"fake\"" + (name.isEmpty() ? "" : ",scope=\"repository:" + name
                        + ":pull\""));
                break;
        }
        send(x, 401, "application/json", error("UNAUTHORIZED", "authentication required"));
        return false;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] error(String code, String message) {
        return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange x, int status, String contentType, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", contentType);
        x.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
