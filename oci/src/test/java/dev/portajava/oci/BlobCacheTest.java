package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCacheTest {

    @TempDir
    Path temp;

    private BlobCache cache() {
        return new BlobCache(new CacheDirectory(temp.resolve("cache")));
    }

    private static final byte[] CONTENT = "a layer, more or less\n".getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = PullSteps.sha256(CONTENT);

    @Test
    void storesAndFinds() throws Exception {
        BlobCache cache = cache();
        assertTrue(cache.find(DIGEST).isEmpty());
        Path stored = cache.store(DIGEST, CONTENT.length, new ByteArrayInputStream(CONTENT), "test blob");
        assertEquals(temp.resolve("cache/blobs/sha256/" + DIGEST.hex()), stored);
        assertArrayEquals(CONTENT, Files.readAllBytes(stored));
        assertEquals(stored, cache.find(DIGEST).orElseThrow());
        assertEquals(List.of(), list(cache.directory().tmp()));
        // an unknown size is fine; storing again replaces the identical file
        assertEquals(stored, cache.store(DIGEST, -1, new ByteArrayInputStream(CONTENT), "test blob"));
    }

    @Test
    void received_countsTheBytesOfEveryBlobItRead_storedOrRefused() throws Exception {
        BlobCache cache = cache();
        assertEquals(0, cache.received());
        cache.store(DIGEST, CONTENT.length, new ByteArrayInputStream(CONTENT), "test blob");
        assertEquals(CONTENT.length, cache.received());
        Digest other = PullSteps.sha256("something else".getBytes(StandardCharsets.UTF_8));
        assertThrows(OciException.class, () -> cache.store(other, -1, new ByteArrayInputStream(CONTENT), "layer X"));
        assertEquals(2L * CONTENT.length, cache.received(), "read before it was refused");
    }

    @Test
    void refusesTheWrongDigest() {
        BlobCache cache = cache();
        Digest other = PullSteps.sha256("something else".getBytes(StandardCharsets.UTF_8));
        OciException e = assertThrows(OciException.class,
                () -> cache.store(other, CONTENT.length, new ByteArrayInputStream(CONTENT), "layer X"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertEquals("layer X: content has digest " + DIGEST + ", expected " + other, e.getMessage());
        assertNothingKept(cache);
    }

    @Test
    void aFollowerReadsTheBlobWhileItIsWrittenAndEndsWhenItIsStored() throws Exception {
        BlobCache cache = cache();
        byte[] content = new byte[1 << 20];
        new Random(7).nextBytes(content);
        Digest digest = PullSteps.sha256(content);
        CompletableFuture<byte[]> followed = new CompletableFuture<>();
        Path stored = cache.store(digest, content.length, new ByteArrayInputStream(content), "layer X",
                readOnAThread(followed));
        assertArrayEquals(content, followed.get(10, TimeUnit.SECONDS));
        assertArrayEquals(content, Files.readAllBytes(stored));
    }

    @Test
    void aFollowerOfARefusedBlobGetsAnErrorNotAnEnd() throws Exception {
        BlobCache cache = cache();
        Digest other = PullSteps.sha256("something else".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<byte[]> followed = new CompletableFuture<>();
        assertThrows(InvalidSourceException.class, () -> cache.store(other, CONTENT.length,
                new ByteArrayInputStream(CONTENT), "layer X", readOnAThread(followed)));
        ExecutionException e = assertThrows(ExecutionException.class, () -> followed.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals("layer X: content has digest " + DIGEST + ", expected " + other, e.getCause().getMessage());
        assertNothingKept(cache);
    }

    /** A follower that reads its stream to the end on a thread of its own, into {@code read}. */
    private static Consumer<InputStream> readOnAThread(CompletableFuture<byte[]> read) {
        return in -> new Thread(() -> {
            try (in) {
                read.complete(in.readAllBytes());
            } catch (IOException e) {
                read.completeExceptionally(e);
            }
        }).start();
    }

    @Test
    void refusesTooFewBytes() {
        BlobCache cache = cache();
        OciException e = assertThrows(OciException.class,
                () -> cache.store(DIGEST, CONTENT.length + 1, new ByteArrayInputStream(CONTENT), "layer X"));
        assertEquals("layer X: " + CONTENT.length + " bytes, expected " + (CONTENT.length + 1) + " (" + DIGEST + ")",
                e.getMessage());
        assertNothingKept(cache);
    }

    @Test
    void stopsReadingAsSoonAsThereAreTooManyBytes() {
        BlobCache cache = cache();
        long[] served = new long[1];
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served[0] += len;
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        OciException e = assertThrows(OciException.class, () -> cache.store(DIGEST, 1000, endless, "layer X"));
        assertInstanceOf(InvalidSourceException.class, e);
        assertTrue(e.getMessage().startsWith("layer X: more than the expected 1000 bytes"), e.getMessage());
        assertEquals(1001, served[0]);
        assertNothingKept(cache);
    }

    @Test
    void aFailingSourceLeavesNothing() {
        BlobCache cache = cache();
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 10) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        OciException e = assertThrows(OciException.class, () -> cache.store(DIGEST, 100, failing, "layer X"));
        assertInstanceOf(SourceUnavailableException.class, e);
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
        assertNothingKept(cache);
    }

    @Test
    void spool_computesTheDigestAndKeepsTheBlobAmongTheTemporariesOnly() throws Exception {
        BlobCache cache = cache();
        BlobCache.Stored stored = cache.spool(null, CONTENT.length, new ByteArrayInputStream(CONTENT), "x");
        assertEquals(DIGEST, stored.digest());
        assertEquals(CONTENT.length, stored.size());
        assertTrue(stored.path().startsWith(cache.directory().tmp()), stored.path().toString());
        assertArrayEquals(CONTENT, Files.readAllBytes(stored.path()));
        assertTrue(cache.find(DIGEST).isEmpty(), "an archive's blobs are not kept in the cache");
    }

    @Test
    void concurrentStoresOfOneBlobAreSafe() throws Exception {
        BlobCache cache = cache();
        byte[] big = new byte[3 << 20];
        new Random(7).nextBytes(big);
        Digest digest = PullSteps.sha256(big);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> cache.store(digest, big.length, new ByteArrayInputStream(big), "big")));
            }
            for (Future<Path> f : results) {
                Path stored = f.get();
                assertEquals(cache.find(digest).orElseThrow(), stored);
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(big, Files.readAllBytes(cache.find(digest).orElseThrow()));
        assertEquals(List.of(), list(cache.directory().tmp()));
    }

    private static void assertNothingKept(BlobCache cache) {
        assertEquals(List.of(), list(cache.directory().blobs()));
        assertEquals(List.of(), list(cache.directory().tmp()));
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
