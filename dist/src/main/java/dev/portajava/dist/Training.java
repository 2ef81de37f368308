package dev.portajava.dist;

import dev.portajava.attach.dbus.TrainingBus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The commands the start-up archives are trained on, and what they need: a small spec to build, a registry on the
 * loopback serving a small image to build from ({@link TrainingRegistry}), an empty root tree to attach the image
 * to, and a bus that answers an attach and a detach through portabled as a host does ({@link TrainingBus}), so that
 * those run as on a host. Their cache is the training's own.
 */
final class Training implements AutoCloseable {

    /**
     * The service's program: a static x86-64 ELF executable that exits with 0 (one loadable segment, no
     * interpreter), so that the build's check of the Exec programs passes and the training goes on to attach.
     */
    static final byte[] STATIC_PROGRAM = staticProgram();

    private final Path work;
    private final TrainingBus bus;
    private final TrainingRegistry registry;

    private Training(Path work, TrainingBus bus, TrainingRegistry registry) {
        this.work = work;
        this.bus = bus;
        this.registry = registry;
    }

    static Training start(Path work) throws IOException {
        Path spec = Files.createDirectories(work.resolve("spec"));
        Files.writeString(spec.resolve("portable.toml"), "[image]\nname = \"train\"\nversion = \"1\"\n"
                + "units = [\"train.service\"]\n\n[[file]]\nfrom = \"train\"\nto = \"/usr/bin/train\"\n"
                + "mode = \"0755\"\n");
        Files.write(spec.resolve("train"), STATIC_PROGRAM);
        Files.writeString(spec.resolve("train.service"), "[Service]\nExecStart=/usr/bin/train\n");
        // a root tree is recognised by systemd's shared library, whose name gives the version
        Path library = Files.createDirectories(work.resolve("root/usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(library.resolve("libsystemd-shared-252.so"));
        TrainingBus bus = TrainingBus.start();
        return new Training(work, bus, TrainingRegistry.start(STATIC_PROGRAM));
    }

    /**
     * One training command: its arguments, and whether it must succeed. Those that start or stop units fail on the
     * training bus (it has no units) after loading what they load on a host; every other one failing means the
     * training went wrong.
     */
    record Command(List<String> args, boolean mustSucceed) {

        /** The command's name: its first argument ({@code --version} for {@code --version}). */
        String name() {
            return args.get(0);
        }
    }

    /** The training commands, in order. */
    List<Command> commands() {
        String image = work.resolve("train.raw").toString();
        String root = work.resolve("root").toString();
        String spec = work.resolve("spec").toString();
        List<Command> commands = new ArrayList<>(List.of(ok("--version"), ok("--help"), ok("attach", "--help"),
                ok("build", spec, "-o", image),
                ok("build", "--from", registry.image(), "-o", work.resolve("train-from.raw").toString()),
                ok("inspect", image)));
        // the other compressors' classes (and zstd's and lz4's native libraries), as an image of each is read
        for (String compression : List.of("zstd", "xz", "lz4")) {
            String compressed = work.resolve("train-" + compression + ".raw").toString();
            commands.add(ok("build", spec, "-o", compressed, "--compression", compression));
            commands.add(ok("inspect", compressed));
        }
        commands.addAll(List.of(
                ok("attach", image, "--root", root, "--backend", "native", "--profile", "strict",
                        "--image-path", "/var/lib/portables/train.raw"),
                ok("detach", image, "--root", root, "--backend", "native"),
                ok("attach", image, "--backend", "portabled", "--profile", "strict"),
                ok("is-attached", image, "--backend", "portabled"),
                ok("detach", image, "--backend", "portabled"),
                onBus("attach", image, "--backend", "portabled", "--profile", "strict", "--now"),
                onBus("detach", image, "--backend", "portabled", "--now"),
                ok("profiles", "list")));
        return commands;
    }

    private static Command ok(String... args) {
        return new Command(List.of(args), true);
    }

    private static Command onBus(String... args) {
        return new Command(List.of(args), false);
    }

    /** Writes {@code commands} to {@code file} for the cli's {@code TrainingRun}: a line each, tab-separated. */
    Path write(List<Command> commands, Path file) throws IOException {
        return Files.write(file, commands.stream().map(command -> String.join("\t", command.args())).toList());
    }

    /** Checks {@code TrainingRun}'s exit codes, one per command of {@code commands}, against what each must do. */
    void check(List<Command> commands, List<String> exitCodes) throws IOException {
        if (exitCodes.size() != commands.size()) {
            throw new IOException("the training ran " + exitCodes.size() + " of its " + commands.size()
                    + " commands: see " + log());
        }
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).mustSucceed() && !exitCodes.get(i).equals("0")) {
                throw new IOException("training command " + commands.get(i).args() + " failed with exit code "
                        + exitCodes.get(i) + ": see " + log());
            }
        }
    }

    /** Runs {@code commandLine} with the training bus as the system bus and the training's own cache. */
    void run(List<String> commandLine) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("DBUS_SYSTEM_BUS_ADDRESS", bus.address());
        environment.put("XDG_CACHE_HOME", work.resolve("cache").toString()); // not the cache of whoever builds
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the training did not finish in 300 s: see " + log());
        }
        if (process.exitValue() != 0) {
            throw new IOException("the training failed with exit code " + process.exitValue() + ": see " + log());
        }
    }

    /** The log of the training's commands. */
    Path log() {
        return work.resolve("training.log");
    }

    @Override
    public void close() throws InterruptedException, IOException {
        registry.close();
        bus.close();
    }

    private static byte[] staticProgram() {
        byte[] code = {(byte) 0xb8, 60, 0, 0, 0, 0x31, (byte) 0xff, 0x0f, 0x05}; // mov eax, 60 (exit); xor edi, edi; syscall
        int headers = 64 + 56;
        long base = 0x400000;
        ByteBuffer elf = ByteBuffer.allocate(headers + code.length).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // 64-bit, little-endian
        elf.putShort((short) 2).putShort((short) 0x3e).putInt(1); // an executable, for x86-64
        elf.putLong(base + headers).putLong(64).putLong(0); // entry point, program headers, no section headers
        elf.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1); // one program header
        elf.putShort((short) 64).putShort((short) 0).putShort((short) 0);
        elf.putInt(1).putInt(5).putLong(0).putLong(base).putLong(base); // PT_LOAD, r-x, the whole file at base
        elf.putLong(headers + code.length).putLong(headers + code.length).putLong(0x1000);
        elf.put(code);
        return elf.array();
    }
}
