package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The attach and detach options as portablectl has them, and the read-only commands, on a real systemd (252; --now
 * and --enable on every version).
 */
class AttachOptionsIT {

    private static SystemdContainer systemd;
    private static Portajava portajava;
    private static Path image;
    private static final Map<SystemdImage, Path> IMAGES = new EnumMap<>(SystemdImage.class);
    /** Where portablectl's {@code --enable} links hello.service. */
    private static final String WANTS = "/etc/systemd/system.attached/multi-user.target.wants/hello.service";

    @BeforeAll
    static void buildImage() {
        on(SystemdImage.BOOKWORM);
    }

    /** Points the tests at {@code version}'s container, with the image built into it once. */
    private static void on(SystemdImage version) {
        systemd = SystemdContainer.shared(version);
        portajava = Portajava.against(systemd);
        image = IMAGES.computeIfAbsent(version, v -> portajava.buildSample("hello", systemd.imagesDir(),
                "hello_1.0.raw"));
    }

    @AfterEach
    void detachLeftovers() {
        portajava.run("detach", image.toString(), "--now", "--enable");
        portajava.run("detach", image.toString(), "--now", "--enable", "--runtime");
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
        on(SystemdImage.BOOKWORM);
    }

    @Test
    void attachRuntime_writesUnderRunOnly_andDetachRuntimeRemovesIt() {
        portajava.run("attach", image.toString(), "--runtime").assertOk();
        assertTrue(systemd.exists("/run/systemd/system.attached/hello.service"));
        assertTrue(systemd.exists("/run/portables/hello_1.0.raw"));
        assertTrue(!systemd.exists("/etc/systemd/system.attached/hello.service"));
        assertEquals("attached-runtime", portajava.run("is-attached", image.toString()).assertOk().out().strip());

        portajava.run("detach", image.toString(), "--runtime").assertOk();
        assertEquals("detached", portajava.run("is-attached", image.toString()).assertExit(1).out().strip());
    }

