package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dynamically linked program in an image: Debian 12's bash and sleep, with the loader and the libraries
 * {@code ldd} names, all taken from the systemd test container. With all of them the image builds and the service
 * runs on the real systemd; without one library the build is refused, before anything is written, instead of the
 * service failing when it starts.
 */
class DynamicProgramIT {

    private static final String NAME = "dynprog";
    private static final String UNIT = NAME + ".service";
    private static final String PROGRAMS = "/usr/bin/bash /usr/bin/sleep";

    private static SystemdContainer systemd;
    private static Portajava portajava;
    private static Path files;
    /** Where each file taken from the container goes in the image: its path as ldd names it. */
    private static List<String> paths;

    @BeforeAll
    static void copyProgramsFromTheContainer() {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
        files = systemd.imagesDir().resolve(NAME + "-files");
        Set<String> needed = new LinkedHashSet<>(List.of(PROGRAMS.split(" ")));
        // "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)", "\t/lib64/ld-linux-x86-64.so.2 (0x…)"
        for (String line : systemd.run("sh", "-c", "ldd " + PROGRAMS).lines().toList()) {
            String path = line.contains("=> ") ? line.substring(line.indexOf("=> ") + 3).strip() : line.strip();
            if (line.startsWith("\t") && path.startsWith("/") && path.contains(" (")) {
                needed.add(path.substring(0, path.indexOf(" (")));
            }
        }
        paths = List.copyOf(needed);
        assertTrue(paths.stream().anyMatch(p -> p.endsWith("/libtinfo.so.6")), "bash needs libtinfo: " + paths);
        assertTrue(paths.stream().anyMatch(p -> p.endsWith("/ld-linux-x86-64.so.2")), "the loader: " + paths);
        // copied in the container (following its symlinks there) into the directory the host shares with it
        systemd.run("sh", "-c", "mkdir -p " + files + " && for f in " + String.join(" ", paths) + "; do cp -L $f "
                + files + "/$(echo $f | tr / _); done");
    }

    @AfterEach
    void detach() {
        portajava.run("detach", systemd.imagesDir().resolve(NAME + ".raw").toString(), "--now");
    }

    /** A spec directory with every file but {@code leftOut} (a file name), each at its path in the container. */
    private static Path spec(String leftOut) throws IOException {
        Path spec = Files.createDirectories(systemd.imagesDir().resolve(NAME + "-spec-" + (leftOut.isEmpty() ? "all"
                : "without-" + leftOut)));
        StringBuilder toml = new StringBuilder("[image]\nname = \"" + NAME + "\"\nversion = \"1\"\nunits = [\""
                + UNIT + "\"]\n");
        for (String path : paths) {
            if (leftOut.isEmpty() || !path.endsWith("/" + leftOut)) {
                toml.append("\n[[file]]\nfrom = \"").append(files.resolve(path.replace('/', '_')))
                        .append("\"\nto = \"").append(path).append("\"\nmode = \"0755\"\n");
            }
        }
        Files.writeString(spec.resolve("portable.toml"), toml);
        Files.writeString(spec.resolve(UNIT), String.join("\n", "[Service]",
                "ExecStart=/usr/bin/bash -c 'echo \"bash $BASH_VERSION from the image\"; exec /usr/bin/sleep infinity'",
                ""));
        return spec;
    }

    @Test
    void programWithItsLoaderAndLibraries_buildsAndRuns() throws Exception {
        Path image = systemd.imagesDir().resolve(NAME + ".raw");

        portajava.run("build", spec("").toString(), "-o", image.toString(), "--force").assertOk();
        portajava.run("attach", image.toString(), "--profile", "default", "--now").assertOk();

        Thread.sleep(500); // Type=simple is "active" right after fork: only a later look shows it kept running
        assertEquals("running", systemd.unitProperty(UNIT, "SubState"));
        assertEquals(image.toString(), systemd.unitProperty(UNIT, "RootImage"));
        String version = systemd.run("bash", "-c", "echo $BASH_VERSION").strip();
        assertTrue(systemd.journal(UNIT).contains("bash " + version + " from the image"), systemd.journal(UNIT));
        portajava.run("detach", image.toString(), "--now").assertOk();
        AttachProfilesIT.assertNothingLeft(systemd, NAME);
    }

    @Test
    void theSameImageWithoutOneLibrary_isRefusedAtBuild_andNothingIsWritten() throws Exception {
        Path out = Files.createDirectories(systemd.imagesDir().resolve(NAME + "-out"));
        Path spec = spec("libtinfo.so.6");

        Portajava.Result build = portajava.run("build", spec.toString(), "-o", out.resolve(NAME + ".raw").toString());

        build.assertExit(2);
        assertEquals(List.of("portajava: " + spec.resolve("portable.toml") + ": unit /usr/lib/systemd/system/" + UNIT
                + " line 2 ExecStart=/usr/bin/bash: needs libtinfo.so.6, which is not in the image (searched"
                + " /lib/x86_64-linux-gnu, /usr/lib/x86_64-linux-gnu, /lib64, /usr/lib64, /lib, /usr/lib and ld.so.conf)"),
                build.err().strip().lines().toList());
        try (Stream<Path> written = Files.list(out)) {
            assertEquals(List.of(), written.toList(), "nothing is written");
        }
        assertFalse(systemd.exists("/etc/systemd/system.attached/" + UNIT));
    }
}
