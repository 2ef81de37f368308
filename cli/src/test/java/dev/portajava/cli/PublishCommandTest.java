package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
