package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.CopyMode;
import dev.portajava.attach.UnreadableImageException;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskImageWriter;
import dev.portajava.ddi.internal.GptPartition;
import dev.portajava.ddi.internal.GptWriter;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPT disk images (ddi): portajava reads the squashfs of the root partition systemd mounts on this machine, and
 * refuses a disk it cannot read that way, whichever backend would attach it.
 */
class DiskImageReadingTest {

    private static final Architecture HERE = Architecture.ofThisMachine().orElseThrow();
    private static final Architecture OTHER = HERE == Architecture.X86_64 ? Architecture.ARM64 : Architecture.X86_64;
    /** systemd's usr partition type for x86-64: mounted over the root's /usr, where units and os-release are. */
    private static final UUID USR_X86_64 = UUID.fromString("8484680c-9521-48c6-9c11-b0720656f69e");

    @TempDir
    Path dir;

    private Path root;
    private NativeImages images;
    private Path squashfs;

    @BeforeEach
    void host() throws Exception {
        root = TestTrees.host(dir);
        images = new NativeImages(new HostTree(root, false), new FakeUnits(), Optional.empty(), StepHook.NONE);
        Path tree = TestTrees.image(dir.resolve("tree"), "1", "app.service");
        squashfs = dir.resolve("fs.squashfs");
        SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(tree, squashfs);
    }

    private String refusal(Path image) {
        UnreadableImageException e = assertThrows(UnreadableImageException.class, () -> images.attachImage(image.toString(), List.of(),
                List.of(), "strict", false, CopyMode.AUTO, false));
        assertEquals(List.of(), TestTrees.listing(root), "nothing is attached");
        return e.getMessage();
    }

    @Test
    void attach_diskImageWithASquashfsRoot_readsTheRootPartition() throws Exception {
        Path ddi = dir.resolve("app_1.raw");
        DiskImageWriter.write(squashfs, ddi, HERE, Optional.empty());

        images.attachImage(ddi.toString(), List.of(), List.of("app"), "strict", false, CopyMode.AUTO, false);

        Path attached = root.resolve("etc/systemd/system.attached");
        assertTrue(Files.readString(attached.resolve("app.service")).contains("app.service version 1"));
        assertTrue(Files.readString(attached.resolve("app.service.d/20-portable.conf")).contains("RootImage=" + ddi));
    }

    @Test
    void attach_diskImageWithAnExt4Root_isRefused() throws Exception {
        byte[] ext4 = new byte[8192];
        ext4[1080] = 0x53;
        ext4[1081] = (byte) 0xef;
        Path filesystem = Files.write(dir.resolve("fs.ext4"), ext4);
        Path ddi = dir.resolve("app_1.raw");
        DiskImageWriter.write(filesystem, ddi, HERE, Optional.empty());

        assertEquals(ddi + ": the root-" + HERE.label() + " partition holds an ext4 file system; portajava reads"
                + " squashfs root partitions only", refusal(ddi));
    }

    @Test
    void attach_diskImageWithAUsrPartition_isRefused() throws Exception {
        Path ddi = disk(List.of(HERE.rootType(), USR_X86_64));

        assertEquals(ddi + ": the GPT disk image has a partition of type " + USR_X86_64 + "; portajava reads disk"
                + " images with root, root-verity and root-verity-sig partitions only", refusal(ddi));
    }

    @Test
    void attach_diskImageWithoutARootForThisMachine_isRefused() throws Exception {
        Path ddi = disk(List.of(OTHER.rootType()));

        assertEquals(ddi + ": the GPT disk image has 0 root-" + HERE.label() + " partitions; systemd mounts an image"
                + " with exactly one", refusal(ddi));
    }

    @Test
    void attach_fileThatIsBothSquashfsAndGpt_isRefused() throws Exception {
        Path ddi = disk(List.of(HERE.rootType()));
        try (FileChannel channel = FileChannel.open(ddi, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {'h', 's', 'q', 's'}), 0); // in the MBR's boot code
        }

        assertEquals(ddi + ": both a squashfs file system and a GPT disk image; systemd might mount another file"
                + " system than the one portajava reads", refusal(ddi));
    }

    /** A GPT disk with the squashfs in each partition of {@code types}. */
    private Path disk(List<UUID> types) throws Exception {
        Path disk = dir.resolve("app_1.raw");
        byte[] fs = Files.readAllBytes(squashfs);
        long sectors = (fs.length + 511) / 512;
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            List<GptPartition> partitions = new java.util.ArrayList<>();
            long first = 2048;
            for (UUID type : types) {
                channel.write(ByteBuffer.wrap(fs), first * 512);
                partitions.add(new GptPartition(type, UUID.randomUUID(), first, first + sectors - 1, 0, "p"));
                first += 2048 * ((sectors + 2047) / 2048);
            }
            GptWriter.write(channel, (first + 2048) * 512, UUID.randomUUID(), partitions);
        }
        return disk;
    }
}
