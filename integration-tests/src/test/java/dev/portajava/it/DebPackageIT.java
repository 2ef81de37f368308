package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * The .deb as an administrator uses it, on Debian 12 with systemd 252 and no Java: {@code apt-get install} of the
 * file, attach and detach of a sample through the host's portabled, its man pages and bash completion, and
 * {@code apt-get purge}, after which nothing of portajava is left. The container is its own: the test changes its
 * system.
 */
class DebPackageIT {

    private static final Path DEB = Path.of(System.getProperty("portajava.deb"));

    @Test
    void deb_onSystemd252WithoutJava_installsAttachesDetachesAndPurgesClean() throws Exception {
        SystemdContainer systemd = SystemdContainer.startNew(SystemdContainer.IMAGE);
        try {
            assertNotEquals(0, systemd.exec("sh", "-c", "command -v java").getExitCode(), "java on the PATH");
            Path deb = Files.copy(DEB, systemd.imagesDir().resolve(DEB.getFileName()));

            ExecResult install = systemd.exec("apt-get", "install", "-y", "--no-install-recommends", deb.toString());
            assertEquals(0, install.getExitCode(), install.getStdout() + install.getStderr());
            List<String> files = systemd.run("dpkg", "-L", "portajava").lines().toList();

            assertEquals("/usr/share/man/man1/portajava-attach.1", systemd.run("man", "-w", "portajava-attach").strip());
            // a user's first command; the help is picocli's, whose classes the start-up archive must not break
            ExecResult help = systemd.exec("portajava", "attach", "--help");
            assertEquals(0, help.getExitCode(), help.getStdout() + help.getStderr());
            assertEquals(true, help.getStdout().startsWith("Usage: portajava attach [")
                    && help.getStdout().contains("--profile=NAME"), help.getStdout());
            List<String> commands = complete(systemd, "");
            assertEquals(true, commands.containsAll(List.of("attach", "detach", "build")), commands.toString());
            assertEquals(List.of("default", "jit", "nonetwork", "strict", "trusted"),
                    complete(systemd, "attach", "--profile", ""));

            attachAndDetach(systemd);

            systemd.run("apt-get", "purge", "-y", "portajava");
            assertNotEquals(0, systemd.exec("dpkg", "-s", "portajava").getExitCode(), "still known to dpkg");
            for (String file : files) {
                if (file.contains("portajava")) {
                    assertFalse(systemd.exists(file), file + " left after purge");
                }
            }
            // but the test's own: the directory of the images and the deb, and the installation
            // that built the sample
            assertEquals("", systemd.exec("sh", "-c", "find / -xdev -name '*portajava*' -not -path '"
                    + systemd.imagesDir() + "*' -not -path '" + Portajava.INSTALLATION + "*' 2>/dev/null").getStdout().strip());
        } finally {
            systemd.stop();
        }
    }

    /** The installed command attaches the hello sample with the strict profile, starts it, stops and detaches it. */
    private static void attachAndDetach(SystemdContainer systemd) throws InterruptedException {
        Path image = Portajava.against(systemd).buildSample("hello", systemd.imagesDir(), "hello.raw");
        ExecResult attach = systemd.exec("portajava", "attach", image.toString(), "--profile", "strict", "--now");
        assertEquals(0, attach.getExitCode(), attach.getStdout() + attach.getStderr());
        Thread.sleep(300);
        assertEquals("running", systemd.unitProperty("hello.service", "SubState"));
        ExecResult detach = systemd.exec("portajava", "detach", image.toString(), "--now");
        assertEquals(0, detach.getExitCode(), detach.getStdout() + detach.getStderr());
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
    }

    /** What bash completion, loaded as bash-completion loads it, offers after {@code portajava WORDS...}. */
    private static List<String> complete(SystemdContainer systemd, String... words) {
        String probe = "source /usr/share/bash-completion/bash_completion; __load_completion portajava || exit 3;"
                + " COMP_WORDS=(portajava \"$@\"); COMP_CWORD=$#; COMP_LINE=\"portajava $*\";"
                + " COMP_POINT=${#COMP_LINE}; _complete_portajava portajava \"${@: -1}\" 2>/dev/null;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", probe, "bash"));
        command.addAll(List.of(words));
        return systemd.run(command.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).map(String::strip)
                .toList();
    }
}
