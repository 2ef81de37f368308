package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.CopyMode;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Images that would have portabled copy a host file into /etc/systemd/system.attached, or block on a FIFO: each
 * is refused by the one check every read goes through, for directory and squashfs images alike, naming the entry,
 * and nothing is written. Symlinks are made in the image trees only; nothing follows them on the host.
 */
class HostileImageTest {

    private static final String UNITS = "/usr/lib/systemd/system/";

    @TempDir
    Path dir;

    private Path root;
    private NativeImages images;

    @BeforeEach
    void host() throws IOException {
        root = TestTrees.host(dir);
        images = new NativeImages(new HostTree(root, false), new FakeUnits(), Optional.empty(), StepHook.NONE);
    }

    /** The tree of a good image with app.service; a test adds the hostile entry. */
    private Path tree() throws IOException {
        return TestTrees.image(dir.resolve("tree"), "1", "app.service");
    }

    /** The image of {@code tree} in {@code format}: the directory itself, or a squashfs written from it. */
    private Path image(Path tree, String format) throws IOException {
        if (format.equals("directory")) {
            return tree;
        }
        Path raw = dir.resolve("app_1.raw");
        try {
            SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0).withSpecialFiles(true)).write(tree, raw);
        } catch (dev.portajava.squashfs.SquashfsException e) {
            throw new IOException(e);
        }
        return raw;
    }

    private String refusal(Path image) {
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> images.attachImage(image.toString(), List.of(),
                List.of("app"), "strict", false, CopyMode.AUTO, false));
        assertEquals(List.of(), TestTrees.listing(root), "nothing is attached");
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    private static void link(Path tree, String path, String target) throws IOException {
        Path link = tree.resolve(path.substring(1));
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(target));
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Files.createDirectories(path.getParent());
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0, "mkfifo " + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_unitLinkedToAnAbsolutePath_isRefused(String format) throws IOException {
        Path tree = tree();
        link(tree, UNITS + "app-shadow.service", "/etc/shadow");
        Path image = image(tree, format);

        assertEquals(image + ": " + UNITS + "app-shadow.service is a symlink to /etc/shadow, which leaves the image",
                refusal(image));
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_unitLinkedAboveTheImageRoot_isRefused(String format) throws IOException {
        Path tree = tree();
        link(tree, UNITS + "app-up.service", "../../../../../../etc/shadow");
        Path image = image(tree, format);

        assertEquals(image + ": " + UNITS + "app-up.service is a symlink to ../../../../../../etc/shadow, which leaves"
                + " the image", refusal(image));
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_unitLinkedToWhatTheImageLacks_isRefused(String format) throws IOException {
        Path tree = tree();
        link(tree, UNITS + "app-gone.service", "../../../../etc/shadow");
        Path image = image(tree, format);

        assertEquals(image + ": " + UNITS + "app-gone.service is a symlink to ../../../../etc/shadow, which is not in"
                + " the image", refusal(image));
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_fifoUnit_isRefused(String format) throws Exception {
        Path tree = tree();
        mkfifo(tree.resolve("usr/lib/systemd/system/app-fifo.service"));
        Path image = image(tree, format);

        assertEquals(image + ": " + UNITS + "app-fifo.service is a FIFO, not a regular file", refusal(image));
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_unitLinkedToAFifoInTheImage_isRefused(String format) throws Exception {
        Path tree = tree();
        mkfifo(tree.resolve("run/pipe"));
        link(tree, "/etc/systemd/system/app-pipe.service", "../../../run/pipe");
        Path image = image(tree, format);

        assertEquals(image + ": /etc/systemd/system/app-pipe.service is a symlink to ../../../run/pipe, which is a"
                + " FIFO, not a regular file", refusal(image));
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_directoryNamedLikeAUnit_isRefused(String format) throws IOException {
        Path tree = tree();
        Files.createDirectories(tree.resolve("usr/lib/systemd/system/app-dir.service"));
        Path image = image(tree, format);

        assertEquals(image + ": " + UNITS + "app-dir.service is a directory, not a regular file", refusal(image));
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_osReleaseLinkedOutOfTheImage_isRefused(String format) throws IOException {
        Path tree = tree();
        link(tree, "/etc/os-release", "/etc/shadow");
        Path image = image(tree, format);

        assertEquals(image + ": /etc/os-release is a symlink to /etc/shadow, which leaves the image", refusal(image));
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_dropInLinkedOutOfTheImage_isRefused(String format) throws IOException {
        Path tree = tree();
        link(tree, UNITS + "app.service.d/override.conf", "/etc/shadow");
        Path image = image(tree, format);

        assertEquals(image + ": " + UNITS + "app.service.d/override.conf is a symlink to /etc/shadow, which leaves"
                + " the image", refusal(image));
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_chainThatLeavesFurtherOn_namesTheLinkThatLeaves(String format) throws IOException {
        Path tree = tree();
        link(tree, UNITS + "app-hop.service", "../../../../etc/hop");
        link(tree, "/etc/hop", "/etc/shadow");
        Path image = image(tree, format);

        assertEquals(image + ": " + UNITS + "app-hop.service is a symlink to ../../../../etc/hop, which leaves the"
                + " image: /etc/hop links to /etc/shadow", refusal(image));
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "squashfs"})
    void attach_linksThatStayInside_areAttachedWithTheTargetsContent(String format) throws Exception {
        Path tree = tree();
        TestTrees.write(tree.resolve("etc/app-in.service"), "[Service]\nExecStart=/bin/true\n");
        link(tree, UNITS + "app-in.service", "../../../../etc/app-in.service");
        link(tree, UNITS + "app-alias.service", "app.service");
        link(tree, UNITS + "other.service", "/etc/shadow"); // no prefix of this image: nobody reads it
        Files.createDirectories(tree.resolve("etc"));
        link(tree, "/etc/os-release", "../usr/lib/os-release");
        Path image = image(tree, format);

        images.attachImage(image.toString(), List.of(), List.of("app"), "strict", false, CopyMode.COPY, false);

        Path attached = root.resolve("etc/systemd/system.attached");
        assertArrayEquals(Files.readAllBytes(tree.resolve("etc/app-in.service")),
                Files.readAllBytes(attached.resolve("app-in.service")));
        assertArrayEquals(Files.readAllBytes(tree.resolve("usr/lib/systemd/system/app.service")),
                Files.readAllBytes(attached.resolve("app-alias.service")));
        assertTrue(Files.notExists(attached.resolve("other.service"), LinkOption.NOFOLLOW_LINKS));
    }
}
