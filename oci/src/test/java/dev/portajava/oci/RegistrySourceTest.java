package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrySourceTest {

    @TempDir
    Path temp;

    FakeRegistry registry;
    BlobCache cache;
    final List<String> progress = new ArrayList<>();
    final TestImages.Image amd64 = TestImages.image("amd64", true, "amd64 image");
    final TestImages.Image arm64 = TestImages.image("arm64", false, "arm64 image");

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
        cache = new BlobCache(new CacheDirectory(temp.resolve("cache")));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    SourceOptions options(String architecture, Path dockerConfig) {
        return new SourceOptions(architecture, Set.of(), Optional.ofNullable(dockerConfig), progress::add);
    }

    PulledImage pull(String reference) throws OciException {
        return pull(reference, options("amd64", null));
    }

    PulledImage pull(String reference, SourceOptions options) throws OciException {
        return ImageSource.parse(reference).pull(cache, options);
    }

    @Test
    void aLoopbackRegistryThatRefusesPlainHttp_isSpokenToOverTls() throws Exception {
        // each connection's first byte, then what a TLS registry answers to plain HTTP: 400
        List<Integer> firstBytes = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread serve = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket client = server.accept()) {
                        firstBytes.add(client.getInputStream().read());
                        client.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            serve.setDaemon(true);
            serve.start();
            OciException e = assertThrows(OciException.class,
                    () -> pull("127.0.0.1:" + server.getLocalPort() + "/team/app:1.4"));
            assertTrue(e.getMessage().contains("TLS failed"), e.getMessage());
            assertEquals('G', firstBytes.get(0), "the probe: GET /v2/ over plain HTTP");
            assertEquals(0x16, firstBytes.get(1), "then a TLS handshake record");
        }
    }

    @Test
    void pullsAnImageAnonymously() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        PulledImage image = pull(registry.host() + "/team/app:1.4");

        assertEquals(registry.host() + "/team/app:1.4", image.reference());
        assertEquals(amd64.manifest().digest(), image.manifestDigest());
        ImageConfig config = image.config();
        assertEquals("amd64", config.architecture());
        assertEquals("linux", config.os());
        assertEquals(List.of("/usr/bin/app", "--serve"), config.command());
        assertEquals(List.of("PATH=/usr/bin:/bin", "MODE=test"), config.env());
        assertEquals("/srv", config.workingDir());
        assertEquals("1000:1000", config.user());
        assertEquals(Set.of("/data"), config.volumes());
        assertEquals(Set.of("8080/tcp"), config.exposedPorts());
        assertEquals("app", config.labels().get("org.example.name"));
        assertEquals(2, config.diffIds().size());
        assertEquals(2, image.layers().size());
        for (int i = 0; i < 2; i++) {
            Layer layer = image.layers().get(i);
            TestImages.Blob expected = amd64.layers().get(i);
            assertEquals(expected.digest(), layer.digest());
            assertEquals(Manifests.DOCKER_LAYER_GZIP, layer.mediaType());
            assertEquals(expected.size(), layer.size());
            assertArrayEquals(expected.bytes(), Files.readAllBytes(layer.blob()));
            assertTrue(layer.blob().startsWith(cache.directory().blobs()));
        }
        assertEquals(1, registry.manifestRequests.get());
        assertEquals(3, registry.blobRequests.get());
        assertTrue(registry.authorizations.stream().allMatch(String::isEmpty));
    }

    /** The HTTP clients' selector threads alive now: a JVM that exits with one waits 300 ms for it. */
    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aPullLeavesNoThreadOfItsHttpClientRunning() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        Set<Thread> before = selectorThreads();

        pull(registry.host() + "/team/app:1.4");

        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!before.containsAll(selectorThreads()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(Set.of(), selectorThreads().stream().filter(t -> !before.contains(t))
                .map(Thread::getName).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aSecondPullMakesNoBlobRequest() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        PulledImage first = pull(registry.host() + "/team/app:1.4");
        int blobs = registry.blobRequests.get();
        PulledImage second = pull(registry.host() + "/team/app:1.4");
        assertEquals(blobs, registry.blobRequests.get());
        assertEquals(2, registry.manifestRequests.get(), "a tag is asked for again: tags move");
        assertEquals(first, second);
    }

    @Test
    void aPullByDigestOfACachedImageNeedsNoRegistry() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        String byDigest = registry.host() + "/team/app@" + amd64.manifest().digest();
        PulledImage first = pull(byDigest);
        registry.close();
        PulledImage second = pull(byDigest);
        assertEquals(first, second);
        assertEquals(amd64.manifest().digest(), second.manifestDigest());
    }

    @Test
    void aTagAndADigestTogetherPullTheDigest() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        PulledImage image = pull(registry.host() + "/team/app:whatever@" + amd64.manifest().digest());
        assertEquals(amd64.manifest().digest(), image.manifestDigest());
    }

    @Test
    void anIndexIsResolvedForTheArchitecture() throws Exception {
        TestImages.Blob index = TestImages.index(false, amd64, arm64);
        registry.putManifest("team/app", "multi", index);
        registry.putImage("team/app", null, amd64);
        registry.putImage("team/app", null, arm64);

        PulledImage arm = pull(registry.host() + "/team/app:multi", options("arm64", null));
        assertEquals(arm64.manifest().digest(), arm.manifestDigest());
        assertEquals("arm64", arm.config().architecture());
        assertEquals(Manifests.OCI_LAYER, arm.layers().get(0).mediaType());
        assertEquals(2, registry.manifestRequests.get());

        PulledImage amd = pull(registry.host() + "/team/app:multi", options("amd64", null));
        assertEquals(amd64.manifest().digest(), amd.manifestDigest());

        int manifests = registry.manifestRequests.get();
        pull(registry.host() + "/team/app:multi", options("arm64", null));
        assertEquals(manifests + 1, registry.manifestRequests.get(), "the platform's manifest comes from the cache");

        OciException e = assertThrows(OciException.class,
                () -> pull(registry.host() + "/team/app:multi", options("s390x", null)));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("no linux/s390x image"), e.getMessage());
        assertTrue(e.getMessage().contains("linux/amd64, linux/arm64/v8"), e.getMessage());
    }

    @Test
    void aDockerManifestListIsResolvedToo() throws Exception {
        registry.putManifest("team/app", "multi", TestImages.index(true, amd64, arm64));
        registry.putImage("team/app", null, amd64);
        registry.putImage("team/app", null, arm64);
        assertEquals(amd64.manifest().digest(), pull(registry.host() + "/team/app:multi").manifestDigest());
    }

    @Test
    void aBlobWithTheWrongDigestIsRefusedAndNotKept() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        Digest bad = amd64.layers().get(1).digest();
        byte[] wrong = amd64.layers().get(1).bytes().clone();
        wrong[wrong.length / 2] ^= 1;
        registry.servedInstead.put(bad, wrong);

        OciException e = assertThrows(OciException.class, () -> pull(registry.host() + "/team/app:1.4"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().startsWith("layer " + bad + " of " + registry.host() + "/team/app:1.4: content has"
                + " digest "), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected " + bad), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertCacheHoldsOnlyVerifiedBlobs();
        assertTrue(cache.find(bad).isEmpty());
    }

    @Test
    void aTruncatedBlobIsRefused() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        TestImages.Blob layer = amd64.layers().get(0);
        registry.servedInstead.put(layer.digest(), java.util.Arrays.copyOf(layer.bytes(), layer.bytes().length - 10));
        OciException e = assertThrows(OciException.class, () -> pull(registry.host() + "/team/app:1.4"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains((layer.size() - 10) + " bytes, expected " + layer.size()), e.getMessage());
        assertCacheHoldsOnlyVerifiedBlobs();
    }

    @Test
    void aBlobAnnouncedLargerThanItsDescriptorIsRefused() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        TestImages.Blob layer = amd64.layers().get(0);
        registry.servedInstead.put(layer.digest(), java.util.Arrays.copyOf(layer.bytes(), layer.bytes().length + 10));
        OciException e = assertThrows(OciException.class, () -> pull(registry.host() + "/team/app:1.4"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("more than the expected " + layer.size()), e.getMessage());
        assertCacheHoldsOnlyVerifiedBlobs();
    }

    @Test
    void anEndlessBlobIsCutOffAtItsSize() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        TestImages.Blob layer = amd64.layers().get(0);
        registry.endless.add(layer.digest());
        OciException e = assertThrows(OciException.class, () -> pull(registry.host() + "/team/app:1.4"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("more than the expected " + layer.size() + " bytes"), e.getMessage());
        assertCacheHoldsOnlyVerifiedBlobs();
        assertTrue(registry.endlessBytesSent.get() < (64L << 20), "sent " + registry.endlessBytesSent.get());
    }

    @Test
    void aStalledTransferFails() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        registry.stalled.add(amd64.config().digest());
        ImageReference ref = ImageReference.parse(registry.host() + "/team/app:1.4");
        RegistrySource source = new RegistrySource(ref.toString(), ref, options("amd64", null), Duration.ofMillis(300));
        OciException e = assertThrows(OciException.class, () -> source.pull(cache));
        assertInstanceOf(SourceUnavailableException.class, e);
        assertTrue(e.getMessage().contains("sent nothing for"), e.getMessage());
        assertEquals(3, registry.blobRequests.get(), "tried three times");
        assertCacheHoldsOnlyVerifiedBlobs();
    }

    @Test
    void anUnknownImageIsBadInput() {
        OciException e = assertThrows(OciException.class, () -> pull(registry.host() + "/team/app:1.4"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertEquals(registry.host() + "/team/app:1.4: no such image (manifest unknown)", e.getMessage());
    }

    @Test
    void aMissingBlobIsNamed() throws Exception {
        registry.putManifest("team/app", "1.4", amd64.manifest());
        registry.putBlob(amd64.config());
        OciException e = assertThrows(OciException.class, () -> pull(registry.host() + "/team/app:1.4"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("layer " + amd64.layers().get(0).digest()), e.getMessage());
        assertTrue(e.getMessage().contains("has no such blob (blob unknown to registry)"), e.getMessage());
    }

    @Test
    void aForeignLayerNotInTheRegistryIsRefusedWithItsUrls() throws Exception {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) TestImages.JSON.readTree(amd64.manifest().bytes());
        var layer = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("layers").get(0);
        layer.put("mediaType", "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
        layer.putArray("urls").add("https://elsewhere.example/layer");
        TestImages.Blob manifest = new TestImages.Blob(Manifests.DOCKER_MANIFEST, TestImages.json(root));
        registry.putManifest("team/app", "1.4", manifest);
        registry.putBlob(amd64.config());
        registry.putBlob(amd64.layers().get(1));
        OciException e = assertThrows(OciException.class, () -> pull(registry.host() + "/team/app:1.4"));
        assertTrue(e.getMessage().contains("non-distributable layer"), e.getMessage());
        assertTrue(e.getMessage().contains("https://elsewhere.example/layer"), e.getMessage());
    }

    @Test
    void aSchema1ManifestIsRefused() throws Exception {
        byte[] schema1 = "{\"schemaVersion\":1,\"name\":\"team/app\",\"tag\":\"old\",\"fsLayers\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        registry.putManifest("team/app", "old", new TestImages.Blob(Manifests.DOCKER_SCHEMA1_SIGNED, schema1));
        OciException e = assertThrows(OciException.class, () -> pull(registry.host() + "/team/app:old"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("Docker schema 1 manifest"), e.getMessage());
    }

    @Test
    void aManifestWhoseDigestHeaderDisagreesIsRefused() throws Exception {
        registry.putImage("team/app", "1.4", amd64);
        registry.wrongDigestHeader.add("1.4");
        OciException e = assertThrows(OciException.class, () -> pull(registry.host() + "/team/app:1.4"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("but it says sha256:000000"), e.getMessage());
    }

    @Test
    void aManifestPulledByDigestMustHaveIt() throws Exception {
        registry.putBlob(amd64.config());
        // the registry serves the arm64 manifest for the amd64 digest
        registry.putManifestUnder("team/app", amd64.manifest().digest(), arm64.manifest());
        OciException e = assertThrows(OciException.class,
                () -> pull(registry.host() + "/team/app@" + amd64.manifest().digest()));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().contains("expected " + amd64.manifest().digest()), e.getMessage());
        assertTrue(cache.find(amd64.manifest().digest()).isEmpty());
    }

    @Test
    void basicAuthenticationUsesTheDockerConfig() throws Exception {
        registry.auth = FakeRegistry.Auth.BASIC;
        registry.putImage("team/app", "1.4", amd64);
        Path config = dockerConfig("http://" + registry.host(), "alice", "s3cret");
        PulledImage image = pull(registry.host() + "/team/app:1.4", options("amd64", config));
        assertEquals(2, image.layers().size());

        OciException e = assertThrows(OciException.class,
                () -> pull(registry.host() + "/team/app:1.4", options("amd64", null)));
        assertInstanceOf(SourceUnavailableException.class, e);
        assertTrue(e.getMessage().contains("not authorised by " + registry.host()), e.getMessage());
    }

    @Test
    void bearerTokensAreFetchedWithTheCredentials() throws Exception {
        registry.auth = FakeRegistry.Auth.BEARER;
        registry.putImage("team/app", "1.4", amd64);
        Path config = usernamePasswordConfig(registry.host(), "alice", "s3cret");
        PulledImage image = pull(registry.host() + "/team/app:1.4", options("amd64", config));
        assertEquals(amd64.manifest().digest(), image.manifestDigest());
        assertEquals(1, registry.tokenRequests.get(), "one token serves the whole pull");
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(basic), registry.tokenAuthorizations);
        assertTrue(registry.authorizations.contains("Bearer token-1234"));
    }

    @Test
    void bearerTokensCanBeAnonymous() throws Exception {
        registry.auth = FakeRegistry.Auth.BEARER;
        registry.anonymousTokens = true;
        registry.putImage("team/app", "1.4", amd64);
        PulledImage image = pull(registry.host() + "/team/app:1.4");
        assertEquals(2, image.layers().size());
        assertEquals(List.of(""), registry.tokenAuthorizations);
    }

    @Test
    void refusedCredentialsAreAnEnvironmentError() throws Exception {
        registry.auth = FakeRegistry.Auth.BEARER;
        registry.putImage("team/app", "1.4", amd64);
        Path config = dockerConfig(registry.host(), "alice", "wrong");
        OciException e = assertThrows(OciException.class,
                () -> pull(registry.host() + "/team/app:1.4", options("amd64", config)));
        assertInstanceOf(SourceUnavailableException.class, e);
        assertTrue(e.getMessage().contains("not authorised"), e.getMessage());
        assertTrue(e.getMessage().contains("bad credentials"), e.getMessage());
        assertTrue(e.getMessage().contains("were refused"), e.getMessage());
    }

    @Test
    void aCredentialHelperIsMentionedAndSkipped() throws Exception {
        registry.auth = FakeRegistry.Auth.BEARER;
        registry.anonymousTokens = true;
        registry.putImage("team/app", "1.4", amd64);
        Path config = temp.resolve("helper.json");
        Files.writeString(config, "{\"auths\":{\"" + registry.host() + "\":{}},\"credsStore\":\"secretservice\"}");
        pull(registry.host() + "/team/app:1.4", options("amd64", config));
        assertTrue(progress.stream().anyMatch(m -> m.contains("docker-credential-secretservice")), progress.toString());
    }

    @Test
    void redirectedBlobsGetNoAuthorization() throws Exception {
        registry.auth = FakeRegistry.Auth.BEARER;
        registry.anonymousTokens = true;
        registry.putImage("team/app", "1.4", amd64);
        try (FakeRegistry storage = new FakeRegistry("127.0.0.2")) {
            amd64.blobs().forEach(storage::putBlob);
            registry.redirectBlobsTo = "http://" + storage.host();
            PulledImage image = pull(registry.host() + "/team/app:1.4");
            assertEquals(2, image.layers().size());
            assertEquals(3, storage.blobRequests.get());
            assertTrue(storage.authorizations.stream().allMatch(String::isEmpty), storage.authorizations.toString());
        }
    }

    @Test
    void aRefusedConnectionNamesTheHost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        OciException e = assertThrows(OciException.class, () -> pull("127.0.0.1:" + port + "/team/app:1.4"));
        assertInstanceOf(SourceUnavailableException.class, e);
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    private Path dockerConfig(String key, String user, String password) throws IOException {
        Path config = temp.resolve("config.json");
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\"auths\":{\"" + key + "\":{\"auth\":\"" + auth + "\"}}}");
        return config;
    }

    private Path usernamePasswordConfig(String key, String user, String password) throws IOException {
        Path config = temp.resolve("config.json");
        Files.writeString(config, "{\"auths\":{\"" + key + "\":{\"username\":\"" + user + "\",\"password\":\""
                + password + "\"}}}");
        return config;
    }

    /** Every file under blobs/ has the digest it is named by, and tmp/ is empty. */
    private void assertCacheHoldsOnlyVerifiedBlobs() throws IOException {
        CacheDirectory dir = cache.directory();
        if (Files.isDirectory(dir.blobs())) {
            try (Stream<Path> files = Files.list(dir.blobs())) {
                for (Path f : files.toList()) {
                    assertEquals(f.getFileName().toString(), PullSteps.sha256(Files.readAllBytes(f)).hex());
                }
            }
        }
        if (Files.isDirectory(dir.tmp())) {
            try (Stream<Path> files = Files.list(dir.tmp())) {
                assertEquals(List.of(), files.toList());
            }
        }
    }
}
