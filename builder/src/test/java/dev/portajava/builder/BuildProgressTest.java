package dev.portajava.builder;

import static dev.portajava.builder.OciLayoutFixture.Entry.dir;
import static dev.portajava.builder.OciLayoutFixture.Entry.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.portajava.ddi.Architecture;
import dev.portajava.squashfs.SquashfsImage;
import dev.portajava.builder.internal.launch.TestElf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build reports each long phase it runs: started, then finished once, with what it did, in the order it ran. */
class BuildProgressTest {

    private static final Path SAMPLE = Path.of("../samples/hello");

    @TempDir
    Path dir;

    private final List<BuildProgress> reports = new CopyOnWriteArrayList<>();

    private ImageBuilder listened(ImageBuilder builder) {
        return builder.withListener(event -> event.progress().ifPresent(reports::add));
    }

    /** The phases in the order they started and finished: {@code write}, {@code write done}, … */
    private List<String> phases() {
        List<String> phases = new ArrayList<>();
        for (BuildProgress p : reports) {
            if (p.finished()) {
                phases.add(p.phase().label() + " done");
            } else if (p.files() == 0 && p.bytes() == 0 && !phases.contains(p.phase().label())) {
                phases.add(p.phase().label());
            }
        }
        return phases;
    }

    private BuildProgress finished(BuildPhase phase) {
        return reports.stream().filter(p -> p.finished() && p.phase() == phase).findFirst().orElseThrow();
    }

    /** The regular files of a squashfs image, each inode once, and the bytes of their contents. */
    private static long[] filesAndBytes(Path image) throws Exception {
        Set<Long> inodes = new HashSet<>();
        long[] bytes = {0};
        try (SquashfsImage read = SquashfsImage.open(image)) {
            read.walk(entry -> {
                if (entry.isFile() && inodes.add(entry.inodeNumber())) {
                    bytes[0] += entry.size();
                }
                return true;
            });
        }
        return new long[] {inodes.size(), bytes[0]};
    }

    @Test
    void squashfs_reportsTheWrite_withTheFilesWritten_andTheirBytesOutOfTheImagesAll() throws Exception {
        Path out = dir.resolve("hello.raw");
        listened(ImageBuilder.load(SAMPLE)).build(out);

        assertEquals(List.of("write", "write done"), phases());
        BuildProgress write = finished(BuildPhase.WRITE);
        long[] files = filesAndBytes(out);
        assertEquals(files[0], write.files());
        assertEquals(files[1], write.bytes());
        assertEquals(OptionalLong.of(files[1]), write.totalBytes(), "the time left is known while it runs");
    }

    @Test
    void ddi_reportsTheWrite_thenVerity_eachTimedOnItsOwn() throws Exception {
        Path squashfs = dir.resolve("hello.raw");
        listened(ImageBuilder.load(SAMPLE)).build(squashfs);
        BuildProgress squashfsWrite = finished(BuildPhase.WRITE);
        reports.clear();
        Path out = dir.resolve("hello_1.0.raw");
        listened(ImageBuilder.load(SAMPLE).withFormat(ImageFormat.DDI)).build(out);

        assertEquals(List.of("write", "write done", "verity", "verity done"), phases());
        assertEquals(Files.size(out), finished(BuildPhase.VERITY).bytes());
        assertEquals(List.of(squashfsWrite.files(), squashfsWrite.bytes()),
                List.of(finished(BuildPhase.WRITE).files(), finished(BuildPhase.WRITE).bytes()));
    }

    @Test
    void mksquashfs_reportsTheWrite_withTheImageSize_itsFilesUncounted() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/mksquashfs"))) { // scripts/provision.sh installs squashfs-tools
            assertNotEquals("true", System.getenv("CI"), "mksquashfs is not installed");
            abort("mksquashfs is not installed");
        }
        Path out = dir.resolve("hello.raw");
        listened(ImageBuilder.load(SAMPLE).withEngine(Engine.MKSQUASHFS)).build(out);

        assertEquals(List.of("write", "write done"), phases());
        assertEquals(0, finished(BuildPhase.WRITE).files());
        assertEquals(Files.size(out), finished(BuildPhase.WRITE).bytes());
        assertEquals(OptionalLong.empty(), finished(BuildPhase.WRITE).totalBytes());
    }

    @Test
    void sidecars_reportVerityOverTheSquashfs() throws Exception {
        Path out = dir.resolve("hello.raw");
        listened(ImageBuilder.load(SAMPLE)
                .withVerity(new VerityOptions(Architecture.X86_64, Optional.empty(), Optional.empty(), true)))
                .build(out);

        assertEquals(List.of("write", "write done", "verity", "verity done"), phases());
        assertEquals(Files.size(out), finished(BuildPhase.VERITY).bytes());
    }

    @Test
    void fromAContainerImage_reportsPullAndUnpack_withLayersAndFiles() throws Exception {
        Path layout = new OciLayoutFixture(Files.createDirectories(dir.resolve("layout")))
                .layer(dir("bin/"), file("bin/sh", 0755, TestElf.staticProgram().bytes()))
                .layer(file("srv/data", 0644, "12345\n"))
                .write(Map.of("Entrypoint", List.of("/bin/sh")));
        listened(ImageBuilder.fromImage("oci:" + layout, "app", "1.0", false)
                .withBaseImageOptions(BaseImageOptions.fromEnvironment(Map.of("HOME", dir.toString()))
                        .withArchitecture("amd64")))
                .build(dir.resolve("app.raw"));

        assertEquals(List.of("pull", "pull done", "unpack", "unpack done", "write", "write done"), phases());
        assertEquals(2, finished(BuildPhase.PULL).files());
        assertTrue(finished(BuildPhase.PULL).bytes() > 0);
        assertEquals(4, finished(BuildPhase.UNPACK).files(), "bin, bin/sh, srv, srv/data");
        assertEquals(TestElf.staticProgram().bytes().length + 6, finished(BuildPhase.UNPACK).bytes());
    }
}