    /**
     * portablectl's {@code --enable} links portable units below the attached directory, where systemd reads them, and
     * systemd reports their unit file as {@code disabled} (and portabled the image as {@code attached}): only
     * {@code /etc/systemd/system} counts for that.
     */
    @ParameterizedTest(name = "{0} {1}")
    @OnEverySystemd({"portabled", "native"})
    void attachEnable_linksTheUnitIntoItsTargetAsPortablectlDoes_andDetachEnableUnlinksIt(SystemdImage version,
            String backend) {
        on(version);
        Portajava.Result attach = runWith(backend, "attach", image.toString(), "--enable").assertOk();
        assertTrue(attach.out().contains(WANTS), attach.out());
        assertTrue(systemd.exists(WANTS));
        assertTrue(!systemd.exists("/etc/systemd/system/multi-user.target.wants/hello.service"));
        systemd.run("systemctl", "daemon-reload");
        assertEquals("multi-user.target", systemd.unitProperty("hello.service", "WantedBy"));
        assertEquals(systemd.run("portablectl", "is-attached", image.toString()).strip(),
                portajava.run("is-attached", image.toString()).assertOk().out().strip());

        runWith(backend, "detach", image.toString(), "--enable").assertOk();
        assertEquals("", hostFiles("hello*"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @OnEverySystemd({"portabled", "native"})
    void enable_portablectlAndPortajava_detachWhatTheOtherEnabled_andLeaveNothing(SystemdImage version,
            String backend) {
        on(version);
        systemd.run("portablectl", "attach", "--enable", image.toString());
        assertTrue(systemd.exists(WANTS));
        runWith(backend, "detach", image.toString(), "--enable").assertOk();
        assertEquals("", hostFiles("hello*"), "after portablectl attach --enable, portajava detach --enable");

        runWith(backend, "attach", image.toString(), "--enable").assertOk();
        systemd.run("portablectl", "detach", "--enable", image.toString());
        assertEquals("", hostFiles("hello*"), "after portajava attach --enable, portablectl detach --enable");
    }

    @Test
    void detachEnable_removesTheLinksAPlainEnableMade_asEarlierPortajavaDid() {
        portajava.run("attach", image.toString()).assertOk();
        systemd.run("systemctl", "enable", "hello.service");
        assertTrue(systemd.exists("/etc/systemd/system/multi-user.target.wants/hello.service"));

        Portajava.Result detach = portajava.run("detach", image.toString(), "--enable").assertOk();
        assertTrue(detach.out().contains("/etc/systemd/system/multi-user.target.wants/hello.service"), detach.out());
        assertEquals("", hostFiles("hello*"));
    }

    /**
     * Runs portajava with {@code backend}: portabled's from here, over the container's bus; the native one in the
     * container, whose files it writes.
     */
    private static Portajava.Result runWith(String backend, String... args) {
        String[] command = Stream.concat(Arrays.stream(args), Stream.of("--backend", backend))
                .toArray(String[]::new);
        return backend.equals("native") ? systemd.portajava(command) : portajava.run(command);
    }

    /** The files, directories and links under /etc/systemd named {@code name} ({@code find}'s pattern). */
    private static String hostFiles(String name) {
        return systemd.run("find", "/etc/systemd", "-name", name).strip();
    }

    @Test
    void attachCopy_copiesTheProfileDropIn() {
        portajava.run("attach", image.toString(), "--copy", "copy", "--profile", "strict").assertOk();
        String dropIn = "/etc/systemd/system.attached/hello.service.d/10-profile.conf";
        assertEquals(1, systemd.exec("test", "-L", dropIn).getExitCode(), "a copy, not a symlink");
        assertTrue(systemd.run("cat", dropIn).contains("TasksMax=4"));
        portajava.run("detach", image.toString()).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @OnEverySystemd
    void attachJsonNow_printsTheChangesAndTheRunningUnit(SystemdImage version) throws Exception {
        on(version);
        Portajava.Result attach = portajava.run("attach", image.toString(), "--json", "--now").assertOk();
        JsonNode json = new ObjectMapper().readTree(attach.out());
        assertEquals(image.toString(), json.get("image").asText());
        assertEquals("default", json.get("profile").asText());
        assertEquals("hello.service", json.get("units").get(0).asText());
        assertEquals("running", json.get("started").get(0).get("subState").asText());
        boolean copied = false;
        for (JsonNode change : json.get("changes")) {
            copied |= change.get("type").asText().equals("copy")
                    && change.get("path").asText().equals("/etc/systemd/system.attached/hello.service");
        }
        assertTrue(copied, attach.out());
        portajava.run("detach", image.toString(), "--now").assertOk();
    }

    @Test
    void attachForce_replacesUnitsAlreadyAttached() {
        portajava.run("attach", image.toString()).assertOk();
        portajava.run("attach", image.toString(), "--profile", "strict").assertExit(1);
        portajava.run("attach", image.toString(), "--profile", "strict", "--force").assertOk();
        assertEquals("/usr/lib/systemd/portable/profile/strict/service.conf",
                systemd.run("readlink", "/etc/systemd/system.attached/hello.service.d/10-profile.conf").strip());
        portajava.run("detach", image.toString()).assertOk();
    }

    @Test
    void detach_byANewerVersionOfTheImage_detachesWhatTheOlderAttached() {
        Path newer = portajava.buildSample("hello", systemd.imagesDir(), "hello_2.0.raw");
        portajava.run("attach", image.toString()).assertOk();
        portajava.run("detach", newer.toString()).assertOk();
        assertEquals("detached", portajava.run("is-attached", image.toString()).assertExit(1).out().strip());
    }

    @Test
    void inspectListAndProfiles_describeTheImageAndTheHost() throws Exception {
        Portajava.Result inspect = portajava.run("inspect", image.toString(), "--cat").assertOk();
        assertTrue(inspect.out().contains("Hello, a portable service that counts its starts"), inspect.out());
        assertTrue(inspect.out().contains("ExecStart=/usr/bin/hello"), inspect.out());
        assertTrue(inspect.out().contains("PORTABLE_PREFIXES=hello"), inspect.out());

        portajava.run("attach", image.toString()).assertOk();
        JsonNode list = new ObjectMapper().readTree(portajava.run("list", "--json").assertOk().out());
        boolean listed = false;
        for (JsonNode entry : list) {
            listed |= entry.get("name").asText().equals("hello_1.0") && entry.get("state").asText().equals("attached");
        }
        assertTrue(listed, list.toString());
        portajava.run("detach", image.toString()).assertOk();

        String profiles = portajava.run("profiles", "list").assertOk().out();
        for (String profile : new String[] {"default", "jit", "nonetwork", "strict", "trusted"}) {
            assertTrue(profiles.contains(profile), profiles);
        }
    }
}
