package dev.portajava.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The commands the start-up archive is trained on, and what they need: a small spec to build, an empty root tree
 * to attach the image to, and dbus-java's own bus daemon for a moment, so that connecting to a bus is trained too
 * (it has no portabled: those commands fail, after loading what they load on a host).
 */
final class Training implements AutoCloseable {

    private final Path work;
    private final Process bus;

    private Training(Path work, Process bus) {
        this.work = work;
        this.bus = bus;
    }

    static Training start(Path java, Path jar, Path work) throws IOException, InterruptedException {
        Path spec = Files.createDirectories(work.resolve("spec"));
        Files.writeString(spec.resolve("portable.toml"), "[image]\nname = \"train\"\nversion = \"1\"\n"
                + "units = [\"train.service\"]\n\n[[file]]\ncontent = \"#!/bin/sh\\n\"\nto = \"/usr/bin/train\"\n"
                + "mode = \"0755\"\n");
        Files.writeString(spec.resolve("train.service"), "[Service]\nExecStart=/usr/bin/train\n");
        // a root tree is recognised by systemd's shared library, whose name gives the version
        Path library = Files.createDirectories(work.resolve("root/usr/lib/x86_64-linux-gnu/systemd"));
        Files.createFile(library.resolve("libsystemd-shared-252.so"));
        Path socket = Files.createTempDirectory("pj-train-").resolve("bus");
        Process bus = new ProcessBuilder(java.toString(), "-cp", jar.toString(),
                "org.freedesktop.dbus.bin.DBusDaemon", "--listen", "unix:path=" + socket + ",listen=true",
                "-m", "AUTH_EXTERNAL").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        Files.writeString(work.resolve("bus.address"), "unix:path=" + socket);
        return new Training(work, bus);
    }

    /** The argument lists of the training commands, in order. */
    List<List<String>> commands() {
        String image = work.resolve("train.raw").toString();
        String root = work.resolve("root").toString();
        return List.of(List.of("--version"), List.of("--help"), List.of("attach", "--help"),
                List.of("build", work.resolve("spec").toString(), "-o", image),
                List.of("inspect", image),
                List.of("attach", image, "--root", root, "--backend", "native", "--profile", "strict",
                        "--image-path", "/var/lib/portables/train.raw"),
                List.of("detach", image, "--root", root, "--backend", "native"),
                List.of("is-attached", image, "--backend", "portabled"),
                List.of("attach", image, "--backend", "portabled", "--profile", "strict", "--now"),
                List.of("detach", image, "--backend", "portabled", "--now"),
                List.of("profiles", "list"));
    }

    /** Runs one command with the training bus as the system bus; its exit code does not matter. */
    void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("training.log").toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("DBUS_SYSTEM_BUS_ADDRESS", Files.readString(work.resolve("bus.address")));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("training command " + command + " did not finish in 120 s");
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        bus.destroy();
        bus.waitFor(10, TimeUnit.SECONDS);
        Path socket = Path.of(Files.readString(work.resolve("bus.address")).substring("unix:path=".length()));
        Files.deleteIfExists(socket);
        Files.deleteIfExists(socket.getParent());
    }
}
