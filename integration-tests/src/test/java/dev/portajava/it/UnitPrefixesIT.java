package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An attach without PREFIX arguments takes only the units of the image's own prefixes: those its os-release
 * declares in {@code PORTABLE_PREFIXES=}, or, when it declares none, its name, as portablectl derives it from the
 * file name. Each image here also ships a unit of another name, which portabled, given no prefix, would attach and
 * the manager would load. portablectl, which derives the prefix from the image's name, is the judge: it attaches the
 * same files.
 */
class UnitPrefixesIT {

    private static final String UNITS = "usr/lib/systemd/system/";

    @TempDir
    static Path trees;

    private static SystemdContainer systemd;
    private static Portajava portajava;

    @BeforeAll
    static void buildImages() throws Exception {
        systemd = SystemdContainer.shared();
        portajava = Portajava.against(systemd);
        squashfs("declared", tree("declared", "ID=declared\nPORTABLE_PREFIXES=declared\n"));
        squashfs("undeclared", tree("undeclared", "ID=undeclared\n"));
    }

    @AfterEach
    void detach() {
        for (String name : List.of("declared", "undeclared")) {
            systemd.exec("portablectl", "detach", name);
        }
    }

    @ParameterizedTest(name = "{0}.raw with the {1} backend")
    @CsvSource({"declared, portabled", "declared, native", "undeclared, portabled", "undeclared, native"})
    void attach_withoutPrefixes_takesOnlyTheImagesOwnUnits_asPortablectlDoes(String name, String backend) {
        String image = systemd.imagesDir().resolve(name + ".raw").toString();

        Portajava.Result attached = backend.equals("portabled")
                ? portajava.run("attach", image, "--backend", "portabled")
                : systemd.portajava("attach", image, "--backend", "native");

        attached.assertExit(0);
        assertTrue(systemd.exists("/etc/systemd/system.attached/" + name + ".service"), systemd.attachedTree());
        assertTrue(systemd.exists("/etc/systemd/system.attached/" + name + "-worker.service"), systemd.attachedTree());
        assertFalse(systemd.exists("/etc/systemd/system.attached/stray.service"), systemd.attachedTree());
        assertEquals("not-found", systemd.unitProperty("stray.service", "LoadState"));
        assertFalse(attached.out().contains("stray"), attached.out());
        String ours = attachedPaths();

        systemd.portajava("detach", image, "--backend", backend).assertExit(0);
        AttachProfilesIT.assertNothingLeft(systemd, name);
        systemd.run("portablectl", "attach", image);
        assertEquals(attachedPaths(), ours, "the files portablectl attaches");
        systemd.run("portablectl", "detach", image);
    }

    @ParameterizedTest(name = "{0}.raw")
    @CsvSource({"declared", "undeclared"})
    void inspect_withoutPrefixes_listsTheUnitsAnAttachTakes(String name) {
        Portajava.Result inspected = systemd.portajava("inspect", systemd.imagesDir().resolve(name + ".raw").toString());

        inspected.assertExit(0);
        assertTrue(inspected.out().contains(name + "-worker.service"), inspected.out());
        assertFalse(inspected.out().contains("stray"), inspected.out());
    }

    /** The paths under the attached and portables directories, one per line, without contents. */
    private static String attachedPaths() {
        return systemd.attachedTree().lines().map(line -> line.split(" ")[line.startsWith("L ") ? 1 : 2])
                .collect(Collectors.joining("\n"));
    }

    /** An image tree NAME with os-release {@code osRelease}, units NAME, NAME-worker and stray. */
    private static Path tree(String name, String osRelease) throws Exception {
        Path tree = trees.resolve(name);
        Path units = Files.createDirectories(tree.resolve(UNITS));
        Files.writeString(tree.resolve("usr/lib/os-release"), osRelease);
        for (String unit : List.of(name, name + "-worker", "stray")) {
            Files.writeString(units.resolve(unit + ".service"), "[Service]\nExecStart=/bin/true\n");
        }
        return HandMadeImages.rootOf(tree);
    }

    private static void squashfs(String name, Path tree) throws Exception {
        HandMadeImages.squashfs(tree, systemd.imagesDir().resolve(name + ".raw"));
    }
}
