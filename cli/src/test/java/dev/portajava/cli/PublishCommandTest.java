package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishCommandTest {

    private final FakeHost host = new FakeHost();

    @TempDir
    Path work;

    private Path raw(String file, String version) throws Exception {
        Path tree = TestImages.directory(Files.createTempDirectory(work, "tree"), "hello", "ID=debian\n"
                + "IMAGE_VERSION=" + version + "\nPORTABLE_PREFIXES=hello\n", "hello.service");
        Path image = work.resolve(file);
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, image);
        return image;
    }

    @Test
    void publish_unsigned_writesTheFeed_andWarnsThatItIsNotSigned() throws Exception {
        Path feed = work.resolve("feed");

        Cli cli = Cli.run(host, "publish", raw("hello.raw", "1.0").toString(), "--to", feed.toString(), "--url",
                "http://127.0.0.1:8080/");

        assertEquals(0, cli.code(), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertTrue(lines.contains("Written " + feed.resolve("hello_1.0.raw") + "."), cli.out());
        assertTrue(lines.contains("  hello 1.0  hello_1.0.raw"), cli.out());
        assertTrue(cli.errLine().startsWith("the feed is not signed"), cli.err());
        assertTrue(Files.readString(feed.resolve("hello.transfer")).contains("Verify=no\n"));
        assertEquals(List.of(), host.calls, "needs no bus");
        assertFalse(Files.exists(feed.resolve(".portajava-feed.lock")), "the lock file is removed");
    }

    @Test
    void publish_ofARelativeImagePath_toARelativeFeed_writesWhatTheAbsolutePathsWrite() throws Exception {
        Path image = raw("hello.raw", "1.0");
        Path absoluteFeed = work.resolve("feed-absolute");
        Cli absolute = Cli.run(host, "publish", image.toString(), "--to", absoluteFeed.toString(), "--url",
                "http://127.0.0.1:8080/");
        assertEquals(0, absolute.code(), absolute.err());

        CliProcess relative = CliProcess.run(work, Map.of(), "publish", "hello.raw", "--to", "feed", "--url",
                "http://127.0.0.1:8080/");

        assertEquals(0, relative.code(), relative.err());
        assertTrue(relative.out().lines().toList().contains("Written feed/hello_1.0.raw."), relative.out());
        Path feed = work.resolve("feed");
        assertEquals(files(absoluteFeed), files(feed), "the same files, and no lock file left");
        for (String file : files(feed)) {
            assertEquals(Files.readString(absoluteFeed.resolve(file), java.nio.charset.StandardCharsets.ISO_8859_1),
                    Files.readString(feed.resolve(file), java.nio.charset.StandardCharsets.ISO_8859_1), file);
        }
    }

    @Test
    void publish_thatIsRefused_leavesNoLockFile_andTheFeedAsItWas() throws Exception {
        Path feed = work.resolve("feed");
        assertEquals(0, Cli.run(host, "publish", raw("hello.raw", "1.0").toString(), "--to", feed.toString()).code());
        List<String> before = files(feed);
        Path other = Files.createDirectories(work.resolve("other"));
        Path clash = Files.move(raw("hello_1.0.raw", "1.0"), other.resolve("hello_1.0.raw"));
        Files.write(clash, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);

        Cli cli = Cli.run(host, "publish", clash.toString(), "--to", feed.toString());

        assertEquals(2, cli.code(), cli.err());
        assertTrue(cli.errLine().startsWith("portajava: " + clash + ": hello 1.0 is in the feed already"), cli.err());
        assertEquals(before, files(feed), "nothing written, no lock file left");
    }

    @Test
    void publish_ofARelativePathThatIsNoImage_exits2_namingItsFile_andLeavesNoFeedDirectory() throws Exception {
        Files.writeString(work.resolve("hello_1.0.raw"), "not an image\n");

        CliProcess cli = CliProcess.run(work, Map.of(), "publish", "hello_1.0.raw", "--to", "feed");

        assertEquals(2, cli.code(), cli.err());
        assertEquals("portajava: " + work.resolve("hello_1.0.raw") + ": neither a squashfs file system nor a GPT disk"
                + " image (it starts with 0x6e6f7420616e2069)", cli.errLine());
        assertFalse(Files.exists(work.resolve("feed")), "nothing half-written: no directory, no lock file");
    }

    @Test
    void publish_withAUrlThatIsNoFeedAddress_exits2_namingIt_andWritesNothing() throws Exception {
        Path feed = work.resolve("feed");

        Cli cli = Cli.run(host, "publish", raw("hello_1.0.raw", "1.0").toString(), "--to", feed.toString(), "--url",
                "ftp://feed.example.org/");

        assertEquals(2, cli.code());
        assertEquals(List.of("portajava: Invalid value for option '--url': 'ftp://feed.example.org/' is not a feed"
                + " address; a feed is a directory path, file://, http:// or https://",
                "Try 'portajava publish --help' for more information."), cli.err().lines().toList());
        assertFalse(Files.exists(feed));
    }

    /** The names of the files in {@code directory}, hidden ones too, sorted. */
    private static List<String> files(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void publish_withAKeyThatIsNone_exits2_inOneLine_andWritesNothing() throws Exception {
        Path key = Files.writeString(work.resolve("key.asc"), "not a key\n");
        Path feed = work.resolve("feed");

        Cli cli = Cli.run(host, "publish", raw("hello_1.0.raw", "1.0").toString(), "--to", feed.toString(), "--key",
                key.toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: " + key + ": holds no OpenPGP secret key that can sign", cli.errLine());
        assertFalse(Files.exists(feed));
    }

    @Test
    void publish_recommendingAProfileNameThatIsNone_exits2_inOneLine_andWritesNothing() throws Exception {
        Path feed = work.resolve("feed");

        Cli cli = Cli.run(host, "publish", raw("hello_1.0.raw", "1.0").toString(), "--to", feed.toString(),
                "--profile", "../etc");

        assertEquals(2, cli.code());
        assertEquals(List.of("portajava: Invalid value for option '--profile': '../etc' is not a valid profile name",
                "Try 'portajava publish --help' for more information."), cli.err().lines().toList());
        assertFalse(Files.exists(feed));
    }

    @Test
    void publish_ofAnImageWithoutVersion_exits2() throws Exception {
        Path tree = TestImages.hello(Files.createTempDirectory(work, "tree"), "hello");
        Path image = work.resolve("hello.raw");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, image);

        Cli cli = Cli.run(host, "publish", image.toString(), "--to", work.resolve("feed").toString());

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().endsWith("has no version (neither NAME_VERSION.raw nor IMAGE_VERSION=); a feed serves"
                + " versioned images"), cli.err());
    }

    @Test
    void publish_ofAnImageWhoseFileIsNamedOtherwiseThanItsUnits_exits2_sayingWhatToNameIt() throws Exception {
        Path image = Files.move(raw("hello.raw", "1.0"), work.resolve("hx_1.0.raw"));
        Path feed = work.resolve("feed");

        Cli cli = Cli.run(host, "publish", image.toString(), "--to", feed.toString());

        assertEquals(2, cli.code(), cli.err());
        assertEquals("portajava: " + image + ": a feed serves it as 'hx', the name in its file name, but its units"
                + " have the prefix hello; name the file hello_VERSION.raw", cli.errLine());
        assertFalse(Files.exists(feed.resolve("hx_1.0.raw")));
    }
}
