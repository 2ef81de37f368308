package dev.portajava.it;

import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import dev.portajava.tree.Content;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import dev.portajava.tree.PlanConflictException;
import dev.portajava.tree.PlanEntry;
import dev.portajava.tree.Xattrs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Extension images for portable services, made as upstream's tests make them: an extension-release file in
 * {@code usr/lib/extension-release.d/}, unit files, nothing else. A file name ending in {@code .raw} gives a squashfs
 * written by portajava's writer from a plan, any other a directory.
 */
final class ExtensionImages {

    /** The unit of extension {@code app}: it runs the base image's shell, says so, and waits. */
    static String service(String app) {
        return "[Unit]\nDescription=" + app + " from an extension\n\n[Service]\nExecStart=/usr/bin/sh -c 'echo "
                + app + " runs; exec sleep 3600'\n";
    }

    /** The unit of extension {@code app} that also counts its starts in its {@code StateDirectory=}. */
    static String statefulService(String app) {
        return "[Unit]\nDescription=" + app + " from an extension, with state\n\n[Service]\nStateDirectory=" + app
                + "\nExecStart=/usr/bin/sh -c 'echo " + app + " runs; echo start >> /var/lib/" + app
                + "/starts; exec sleep 3600'\n";
    }

    /**
     * The extension image {@code dir/fileName} with {@code extension-release.RELEASE_NAME} holding {@code release},
     * and the given units (name to content).
     *
     * @param strict the {@code user.extension-release.strict} xattr of the release file, if any
     */
    static Path write(Path dir, String fileName, String releaseName, String release, Optional<String> strict,
            Map<String, String> units) {
        try {
            ImagePlan.Builder plan = ImagePlan.builder();
            plan.put(PlanEntry.directory(ImagePath.ROOT, 0755, 0, 0, 0));
            PlanEntry releaseFile = file("/usr/lib/extension-release.d/extension-release." + releaseName, release);
            if (strict.isPresent()) {
                releaseFile = releaseFile.withXattrs(Xattrs.NONE.with("user.extension-release.strict",
                        strict.get().getBytes(StandardCharsets.UTF_8)));
            }
            plan.put(releaseFile);
            for (var unit : units.entrySet()) {
                plan.put(file("/usr/lib/systemd/system/" + unit.getKey(), unit.getValue()));
            }
            Path image = dir.resolve(fileName);
            if (fileName.endsWith(".raw")) {
                SquashfsWriter.of(SquashfsOptions.defaults().withOwner(0).withTime(0)).write(plan.build(), image);
                return image;
            }
            if (strict.isPresent()) {
                throw new IllegalArgumentException("a directory extension gets no xattr here");
            }
            write(image.resolve("usr/lib/extension-release.d/extension-release." + releaseName), release);
            for (var unit : units.entrySet()) {
                write(image.resolve("usr/lib/systemd/system/" + unit.getKey()), unit.getValue());
            }
            return image;
        } catch (PlanConflictException | SquashfsException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static PlanEntry file(String path, String content) {
        return PlanEntry.file(ImagePath.of(path), 0644, 0, 0, 0,
                new Content.Inline(content.getBytes(StandardCharsets.UTF_8)));
    }

    private ExtensionImages() {
    }
}
