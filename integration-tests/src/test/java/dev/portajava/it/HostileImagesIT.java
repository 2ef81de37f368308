package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Images that would make systemd 252's portabled copy a host file into /etc/systemd/system.attached (it follows a
 * unit file's symlink on the host), or that hold a FIFO where a unit file should be: refused on both backends, and
 * by inspect, with exit 2 and one line naming the entry, leaving nothing on the host and printing nothing of the
 * host's /etc/shadow. Each image also has a good unit, which portabled would otherwise attach.
 */
class HostileImagesIT {

    private static final String UNITS = "/usr/lib/systemd/system/";

    @TempDir
    static Path trees;

    private static SystemdContainer systemd;
    private static Portajava portajava;

    @BeforeAll
    static void buildImages() throws Exception {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
        squashfs("shadow", tree("shadow", "shadow.service", "/etc/shadow"));
        squashfs("climb", tree("climb", "climb.service", "../../../../../../etc/shadow"));
        squashfs("dotdot", tree("dotdot", "dotdot.service", "../../../../etc/shadow"));
        squashfs("fifo", tree("fifo", "fifo.service", null));
        Path directory = systemd.imagesDir().resolve("leak");
        copy(tree("leak", "leak.service", "/etc/shadow"), directory);
    }

    static Stream<Arguments> hostile() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : List.of("portabled", "native")) {
            cases.add(Arguments.of("shadow.raw", backend, UNITS + "shadow.service is a symlink to /etc/shadow, which"
                    + " leaves the image"));
            cases.add(Arguments.of("climb.raw", backend, UNITS + "climb.service is a symlink to"
                    + " ../../../../../../etc/shadow, which leaves the image"));
            cases.add(Arguments.of("dotdot.raw", backend, UNITS + "dotdot.service is a symlink to ../../../../etc/shadow,"
                    + " which is not in the image"));
            cases.add(Arguments.of("fifo.raw", backend, UNITS + "fifo.service is a FIFO, not a regular file"));
            cases.add(Arguments.of("leak", backend, UNITS + "leak.service is a symlink to /etc/shadow, which leaves the"
                    + " image"));
        }
        return cases.stream();
    }

    @AfterEach
    void detachWhateverWasAttached() {
        for (String name : List.of("shadow", "climb", "dotdot", "fifo", "leak")) {
            systemd.exec("portablectl", "detach", name);
        }
    }

    @ParameterizedTest(name = "{0} with the {1} backend")
    @MethodSource("hostile")
    void attach_ofAHostileImage_isRefused_andLeavesNothing(String file, String backend, String problem) {
        Path image = systemd.imagesDir().resolve(file);
        String name = file.replace(".raw", "");

        Portajava.Result result = backend.equals("portabled")
                ? portajava.run("attach", image.toString(), "--backend", "portabled", "--now")
                : systemd.portajava("attach", image.toString(), "--backend", "native", "--now");

        result.assertExit(2);
        assertEquals("portajava: " + image + ": " + problem, result.err().strip());
        AttachProfilesIT.assertNothingLeft(systemd, name);
        assertEquals("not-found", systemd.unitProperty(name + "-good.service", "LoadState"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void inspectCat_ofAHostileImage_isRefused_andPrintsNothingOfTheHost(String file, String backend, String problem) {
        Path image = systemd.imagesDir().resolve(file);

        Portajava.Result result = backend.equals("portabled") ? portajava.run("inspect", image.toString(), "--cat")
                : systemd.portajava("inspect", image.toString(), "--cat");

        result.assertExit(2);
        assertEquals("portajava: " + image + ": " + problem, result.err().strip());
        assertFalse(result.out().contains("root:"), result.out());
    }

    /** An image tree NAME with a good unit NAME-good.service and {@code unit}: a symlink to {@code target}, or a FIFO. */
    private static Path tree(String name, String unit, String target) throws Exception {
        Path tree = trees.resolve(name);
        Path units = Files.createDirectories(tree.resolve(UNITS.substring(1)));
        Files.writeString(tree.resolve("usr/lib/os-release"), "ID=" + name + "\nPORTABLE_PREFIXES=" + name + "\n");
        Files.writeString(units.resolve(name + "-good.service"), "[Service]\nExecStart=/bin/true\n");
        if (target != null) {
            Files.createSymbolicLink(units.resolve(unit), Path.of(target));
        } else {
            HandMadeImages.run("mkfifo", units.resolve(unit).toString());
        }
        return HandMadeImages.rootOf(tree);
    }

    private static void squashfs(String name, Path tree) throws Exception {
        HandMadeImages.squashfs(tree, systemd.imagesDir().resolve(name + ".raw"));
    }

    /** A directory image: the tree, copied with its symlinks as they are (cp -a never follows them). */
    private static void copy(Path tree, Path directory) throws Exception {
        HandMadeImages.run("cp", "-a", tree.toString(), directory.toString());
    }
}
