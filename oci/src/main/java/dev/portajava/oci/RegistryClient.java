package dev.portajava.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portajava.net.HttpClients;
import dev.portajava.text.ControlCharacters;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Speaks the OCI distribution API (v2) to one registry for one repository: manifests and blobs, anonymous first,
 * then {@code Basic} or {@code Bearer} token authentication as the registry asks. HTTPS, except for loopback hosts
 * and those the user lists as insecure. Redirects are followed by hand so that the registry's
 * {@code Authorization} never goes to another host.
 */
final class RegistryClient implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 10;
    private static final int ATTEMPTS = 3;
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");

    private enum Kind { MANIFEST, BLOB }

    /** A manifest as the registry sent it. */
    record Manifest(byte[] bytes, String contentType, Optional<String> dockerContentDigest) {
    }

    /** Marks a failure worth another attempt: a dropped connection, a 5xx, a 429. */
    private static final class Transient extends IOException {
        private static final long serialVersionUID = 1L;

        Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ImageReference image;
    private final String host;
    private final Set<String> insecure;
    private final Optional<Path> dockerConfig;
    private final Consumer<String> progress;
    private final Duration idleTimeout;
    private HttpClient plainHttp;
    private HttpClient https;
    private String scheme;
    private String authorization;
    private Optional<RegistryCredentials> credentials;
    private ScheduledExecutorService watchdog;

    RegistryClient(ImageReference image, SourceOptions options, Duration idleTimeout) {
        this.image = image;
        this.host = image.apiHost();
        this.insecure = options.insecureRegistries();
        this.dockerConfig = options.dockerConfig() == null ? Optional.empty() : options.dockerConfig();
        this.progress = options.progress() == null ? m -> { } : options.progress();
        this.idleTimeout = idleTimeout;
    }

    /**
     * The client for {@code uri}'s scheme, made when first needed: a registry on plain HTTP never sets up TLS (see
     * {@link NoTlsContext}).
     */
    private synchronized HttpClient client(URI uri) {
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            if (plainHttp == null) {
                plainHttp = clientBuilder().sslContext(new NoTlsContext()).sslParameters(new SSLParameters()).build();
            }
            return plainHttp;
        }
        if (https == null) {
            https = clientBuilder().build();
        }
        return https;
    }

    private static HttpClient.Builder clientBuilder() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT);
    }

    // ---------------------------------------------------------------- transport

    /** Whether {@code hostPort} may be spoken to over plain HTTP: loopback, or listed as insecure. */
    static boolean plainHttpAllowed(String hostPort, Set<String> insecureRegistries) {
        String lower = hostPort.toLowerCase(Locale.ROOT);
        String bare = hostOnly(lower);
        if (isLoopback(bare)) {
            return true;
        }
        for (String entry : insecureRegistries) {
            String e = RegistryCredentials.normalise(entry);
            if (e.equals(lower) || e.equals(bare)) {
                return true;
            }
        }
        return false;
    }

    /** The schemes tried for {@code hostPort}, in order: plain HTTP first only where it is allowed. */
    static List<String> schemesFor(String hostPort, Set<String> insecureRegistries) {
        return plainHttpAllowed(hostPort, insecureRegistries) ? List.of("http", "https") : List.of("https");
    }

    /** {@code host} of {@code host:port}, {@code ::1} of {@code [::1]:5000}. */
    static String hostOnly(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        int colon = hostPort.indexOf(':');
        if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0) {
            return hostPort; // a bare IPv6 address
        }
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** {@code localhost}, {@code 127.0.0.0/8}, {@code ::1}; decided from the name alone, without a DNS lookup. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches() || (h.contains(":") && h.matches("[0-9a-f:.]+"))) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private String scheme() throws OciException {
        if (scheme != null) {
            return scheme;
        }
        if (!plainHttpAllowed(host, insecure)) {
            scheme = "https";
            return scheme;
        }
        // a loopback or insecure registry: plain HTTP unless it turns out to speak TLS
        URI probe = URI.create("http://" + host + "/v2/");
        try {
            HttpResponse<InputStream> r = client(probe).send(request(probe, null, null).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            discard(r);
            scheme = r.statusCode() == 400 ? "https" : "http";
        } catch (ConnectException e) {
            throw unreachable(probe, e);
        } catch (IOException e) {
            scheme = "https";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OciException.unavailable(host + ": interrupted", e);
        }
        return scheme;
    }

    private URI base() throws OciException {
        return URI.create(scheme() + "://" + host);
    }

    private boolean sameOrigin(URI uri) throws OciException {
        URI base = base();
        return base.getScheme().equalsIgnoreCase(uri.getScheme()) && base.getHost().equalsIgnoreCase(uri.getHost())
                && port(base) == port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String authority(URI uri) {
        return uri.getRawAuthority();
    }

    /** Refuses a URL that is neither HTTPS nor plain HTTP to a host that may have it. */
    private void checkTransport(URI uri, String what) throws OciException {
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (s.equals("https")) {
            return;
        }
        if (s.equals("http") && uri.getRawAuthority() != null && plainHttpAllowed(uri.getRawAuthority(), insecure)) {
            return;
        }
        throw OciException.unavailable(what + ": " + host + " sent to " + uri.getScheme() + "://"
                + uri.getRawAuthority() + "; refused: only HTTPS, or plain HTTP to loopback or insecure registries",
                null);
    }

    // ---------------------------------------------------------------- requests

    private HttpRequest.Builder request(URI uri, String accept, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET()
                .header("User-Agent", "portajava");
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b;
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) throws OciException {
        try {
            return client(request.uri()).send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw unreachable(request.uri(), e);
        } catch (HttpConnectTimeoutException e) {
            throw OciException.unavailable("cannot connect to " + authority(request.uri()) + ": no answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw OciException.unavailable(authority(request.uri()) + ": no response within "
                    + RESPONSE_TIMEOUT.toSeconds() + " s", new Transient("timeout", e));
        } catch (SSLException e) {
            throw OciException.unavailable(authority(request.uri()) + ": TLS failed: " + e.getMessage()
                    + (plainHttpAllowed(authority(request.uri()), insecure) ? ""
                    : " (a registry without TLS must be listed as insecure)"), e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof UnknownHostException) {
                throw OciException.unavailable("cannot resolve " + hostOnly(authority(request.uri())), e);
            }
            throw OciException.unavailable(authority(request.uri()) + ": " + describe(e), new Transient("io", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OciException.unavailable(authority(request.uri()) + ": interrupted", e);
        }
    }

    private static OciException unreachable(URI uri, ConnectException e) {
        String reason = e.getMessage() == null || e.getMessage().isBlank() ? "connection refused" : e.getMessage();
        return OciException.unavailable("cannot connect to " + authority(uri) + ": " + reason, e);
    }

    /**
     * GETs {@code path} of the registry: authenticates on a 401 from it and tries once more, follows redirects
     * (without the registry's credentials when they lead elsewhere). Returns the first other response.
     */
    private HttpResponse<InputStream> get(String path, String accept, String what) throws OciException {
        URI uri = base().resolve(path);
        boolean authenticated = false;
        for (int redirects = 0; ; ) {
            boolean toRegistry = sameOrigin(uri);
            HttpResponse<InputStream> r = exchange(request(uri, accept, toRegistry ? authorization : null).build());
            int status = r.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                Optional<String> location = r.headers().firstValue("Location");
                discard(r);
                if (location.isEmpty()) {
                    throw OciException.unavailable(what + ": " + authority(uri) + " redirected (HTTP " + status
                            + ") without a Location", null);
                }
                if (++redirects > MAX_REDIRECTS) {
                    throw OciException.unavailable(what + ": more than " + MAX_REDIRECTS + " redirects", null);
                }
                try {
                    uri = uri.resolve(new URI(location.get()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw OciException.unavailable(what + ": " + authority(uri) + " redirected to a malformed URL",
                            e);
                }
                checkTransport(uri, what);
                continue;
            }
            if (status == 401 && toRegistry && !authenticated) {
                List<String> challenges = r.headers().allValues("WWW-Authenticate");
                String detail = errorDetail(r);
                authenticate(challenges, what, detail);
                authenticated = true;
                continue;
            }
            return r;
        }
    }

    /** The manifest or index {@code reference} (a tag or a digest) names. */
    Manifest manifest(String reference, String what) throws OciException {
        return withRetries(what, () -> {
            HttpResponse<InputStream> r = get("/v2/" + image.repository() + "/manifests/" + reference,
                    Manifests.ACCEPT, what);
            if (r.statusCode() != 200) {
                throw failure(r, what, Kind.MANIFEST);
            }
            long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > Manifests.MAX_MANIFEST) {
                discard(r);
                throw OciException.invalid(what + ": the registry announces a manifest of " + length
                        + " bytes, more than the " + Manifests.MAX_MANIFEST + " accepted");
            }
            byte[] bytes;
            try (InputStream in = guard(r.body())) {
                bytes = Manifests.readBounded(in, Manifests.MAX_MANIFEST, what);
            } catch (IOException e) {
                throw OciException.unavailable(what + ": reading the manifest from " + host + " failed: "
                        + describe(e), new Transient("io", e));
            }
            return new Manifest(bytes, r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Docker-Content-Digest"));
        });
    }

    /**
     * Downloads the blob {@code descriptor} names into {@code cache}, handing {@code follower} (if not null) a stream
     * that reads it as it arrives, on each attempt.
     */
    Path blob(Manifests.Descriptor descriptor, BlobCache cache, String what, Consumer<InputStream> follower)
            throws OciException {
        return withRetries(what, () -> {
            HttpResponse<InputStream> r = get("/v2/" + image.repository() + "/blobs/" + descriptor.digest(), null,
                    what);
            if (r.statusCode() != 200) {
                throw failure(r, what, Kind.BLOB);
            }
            long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > descriptor.size()) {
                discard(r);
                throw OciException.invalid(what + ": " + authority(r.uri()) + " announces " + length
                        + " bytes, more than the expected " + descriptor.size() + "; refused");
            }
            InputStream in = guard(r.body());
            try {
                return cache.store(descriptor.digest(), descriptor.size(), in, what, follower);
            } finally {
                closeQuietly(in);
            }
        });
    }

    private interface Attempt<T> {
        T run() throws OciException;
    }

    private <T> T withRetries(String what, Attempt<T> attempt) throws OciException {
        for (int i = 1; ; i++) {
            try {
                return attempt.run();
            } catch (OciException e) {
                if (i >= ATTEMPTS || !(e.getCause() instanceof Transient)) {
                    throw e;
                }
                progress.accept(e.getMessage() + "; trying again");
                try {
                    Thread.sleep(1000L * i);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    // ---------------------------------------------------------------- authentication

    private Optional<RegistryCredentials> credentials() throws OciException {
        if (credentials == null) {
            credentials = RegistryCredentials.lookup(dockerConfig, image.registry(), progress);
        }
        return credentials;
    }

    /** A parsed {@code WWW-Authenticate} challenge: its scheme, lower-case, and its parameters. */
    record Challenge(String scheme, Map<String, String> parameters) {
    }

    /** Parses {@code WWW-Authenticate} values ({@code Bearer realm="…",service="…",scope="…"}). */
    static List<Challenge> parseChallenges(List<String> headers) {
        List<Challenge> challenges = new ArrayList<>();
        for (String header : headers) {
            int i = 0;
            int n = header.length();
            while (i < n) {
                while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
                    i++;
                }
                int start = i;
                while (i < n && header.charAt(i) != ' ' && header.charAt(i) != ',') {
                    i++;
                }
                if (start == i) {
                    break;
                }
                String scheme = header.substring(start, i).toLowerCase(Locale.ROOT);
                Map<String, String> params = new LinkedHashMap<>();
                // parameters: name=value or name="quoted", separated by commas
                while (i < n) {
                    int save = i;
                    while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
                        i++;
                    }
                    int nameStart = i;
                    while (i < n && header.charAt(i) != '=' && header.charAt(i) != ' ' && header.charAt(i) != ',') {
                        i++;
                    }
                    if (i >= n || header.charAt(i) != '=') {
                        i = save; // the next challenge's scheme
                        break;
                    }
                    String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
                    i++;
                    StringBuilder value = new StringBuilder();
                    if (i < n && header.charAt(i) == '"') {
                        i++;
                        while (i < n && header.charAt(i) != '"') {
                            if (header.charAt(i) == '\\' && i + 1 < n) {
                                i++;
                            }
                            value.append(header.charAt(i++));
                        }
                        i++;
                    } else {
                        while (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ') {
                            value.append(header.charAt(i++));
                        }
                    }
                    params.put(name, value.toString());
                }
                challenges.add(new Challenge(scheme, params));
                if (i == start) {
                    break;
                }
            }
        }
        return challenges;
    }

    private void authenticate(List<String> headers, String what, String detail) throws OciException {
        List<Challenge> challenges = parseChallenges(headers);
        Challenge bearer = challenges.stream().filter(c -> c.scheme().equals("bearer")).findFirst().orElse(null);
        Challenge basic = challenges.stream().filter(c -> c.scheme().equals("basic")).findFirst().orElse(null);
        Optional<RegistryCredentials> creds = credentials();
        if (bearer != null) {
            authorization = "Bearer " + token(bearer, creds, what);
        } else if (basic != null) {
            if (creds.isEmpty()) {
                throw notAuthorised(what, detail);
            }
            authorization = creds.get().basic();
        } else {
            throw notAuthorised(what, headers.isEmpty() ? detail
                    : "unsupported authentication: " + Manifests.oneLine(String.join(", ", headers)));
        }
    }

    private String token(Challenge bearer, Optional<RegistryCredentials> creds, String what) throws OciException {
        String realm = bearer.parameters().get("realm");
        if (realm == null || realm.isEmpty()) {
            throw OciException.unavailable(what + ": " + host + " asks for a bearer token but names no realm", null);
        }
        URI realmUri;
        try {
            realmUri = new URI(realm);
        } catch (URISyntaxException e) {
            throw OciException.unavailable(what + ": " + host + " names a malformed token realm", e);
        }
        if (!realmUri.isAbsolute() || realmUri.getRawAuthority() == null) {
            throw OciException.unavailable(what + ": " + host + " names a token realm that is not a URL", null);
        }
        checkTransport(realmUri, what);
        StringBuilder query = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        String service = bearer.parameters().get("service");
        if (service != null) {
            query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8)).append('&');
        }
        String scope = bearer.parameters().getOrDefault("scope", "repository:" + image.repository() + ":pull");
        query.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI tokenUri = URI.create(query.toString());
        HttpResponse<InputStream> r = exchange(request(tokenUri, "application/json",
                creds.map(RegistryCredentials::basic).orElse(null)).build());
        if (r.statusCode() != 200) {
            String detail = "token service " + authority(tokenUri) + ": " + errorDetail(r);
            throw notAuthorised(what, detail);
        }
        JsonNode json;
        try (InputStream in = guard(r.body())) {
            json = Manifests.readTree(Manifests.readBounded(in, 1 << 20, "token from " + authority(tokenUri)),
                    what + ": token from " + authority(tokenUri));
        } catch (IOException e) {
            throw OciException.unavailable(what + ": reading the token from " + authority(tokenUri) + " failed: "
                    + describe(e), new Transient("io", e));
        }
        String token = json.path("token").asText("");
        if (token.isEmpty()) {
            token = json.path("access_token").asText("");
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw OciException.unavailable(what + ": the token service " + authority(tokenUri)
                    + " sent no usable token", null);
        }
        return token;
    }

    private OciException notAuthorised(String what, String detail) throws OciException {
        String hint;
        if (credentials().isPresent()) {
            hint = "; the credentials for " + image.registry() + " in " + dockerConfig.get() + " were refused";
        } else if (dockerConfig.isPresent()) {
            hint = "; no credentials for " + image.registry() + " in " + dockerConfig.get();
        } else {
            hint = "";
        }
        return OciException.unavailable(what + ": not authorised by " + host + " ("
                + detail + ")" + hint, null);
    }

    // ---------------------------------------------------------------- errors

    private OciException failure(HttpResponse<InputStream> r, String what, Kind kind) throws OciException {
        int status = r.statusCode();
        String detail = errorDetail(r);
        if (status == 401 || status == 403) {
            return notAuthorised(what, detail);
        }
        if (status == 404) {
            if (kind == Kind.MANIFEST) {
                return OciException.invalid(what + ": no such image ("
                        + (detail.equals("HTTP 404") ? "manifest unknown" : detail) + ")");
            }
            return new MissingBlobException(what + ": " + authority(r.uri()) + " has no such blob (" + detail + ")");
        }
        if (status == 429 || status >= 500) {
            return OciException.unavailable(what + ": " + authority(r.uri()) + " answered HTTP " + status
                    + (detail.equals("HTTP " + status) ? "" : " (" + detail + ")"),
                    new Transient("HTTP " + status, null));
        }
        return OciException.invalid(what + ": " + authority(r.uri()) + " refused the request (" + detail + ")");
    }

    /**
     * The registry's {@code {"errors":[{"code":…,"message":…}]}} as one line, else {@code HTTP status}; the body
     * is consumed.
     */
    private String errorDetail(HttpResponse<InputStream> r) {
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        String fallback = "HTTP " + r.statusCode();
        if (body.length == 0) {
            return fallback;
        }
        try {
            JsonNode root = Manifests.json().readTree(body);
            JsonNode errors = root == null ? null : root.get("errors");
            if (errors == null || !errors.isArray() || errors.isEmpty()) {
                return fallback;
            }
            List<String> parts = new ArrayList<>();
            for (JsonNode e : errors) {
                String message = e.path("message").asText("");
                String code = e.path("code").asText("");
                parts.add(!message.isEmpty() ? message : code.toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            return ControlCharacters.escapedUnambiguously(Manifests.oneLine(String.join("; ", parts)));
        } catch (IOException e) {
            return fallback;
        }
    }

    private static void discard(HttpResponse<InputStream> r) {
        closeQuietly(r.body());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more is read from it
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    // ---------------------------------------------------------------- stalled transfers

    /** Wraps a response body so that a transfer that stalls for {@link #idleTimeout} fails instead of hanging. */
    private InputStream guard(InputStream body) {
        synchronized (this) {
            if (watchdog == null) {
                watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread t = new Thread(runnable, "portajava registry watchdog");
                    t.setDaemon(true);
                    return t;
                });
            }
        }
        return new IdleGuard(body);
    }

    private final class IdleGuard extends FilterInputStream {
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean timedOut;
        private volatile ScheduledFuture<?> check;

        IdleGuard(InputStream in) {
            super(in);
            long period = Math.max(50, Math.min(5000, idleTimeout.toMillis() / 4));
            check = watchdog.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
        }

        private void check() {
            if (System.nanoTime() - lastProgress > idleTimeout.toNanos()) {
                timedOut = true;
                stopChecking();
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the reader sees the stream closed
                }
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                lastProgress = System.nanoTime();
                return n;
            } catch (IOException e) {
                if (timedOut) {
                    throw new Transient(host + " sent nothing for " + idleTimeout.toSeconds() + " s", e);
                }
                throw new Transient(describe(e), e);
            }
        }

        private void stopChecking() {
            ScheduledFuture<?> f = check;
            if (f != null) {
                f.cancel(false);
            }
        }

        @Override
        public void close() throws IOException {
            stopChecking();
            super.close();
        }
    }

    /** Stops the watchdog and ends the HTTP clients' threads (see {@link HttpClients}). */
    @Override
    public void close() {
        synchronized (this) {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            for (HttpClient client : new HttpClient[] {plainHttp, https}) {
                if (client != null) {
                    HttpClients.close(client);
                }
            }
        }
    }
}
