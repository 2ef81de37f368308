package dev.portajava.builder.internal.launch;

import static dev.portajava.text.ControlCharacters.escapedUnambiguously;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a program can start from the image, as the kernel and the loader will start it: an ELF program's
 * loader ({@code PT_INTERP}) and every library it needs are in the image, of its class and machine; a script's
 * {@code #!} interpreter is an executable in the image that can start in turn, and {@code #!/usr/bin/env NAME}
 * finds {@code NAME} in the service's {@code PATH}. A file that is neither (a format only {@code binfmt_misc} may
 * know) is not checked. Every answer comes from the image: nothing is read on the build host.
 */
public final class ProgramCheck {

    /** Scripts whose interpreter is a script: the kernel follows five in a row at most. */
    private static final int MAX_SCRIPTS = 5;
    /** Programs started by {@code env} in turn, followed before giving up. */
    private static final int MAX_PROGRAMS = 8;

    private final ImageFiles files;
    private final LaunchEnvironment environment;
    private int programs;

    public ProgramCheck(ImageFiles files, LaunchEnvironment environment) {
        this.files = files;
        this.environment = environment;
    }

    /**
     * Checks the program at {@code path}, an absolute path in the image that names an executable file.
     *
     * @return why it could not be checked completely, if so
     * @throws CannotStartException why it cannot start
     */
    public Optional<String> check(String path) throws CannotStartException, IOException {
        programs = 0;
        return execute(path, new ArrayList<>());
    }

    /** What an {@code execve} of {@code path} does; {@code scripts}: the scripts that led here, in this execve. */
    private Optional<String> execute(String path, List<String> scripts) throws CannotStartException, IOException {
        Optional<String> resolved = files.resolve(path);
        if (resolved.isEmpty() || files.regularFile(resolved.get()).isEmpty()) {
            throw new CannotStartException("is not in the image");
        }
        if (!files.regularFile(resolved.get()).get().executable()) {
            throw new CannotStartException("is not executable");
        }
        byte[] head = head(resolved.get());
        if (ElfReader.isElf(head)) {
            return elf(resolved.get());
        }
        if (Shebang.isScript(head)) {
            if (scripts.contains(resolved.get())) {
                throw new CannotStartException("is a script whose interpreters loop back to it");
            }
            if (scripts.size() >= MAX_SCRIPTS) {
                throw new CannotStartException("is a script whose interpreters nest deeper than the "
                        + MAX_SCRIPTS + " levels the kernel follows");
            }
            List<String> chain = new ArrayList<>(scripts);
            chain.add(resolved.get());
            return script(Shebang.parse(head), chain);
        }
        return Optional.of("it is neither an ELF file nor a script");
    }

    private Optional<String> script(Shebang shebang, List<String> scripts) throws CannotStartException, IOException {
        String interpreter = shebang.interpreter();
        if (!interpreter.startsWith("/")) {
            return Optional.of("its interpreter " + escapedUnambiguously(interpreter)
                    + " is relative to the working directory");
        }
        String subject = "its interpreter " + escapedUnambiguously(interpreter);
        Optional<String> unchecked;
        try {
            unchecked = execute(interpreter, scripts);
        } catch (CannotStartException e) {
            throw new CannotStartException(nested(subject, e.getMessage(), false) + windowsLineEnd(interpreter));
        }
        if (!interpreter.substring(interpreter.lastIndexOf('/') + 1).equals("env")) {
            return unchecked;
        }
        Optional<String> name = EnvCommand.program(shebang.argument());
        if (name.isEmpty()) {
            return unchecked;
        }
        return env(subject, name.get()).or(() -> unchecked);
    }

