package dev.portajava.feed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.ddi.SigningKeyException;
import dev.portajava.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedPublisherTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    static Path shared;
    private static TestFeeds.Keys keys;

    @TempDir
    Path work;

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = TestFeeds.keys(shared, "");
    }

    private Path feed() {
        return work.resolve("feed");
    }

    private FeedPublisher publisher(OptionalInt keep) throws Exception {
        FeedKey key = FeedKey.read(keys.secret(), Optional.empty());
        return new FeedPublisher(feed(), new PublishOptions(Optional.of(key), Optional.of(FeedAddress.parse(
                "https://feed.example.org/portables")), keep, "strict"), CLOCK);
    }

    @Test
    void publish_writesTheImagesUnderTheirVersionedNames_sumsThatMatch_andASignatureGpgvAccepts() throws Exception {
        Path hello = TestFeeds.image(work, "hello.raw", "hello", "1.0");

        PublishResult result = publisher(OptionalInt.empty()).publish(List.of(hello));

        assertArrayEquals(Files.readAllBytes(hello), Files.readAllBytes(feed().resolve("hello_1.0.raw")));
        assertEquals(List.of("SHA256SUMS", "SHA256SUMS.gpg", "hello.transfer", "hello_1.0.raw", "index.json"),
                files(feed()));
        Map<String, String> sums = new TreeMap<>();
        for (String file : List.of("hello_1.0.raw", "hello.transfer", "index.json")) {
            sums.put(file, Sha256.hex(feed().resolve(file)));
        }
        assertEquals(new Sha256Sums(sums).render(), Files.readString(feed().resolve("SHA256SUMS")));
        assertEquals("gpgv: Good signature", gpgv(feed()).lines().filter(l -> l.startsWith("gpgv: Good"))
                .findFirst().orElse(gpgv(feed())).replaceAll(" from .*", ""));
        String transfer = Files.readString(feed().resolve("hello.transfer"));
        assertTrue(transfer.contains("Path=https://feed.example.org/portables/\nMatchPattern=hello_@v.raw\n"), transfer);
        assertTrue(transfer.contains("Verify=yes\n"), transfer);
        FeedEntry entry = result.index().images().get(0);
        assertEquals(new FeedEntry("hello", "1.0", "hello_1.0.raw", Sha256.hex(hello), Files.size(hello),
                "The hello service", "strict"), entry);
        assertEquals(FeedIndex.parse(Files.readAllBytes(feed().resolve("index.json"))), result.index());
    }

    @Test
    void publishingTheSameImageAgain_changesNoByte() throws Exception {
        Path hello = TestFeeds.image(work, "hello_1.0.raw", "hello", "1.0");
        publisher(OptionalInt.empty()).publish(List.of(hello));
        Map<String, byte[]> before = contents(feed());

        PublishResult again = publisher(OptionalInt.empty()).publish(List.of(hello));

        assertEquals(List.of(), again.written());
        assertEquals(before.keySet(), contents(feed()).keySet());
        before.forEach((file, bytes) -> assertArrayEquals(bytes, contents(feed()).get(file), file));
    }

    @Test
    void anOlderVersionStays_untilKeepDropsIt() throws Exception {
        publisher(OptionalInt.empty()).publish(List.of(TestFeeds.image(work, "hello_1.9.raw", "hello", "1.9")));
        Path newer = TestFeeds.image(work, "hello_1.10.raw", "hello", "1.10");
        publisher(OptionalInt.empty()).publish(List.of(newer));
        assertTrue(Files.exists(feed().resolve("hello_1.9.raw")));

        PublishResult result = publisher(OptionalInt.of(1)).publish(List.of(newer));

        assertEquals(List.of("hello_1.9.raw"), result.removed(), "1.10 is newer than 1.9");
        assertFalse(Files.exists(feed().resolve("hello_1.9.raw")));
        assertFalse(Files.readString(feed().resolve("SHA256SUMS")).contains("hello_1.9.raw"));
        assertTrue(gpgv(feed()).contains("Good signature"));
    }

    @Test
    void anOlderVersionThanKeepKeeps_isNotCopiedIn() throws Exception {
        publisher(OptionalInt.empty()).publish(List.of(TestFeeds.image(work, "hello_2.0.raw", "hello", "2.0")));

        PublishResult result = publisher(OptionalInt.of(1)).publish(List.of(TestFeeds.image(work, "hello_1.0.raw",
                "hello", "1.0")));

        assertFalse(result.written().contains("hello_1.0.raw"), "1.0 is older than the one version kept");
        assertEquals(List.of("SHA256SUMS", "SHA256SUMS.gpg", "hello.transfer", "hello_2.0.raw", "index.json"),
                allFiles(feed()), "no lock file left");
    }

    @Test
    void anotherImageUnderAPublishedVersion_isRefused_andNothingIsWritten() throws Exception {
        publisher(OptionalInt.empty()).publish(List.of(TestFeeds.image(work, "hello_1.0.raw", "hello", "1.0")));
        Map<String, byte[]> before = contents(feed());
        Path other = TestFeeds.image(Files.createDirectory(work.resolve("other")), "hello_1.0.raw", "hello", "1.0x");

        FeedConflictException e = assertThrows(FeedConflictException.class,
                () -> publisher(OptionalInt.empty()).publish(List.of(other)));

        assertTrue(e.getMessage().contains("its file name says version 1.0, its os-release 1.0x"), e.getMessage());
        Path renamed = Files.move(TestFeeds.image(work.resolve("other"), "x.raw", "hello", "1.0"),
                work.resolve("other/hello_1.0.raw"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(renamed, "changed", java.nio.file.StandardOpenOption.APPEND);
        e = assertThrows(FeedConflictException.class, () -> publisher(OptionalInt.empty()).publish(List.of(renamed)));
        assertTrue(e.getMessage().endsWith("hello 1.0 is in the feed already with other content (sha256 "
                + Sha256.hex(feed().resolve("hello_1.0.raw")) + "); publish it as a new version"), e.getMessage());
        assertEquals(before.keySet(), contents(feed()).keySet());
        before.forEach((file, bytes) -> assertArrayEquals(bytes, contents(feed()).get(file), file));
    }

    @Test
    void aDirectoryWrittenBySomethingElse_isRefused() throws Exception {
        Files.createDirectories(feed());
        Files.writeString(feed().resolve("notes.txt"), "mine");

        FeedConflictException e = assertThrows(FeedConflictException.class, () -> publisher(OptionalInt.empty())
                .publish(List.of(TestFeeds.image(work, "hello_1.0.raw", "hello", "1.0"))));

        assertTrue(e.getMessage().contains("holds notes.txt and no index.json of portajava's"), e.getMessage());
        assertEquals(List.of("notes.txt"), files(feed()));
    }

    @Test
    void aKeyThatCannotSign_isRefusedInOneLine() throws Exception {
        Path notAKey = Files.writeString(work.resolve("key.asc"), "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxyz\n");
        SigningKeyException e = assertThrows(SigningKeyException.class,
                () -> FeedKey.read(notAKey, Optional.empty()));
        assertTrue(e.getMessage().startsWith(notAKey + ": not an OpenPGP secret key"), e.getMessage());

        SigningKeyException publicOnly = assertThrows(SigningKeyException.class,
                () -> FeedKey.read(keys.publicKeyRing(), Optional.empty()));
        assertTrue(publicOnly.getMessage().startsWith(keys.publicKeyRing() + ": "), publicOnly.getMessage());

        TestFeeds.Keys protectedKeys = TestFeeds.keys(Files.createDirectory(work.resolve("p")), "s3cret");
        SigningKeyException locked = assertThrows(SigningKeyException.class,
                () -> FeedKey.read(protectedKeys.secret(), Optional.empty()));
        assertTrue(locked.getMessage().endsWith("the key is protected by a passphrase; give it in"
                + " PORTAJAVA_KEY_PASSPHRASE"), locked.getMessage());
        assertEquals(FeedKey.read(protectedKeys.secret(), Optional.of("s3cret".toCharArray())).fingerprint().length(), 40);
    }

    @Test
    void aSignedFeed_isNotPublishedToWithoutItsKey() throws Exception {
        publisher(OptionalInt.empty()).publish(List.of(TestFeeds.image(work, "hello_1.0.raw", "hello", "1.0")));
        FeedPublisher unsigned = new FeedPublisher(feed(), new PublishOptions(Optional.empty(), Optional.empty(),
                OptionalInt.empty(), "default"), CLOCK);

        FeedConflictException e = assertThrows(FeedConflictException.class,
                () -> unsigned.publish(List.of(TestFeeds.image(work, "hello_2.0.raw", "hello", "2.0"))));

        assertTrue(e.getMessage().endsWith("the feed is signed; give the key that signs it (--key)"), e.getMessage());
        assertFalse(Files.exists(feed().resolve("hello_2.0.raw")));
    }

    private static String gpgv(Path feed) throws Exception {
        Path home = Files.createTempDirectory(feed.getParent(), "gnupg"); // inside the test's own directory
        Process gpgv = new ProcessBuilder("gpgv", "--homedir", home.toString(), "--keyring",
                keys.publicKeyRing().toString(), feed.resolve("SHA256SUMS.gpg").toString(),
                feed.resolve("SHA256SUMS").toString()).redirectErrorStream(true).start();
        String out = new String(gpgv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        gpgv.waitFor();
        return gpgv.exitValue() == 0 ? out : "gpgv failed: " + out;
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private static List<String> allFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, byte[]> contents(Path dir) {
        try {
            Map<String, byte[]> contents = new TreeMap<>();
            for (String file : files(dir)) {
                contents.put(file, Files.readAllBytes(dir.resolve(file)));
            }
            return contents;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
