package dev.portajava.builder.internal;

import dev.portajava.tree.ImagePath;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.name.UnitType;
import dev.portajava.text.Words;
import dev.portajava.tree.Content;
import dev.portajava.tree.PlanConflictException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates what systemd mounts over when it runs a service from a read-only image: the empty files
 * {@code /etc/machine-id} and {@code /etc/resolv.conf}, the directories {@code /proc /sys /dev /run /tmp /var/tmp},
 * and the directories the units' {@code StateDirectory=}, {@code CacheDirectory=}, {@code LogsDirectory=} and
 * {@code ConfigurationDirectory=} settings bind.
 */
final class MountPointsStep implements BuildStep {

    private static final List<String> FILES = List.of("/etc/machine-id", "/etc/resolv.conf");
    private static final List<String> DIRECTORIES = List.of("/proc", "/sys", "/dev", "/run", "/tmp", "/var/tmp");
    private static final Map<String, String> DIRECTORY_SETTINGS = Map.of(
            "StateDirectory", "/var/lib",
            "CacheDirectory", "/var/cache",
            "LogsDirectory", "/var/log",
            "ConfigurationDirectory", "/etc");

    @Override
    public String name() {
        return "mount-points";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException {
        Set<String> directories = new TreeSet<>(DIRECTORIES);
        try {
            for (ImagePath path : UnitDirectories.unitFiles(context.plan(), context.spec().image().scope())) {
                if (UnitType.ofFileName(path.fileName()).orElse(null) != UnitType.SERVICE) {
                    continue;
                }
                Optional<UnitFile> unit = UnitDirectories.read(context.plan(), path);
                for (Map.Entry<String, String> setting : DIRECTORY_SETTINGS.entrySet()) {
                    unit.stream().flatMap(u -> u.values("Service", setting.getKey()).stream())
                            .flatMap(s -> Words.of(s.value()).stream())
                            .map(entry -> entry.split(":", 2)[0])
                            .filter(entry -> !entry.isEmpty())
                            .forEach(entry -> directories.add(setting.getValue() + "/" + entry));
                }
            }
            for (String dir : directories) {
                ImagePath path = ImagePath.of(dir);
                if (context.plan().resolve(dir).isEmpty()) {
                    context.plan().directory(path, 0755);
                }
            }
            for (String file : FILES) {
                if (!context.plan().exists(ImagePath.of(file))) {
                    context.plan().file(ImagePath.of(file), new Content.Inline(new byte[0]), 0644);
                }
            }
        } catch (IOException | PlanConflictException | IllegalArgumentException e) {
            throw context.invalid("cannot create the image's mount points: " + e.getMessage());
        }
        context.report(name(), String.join(" ", directories) + " " + String.join(" ", FILES));
    }
}