    /** What {@code env NAME} runs: {@code NAME} looked up in the service's {@code PATH}, as execvp looks. */
    private Optional<String> env(String subject, String name) throws CannotStartException, IOException {
        if (++programs > MAX_PROGRAMS) {
            return Optional.of("env starts programs that start env, more than " + MAX_PROGRAMS + " deep");
        }
        String found = null;
        if (name.contains("/")) {
            if (!name.startsWith("/")) {
                return Optional.of("env runs " + escapedUnambiguously(name) + ", relative to the working directory");
            }
            found = name;
        } else if (!environment.known()) {
            return Optional.of("env looks up " + escapedUnambiguously(name)
                    + " in a PATH the unit may take from the host");
        } else {
            List<String> dirs = List.of(environment.path().split(":", -1));
            if (dirs.stream().anyMatch(dir -> !dir.startsWith("/"))) {
                return Optional.of("env looks up " + escapedUnambiguously(name)
                        + " in a PATH with a relative directory");
            }
            found = PathSearch.find(files, dirs, name).orElseThrow(() -> new CannotStartException(subject + " runs "
                    + escapedUnambiguously(name) + ", which is not in its PATH (" + environment.path() + ")"
                    + windowsLineEnd(name)));
        }
        try {
            return execute(found, new ArrayList<>());
        } catch (CannotStartException e) {
            throw new CannotStartException(nested(subject + " runs "
                    + escapedUnambiguously(found), e.getMessage(), true));
        }
    }

    private Optional<String> elf(String resolved) throws CannotStartException, IOException {
        ElfFile elf = read(resolved);
        if (elf.type() != ElfFile.ET_EXEC && elf.type() != ElfFile.ET_DYN) {
            throw new CannotStartException("is " + elf.typeName() + ", not a program");
        }
        if (elf.interpreter().isEmpty()) {
            return Optional.empty(); // statically linked: the kernel starts it as it is
        }
        String loader = elf.interpreter().get();
        if (!loader.startsWith("/")) {
            return Optional.of("its interpreter " + escapedUnambiguously(loader)
                    + " is relative to the working directory");
        }
        String subject = "its interpreter " + escapedUnambiguously(loader);
        Optional<String> found = files.resolve(loader);
        if (found.isEmpty() || files.regularFile(found.get()).isEmpty()) {
            throw new CannotStartException(subject + " is not in the image");
        }
        if (!files.regularFile(found.get()).get().executable()) {
            throw new CannotStartException(subject + " is not executable");
        }
        ElfFile loaderElf;
        try {
            if (!ElfReader.isElf(head(found.get()))) {
                throw new CannotStartException(subject + " is not an ELF file");
            }
            loaderElf = read(found.get());
        } catch (CannotStartException e) {
            throw new CannotStartException(nested(subject, e.getMessage(), false));
        }
        if (!elf.sameKind(loaderElf)) {
            throw new CannotStartException(subject + " is " + loaderElf.kind() + ", not " + elf.kind()
                    + " like the program");
        }
        return new LibrarySearch(files, environment, elf, loader).check(resolved, loaderElf);
    }

    private ElfFile read(String resolved) throws CannotStartException, IOException {
        try (SeekableByteChannel channel = files.open(resolved)) {
            return ElfReader.read(channel);
        } catch (MalformedElfException e) {
            throw new CannotStartException("is not a valid ELF file: " + e.getMessage());
        }
    }

    /** The first bytes of a file, as many as the kernel reads to tell its format. */
    private byte[] head(String resolved) throws IOException {
        try (SeekableByteChannel channel = files.open(resolved)) {
            ByteBuffer buffer = ByteBuffer.allocate(Shebang.BUFFER);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // until full or at the end
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /**
     * A problem of something a program starts, told from the program: "its interpreter /a, whose interpreter /b is
     * not in the image", "its interpreter /a needs libx.so" (or, for a program run by env, "…, which needs libx.so").
     */
    private static String nested(String subject, String problem, boolean which) {
        if (problem.startsWith("its ")) {
            return subject + ", whose " + problem.substring(4);
        }
        return subject + (which ? ", which " : " ") + problem;
    }

    private static String windowsLineEnd(String interpreter) {
        return interpreter.endsWith("\r") ? " (the script has Windows line ends)" : "";
    }
}
