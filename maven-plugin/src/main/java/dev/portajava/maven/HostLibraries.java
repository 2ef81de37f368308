package dev.portajava.maven;

import dev.portajava.builder.internal.launch.ElfFile;
import dev.portajava.builder.internal.launch.ElfReader;
import dev.portajava.builder.internal.launch.MalformedElfException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The C libraries a runtime's programs and libraries need that the runtime does not hold itself ({@code libc},
 * {@code libz}, the dynamic loader …), found on the build host, whose JDK the runtime was linked from. They go into
 * the image at the same place under its root: the service sees the image, never the host.
 */
final class HostLibraries {

    private static final List<String> HOST_DIRECTORIES = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib");

    private final Path host;

    /** @param host the root the host's libraries are looked up under: {@code /} but in tests */
    HostLibraries(Path host) {
        this.host = host;
    }

    /**
     * The host files the ELF files under {@code runtime} need, by their path in the image (the directory the
     * library was found in, and the name it was asked by; the loader at the path the programs name).
     */
    Map<String, Path> neededBy(Path runtime) throws IOException {
        Set<String> own = new TreeSet<>();
        Deque<ElfFile> pending = new ArrayDeque<>();
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Optional<ElfFile> elf = read(file);
                if (elf.isPresent()) {
                    own.add(file.getFileName().toString());
                    pending.add(elf.get());
                }
            }
        }
        Map<String, Path> needed = new TreeMap<>();
        while (!pending.isEmpty()) {
            ElfFile elf = pending.remove();
            if (elf.interpreter().isPresent() && !needed.containsKey(elf.interpreter().get())) {
                String loader = elf.interpreter().get();
                needed.put(loader, existing(host.resolve(loader.substring(1)), loader));
            }
            for (String name : elf.needed()) {
                if (own.contains(name) || needed.keySet().stream().anyMatch(path -> path.endsWith("/" + name))) {
                    continue;
                }
                Path found = find(name, elf);
                needed.put(imagePath(found), found);
                read(found).ifPresent(pending::add);
            }
        }
        return needed;
    }

    private Path find(String name, ElfFile by) throws IOException {
        for (String directory : HOST_DIRECTORIES) {
            Path candidate = host.resolve(directory.substring(1)).resolve(name);
            if (Files.isRegularFile(candidate)) {
                Optional<ElfFile> elf = read(candidate);
                if (elf.isPresent() && elf.get().sameKind(by)) {
                    return candidate;
                }
            }
        }
        throw new IOException("the runtime needs the library " + name + ", which is in none of "
                + String.join(", ", HOST_DIRECTORIES) + " on this machine");
    }

    private String imagePath(Path found) {
        return "/" + host.relativize(found).toString();
    }

    private static Path existing(Path path, String name) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("the runtime's programs need the loader " + name + ", which is not on this machine");
        }
        return path;
    }

    private static Optional<ElfFile> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            if (!ElfReader.isElf(in.readNBytes(4))) {
                return Optional.empty();
            }
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            return Optional.of(ElfReader.read(channel));
        } catch (MalformedElfException e) {
            return Optional.empty();
        }
    }
}
