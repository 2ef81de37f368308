package dev.portajava.squashfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.tree.Content;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import dev.portajava.tree.PlanEntry;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer tells its progress of each file's inode once, in data order: hard links, empty files and duplicates too. */
class FileProgressTest {

    @TempDir
    Path temp;

    private static ImagePlan plan() throws Exception {
        byte[] large = new byte[3 * 4096 + 100];
        new Random(7).nextBytes(large);
        ImagePlan.Builder plan = ImagePlan.builder();
        plan.put(file("/b/large", large)).put(file("/a/small", "small".getBytes(StandardCharsets.UTF_8)))
                .put(file("/a/empty", new byte[0])).put(file("/c/copy", large))
                .hardLink(ImagePath.of("/a/small"), ImagePath.of("/c/link"))
                .put(PlanEntry.symlink(ImagePath.of("/c/symlink"), "copy", 0, 0, 0));
        return plan.build();
    }

    private static PlanEntry file(String path, byte[] bytes) {
        return PlanEntry.file(ImagePath.of(path), 0644, 0, 0, 0, new Content.Inline(bytes));
    }

    @Test
    void write_toldOfEachFileOnce_inDataOrder_adding_upToThePlansBytes() throws Exception {
        ImagePlan plan = plan();
        List<Long> told = new CopyOnWriteArrayList<>();

        SquashfsWriter.of(SquashfsOptions.defaults().withBlockSize(4096)).withProgress(told::add)
                .write(plan, temp.resolve("image.sqfs"));

        // /a/empty, /a/small (and its link /c/link), /b/large, /c/copy: names sorted, depth first
        assertEquals(List.of(0L, 5L, 3L * 4096 + 100, 3L * 4096 + 100), told);
        assertEquals(plan.fileCount(), told.size());
        assertEquals(plan.fileBytes(), told.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void writeIntoAChannel_isToldTheSame() throws Exception {
        ImagePlan plan = plan();
        List<Long> told = new CopyOnWriteArrayList<>();

        try (FileChannel channel = FileChannel.open(temp.resolve("disk"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            SquashfsWriter.of(SquashfsOptions.defaults().withBlockSize(4096)).withProgress(told::add)
                    .write(plan, channel, 8192, SquashfsWriter.WriteObserver.NONE);
        }

        assertEquals(List.of(0L, 5L, 3L * 4096 + 100, 3L * 4096 + 100), told);
    }
}
