package dev.portajava.builder.internal;

import dev.portajava.builder.internal.launch.ImageFiles;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The staging tree's files as a program started from the image sees them. */
public final class StagingImageFiles implements ImageFiles {

    private static final Set<PosixFilePermission> EXECUTE = Set.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private final StagingTree tree;

    public StagingImageFiles(StagingTree tree) {
        this.tree = tree;
    }

    @Override
    public Optional<String> resolve(String path) {
        return tree.resolve(path).map(host -> "/" + tree.root().relativize(host));
    }

    @Override
    public Optional<RegularFile> regularFile(String resolved) {
        Path host = host(resolved);
        try {
            if (!Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(host, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new RegularFile(Files.size(host), mode.stream().anyMatch(EXECUTE::contains)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public SeekableByteChannel open(String resolved) throws IOException {
        return Files.newByteChannel(host(resolved), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<String> list(String resolved) throws IOException {
        Path host = host(resolved);
        if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(host)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path host(String resolved) {
        return tree.root().resolve(resolved.replaceFirst("^/+", ""));
    }
}
