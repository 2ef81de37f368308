package dev.portajava.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.local.HostTree;
import dev.portajava.attach.remote.RemoteHost;
import dev.portajava.profiles.ProfileName;
import dev.portajava.profiles.UnknownProfileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortablesTest {

    private static final String IMAGE = "/var/lib/portables/hello.raw";
    private static final String ATTACHED = "/etc/systemd/system.attached/";

    /** What portabled reports for attaching hello.raw with a service, a template and a socket. */
    private static final List<Change> ATTACH_CHANGES = List.of(
            new Change(ChangeType.MKDIR, ATTACHED + "hello.service.d", ""),
            new Change(ChangeType.WRITE, ATTACHED + "hello.service.d/20-portable.conf", ""),
            new Change(ChangeType.SYMLINK, ATTACHED + "hello.service.d/10-profile.conf",
                    "/usr/lib/systemd/portable/profile/default/service.conf"),
            new Change(ChangeType.COPY, ATTACHED + "hello.service", IMAGE),
            new Change(ChangeType.COPY, ATTACHED + "hello@.service", IMAGE),
            new Change(ChangeType.SYMLINK, ATTACHED + "hello.socket", IMAGE),
            new Change(ChangeType.SYMLINK, "/etc/portables/hello.raw", IMAGE));

    private FakeHost host;
    private Portables portables;

    @BeforeEach
    void host() {
        host = new FakeHost();
        host.attachChanges = ATTACH_CHANGES;
        portables = new Portables(host.factory(), new ProfileInstaller(Path.of("/nonexistent/profile"),
                new HostTree(Path.of("/nonexistent"), false)));
    }

    @Test
    void attach_byDefault_checksProfileAttachesAndReloads() throws Exception {
        AttachResult result = portables.attach(request("default", false, false, false));

        assertEquals(List.of("connect", "profiles", "attachImage " + IMAGE + " [] default auto", "reload", "close"),
                host.calls);
        assertEquals(ATTACH_CHANGES, result.changes());
        assertEquals("default", result.profile());
        assertEquals(List.of(), result.enableChanges());
        assertEquals(List.of(), result.started());
    }

    @Test
    void attach_derivesUnitsFromChanges_withoutDropInsOrPortablesLink() throws Exception {
        AttachResult result = portables.attach(request("default", false, false, false));

        assertEquals(List.of("hello.service", "hello@.service", "hello.socket"), result.units());
    }

    @Test
    void attach_runtime_derivesUnitsFromRunDirectory() throws Exception {
        host.attachChanges = List.of(
                new Change(ChangeType.WRITE, "/run/systemd/system.attached/hello.service.d/20-portable.conf", ""),
                new Change(ChangeType.COPY, "/run/systemd/system.attached/hello.service", IMAGE),
                new Change(ChangeType.SYMLINK, "/run/portables/hello.raw", IMAGE));

        AttachResult result = portables.attach(new AttachRequest(IMAGE, List.of(), List.of("hello"), new ProfileName("strict"),
                CopyMode.COPY, true, false, false, false, true));

        assertEquals(List.of("hello.service"), result.units());
        assertTrue(host.calls.contains("attachImage " + IMAGE + " [hello] strict runtime copy force"), host.calls::toString);
    }

    @Test
    void attach_whenNoReload_doesNotReload() throws Exception {
        portables.attach(request("default", false, false, true));

        assertFalse(host.calls.contains("reload"), host.calls::toString);
    }

    @Test
    void attach_whenEnable_enablesTheAttachedUnitsAfterReload() throws Exception {
        AttachResult result = portables.attach(request("default", true, false, false));

        assertEquals(List.of("connect", "profiles", "attachImage " + IMAGE + " [] default auto", "reload",
                "enable [hello.service, hello@.service, hello.socket]", "close"), host.calls);
        assertEquals(3, result.enableChanges().size());
    }

    @Test
    void attach_whenNow_startsOnlyNonTemplateUnits() throws Exception {
        AttachResult result = portables.attach(request("default", false, true, false));

        assertEquals(List.of("connect", "profiles", "attachImage " + IMAGE + " [] default auto", "reload",
                "start hello.service", "start hello.socket", "close"), host.calls);
        assertEquals(List.of("hello.service", "hello.socket"), result.started().stream().map(UnitStatus::unit).toList());
    }

    @Test
    void attach_whenEnableAndNow_enablesBeforeStarting() throws Exception {
        portables.attach(request("default", true, true, false));

        assertTrue(host.calls.indexOf("enable [hello.service, hello@.service, hello.socket]")
                < host.calls.indexOf("start hello.service"), host.calls::toString);
    }

    @Test
    void attach_whenProfileUnknownEverywhere_refusesBeforeAttaching() {
        host.profiles = List.of("trusted", "custom", "default");

        UnknownProfileException e = assertThrows(UnknownProfileException.class,
                () -> portables.attach(request("nope", true, true, false)));

        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        // the host's and the built-in ones, once each, in order
        assertTrue(e.getMessage().contains("custom, default, jit, nonetwork, strict, trusted"), e.getMessage());
        assertEquals(List.of("connect", "profiles", "close"), host.calls);
    }

    @Test
    void attach_whenBuiltInProfileUnknownToPortabled_installsItWherePortabledLooks(@TempDir Path root)
            throws Exception {
        host.profiles = List.of("default", "trusted");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/machine-id"), host.machineId + "\n");
        Path profiles = root.resolve("etc/systemd/portable/profile");
        Portables installing = new Portables(host.factory(), new ProfileInstaller(profiles, new HostTree(root, false)));

        AttachResult result = installing.attach(request("strict", false, false, false));

        assertTrue(Files.readString(profiles.resolve("strict/service.conf")).contains("TasksMax=4"));
        assertEquals(new Change(ChangeType.WRITE, profiles.resolve("strict/service.conf").toString(), ""),
                result.changes().get(0));
        assertTrue(host.calls.contains("attachImage " + IMAGE + " [] strict auto"), host.calls::toString);
    }

    @Test
    void attach_whenBuiltInProfileUnknownToAnotherMachinesPortabled_isRefusedAndWritesNothing(@TempDir Path root)
            throws Exception {
        host.profiles = List.of("default", "trusted");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/machine-id"), "fedcba9876543210fedcba9876543210\n");
        Path profiles = root.resolve("etc/systemd/portable/profile");
        Portables installing = new Portables(host.factory(), new ProfileInstaller(profiles, new HostTree(root, false)));

        PortabledUnavailableException e = assertThrows(PortabledUnavailableException.class,
                () -> installing.attach(request("jit", false, false, false)));

        assertEquals("profile jit is built into portajava, but the host's portabled lacks it, and the system bus"
                + " belongs to machine " + host.machineId + ", not this one (fedcba9876543210fedcba9876543210):"
                + " portajava installs its profiles on this machine only; put it into " + profiles + " on that"
                + " machine, or run portajava there", e.getMessage());
        assertFalse(Files.exists(profiles));
        assertFalse(host.calls.toString().contains("attachImage"), host.calls::toString);
    }

    @Test
    void detach_whenNow_stopsUnitsBeforeDetaching() throws Exception {
        host.imageUnits = new TreeMap<>(Map.of("hello.service", "", "hello@.service", "", "hello.socket", ""));

        DetachResult result = portables.detach(new DetachRequest(IMAGE, List.of(), List.of(), false, false, true, false));

        assertEquals(List.of("connect", "imageMetadata " + IMAGE + " []", "stop hello.service", "stop hello.socket",
                "detachImage " + IMAGE, "reload", "close"), host.calls);
        assertEquals(List.of("hello.service", "hello.socket"), result.stopped().stream().map(UnitStatus::unit).toList());
    }

    @Test
    void detach_whenEnable_disablesBeforeDetaching() throws Exception {
        host.imageUnits = new TreeMap<>(Map.of("hello.service", ""));

        DetachResult result = portables.detach(new DetachRequest(IMAGE, List.of(), List.of("hello"), true, true, false, true));

        assertEquals(List.of("connect", "imageMetadata " + IMAGE + " [hello]", "disable [hello.service] runtime",
                "detachImage " + IMAGE + " runtime", "close"), host.calls);
        assertEquals(1, result.disableChanges().size());
    }

    @Test
    void detach_whenClean_cleansTheStoppedUnitsBeforeDetaching_andSaysHowOnSystemd252() throws Exception {
        host.imageUnits = new TreeMap<>(Map.of("hello.service", "", "hello@.service", "", "hello.socket", ""));
        host.nothingToClean = List.of("hello.socket");

        DetachResult result = portables.detach(new DetachRequest(IMAGE, List.of(), List.of(), false, false, true, false, true));

        assertEquals(List.of("connect", "imageMetadata " + IMAGE + " []", "stop hello.service", "stop hello.socket",
                "clean hello.service [all]", "clean hello.socket [all]", "detachImage " + IMAGE, "reload", "close"),
                host.calls);
        assertEquals(List.of("hello.service"), result.cleaned());
        assertEquals("systemd 252's portablectl has no --clean; portajava removed the data itself, through systemd's"
                + " CleanUnit", result.cleanNote());
    }

    @Test
    void detach_whenCleanOnSystemd256_alsoEmptiesTheFileDescriptorStore_withoutANote() throws Exception {
        host.version = "262.1-1";
        host.imageUnits = new TreeMap<>(Map.of("hello.service", ""));

        DetachResult result = portables.detach(new DetachRequest(IMAGE, List.of(), List.of(), false, false, false, false, true));

        assertTrue(host.calls.contains("clean hello.service [all, fdstore]"), host.calls::toString);
        assertEquals("", result.cleanNote());
    }

    @Test
    void reattach_whenTheNewImageDropsAUnit_stopsAndDisablesIt_beforeTheReload_evenWithoutEnable() throws Exception {
        host.imageUnits = new TreeMap<>(Map.of("hello.service", ""));
        // portabled's first list: what the new image no longer has
        host.detachChanges = List.of(new Change(ChangeType.UNLINK, ATTACHED + "hello-extra.service", ""));
        host.attachChanges = List.of(new Change(ChangeType.COPY, ATTACHED + "hello.service", IMAGE));

        ReattachResult result = portables.reattach(new ReattachRequest(IMAGE, List.of(), List.of(),
                new ProfileName("default"), CopyMode.AUTO, false, false, false, false, false));

        assertEquals(List.of("connect", "profiles", "imageMetadata " + IMAGE + " []", "reattachImage " + IMAGE,
                "stop hello-extra.service", "disable [hello-extra.service]", "reload", "close"), host.calls);
        assertEquals(List.of(new Change(ChangeType.UNLINK, ATTACHED + "hello-extra.service", ""),
                new Change(ChangeType.UNLINK, ATTACHED + "multi-user.target.wants/hello-extra.service", "")),
                result.removed());
    }

    @Test
    void reattach_whenTheNewImageDropsNoUnit_disablesNothing() throws Exception {
        host.imageUnits = new TreeMap<>(Map.of("hello.service", ""));
        host.detachChanges = List.of();
        host.attachChanges = List.of(new Change(ChangeType.COPY, ATTACHED + "hello.service", IMAGE));

        ReattachResult result = portables.reattach(new ReattachRequest(IMAGE, List.of(), List.of(),
                new ProfileName("default"), CopyMode.AUTO, false, true, false, false, false));

        assertFalse(host.calls.toString().contains("disable"), host.calls::toString);
        assertEquals(List.of(), result.removed());
        assertEquals(1, result.enableChanges().size());
    }

    @Test
    void attachAndReattach_copyMixedBeforeSystemd256_areRefusedBeforeAnythingIsAttached() {
        AttachRequest mixed = new AttachRequest(IMAGE, List.of(), List.of(), new ProfileName("default"), CopyMode.MIXED,
                false, false, false, false, false);
        UnsupportedBySystemdException e = assertThrows(UnsupportedBySystemdException.class,
                () -> portables.attach(mixed));
        assertEquals("--copy mixed needs systemd 256 or later; this host runs systemd 252 (use --copy auto, copy or"
                + " symlink)", e.getMessage());
        assertThrows(UnsupportedBySystemdException.class, () -> portables.reattach(new ReattachRequest(IMAGE,
                List.of(), List.of(), new ProfileName("default"), CopyMode.MIXED, false, false, false, false, false)));
        assertEquals(List.of("connect", "close", "connect", "close"), host.calls);
    }

    @Test
    void attachNow_whoseUnitFailsToStart_saysHowToDetach_throughTheSameHost() throws Exception {
        host.attachChanges = List.of(new Change(ChangeType.COPY, "/etc/systemd/system.attached/hello.service", ""));
        host.failingUnit = "hello.service";
        AttachRequest now = new AttachRequest(IMAGE, List.of(), List.of(), new ProfileName("default"), CopyMode.AUTO,
                false, false, true, false, false);
        for (Target target : List.of(Target.SYSTEM, Target.USER, Target.remote(RemoteHost.parse("web1")))) {
            host.target = target;

            UnitFailedException e = assertThrows(UnitFailedException.class, () -> portables.attach(now));

            String detach = switch (target.kind()) {
                case SYSTEM -> "portajava detach ";
                case USER -> "portajava detach --user ";
                case REMOTE -> "portajava detach -H web1 ";
            };
            assertEquals("hello.service failed to start; the image stays attached ('" + detach + IMAGE
                    + " --now' removes it)", e.getMessage());
        }
    }

    @Test
    void attach_copyMixedBeforeSystemd256OnARemoteHost_namesThatHost() {
        host.target = Target.remote(RemoteHost.parse("root@web1"));
        UnsupportedBySystemdException e = assertThrows(UnsupportedBySystemdException.class,
                () -> portables.attach(new AttachRequest(IMAGE, List.of(), List.of(), new ProfileName("default"),
                        CopyMode.MIXED, false, false, false, false, false)));
        assertEquals("--copy mixed needs systemd 256 or later; root@web1 runs systemd 252 (use --copy auto, copy or"
                + " symlink)", e.getMessage());
    }

    @Test
    void attach_copyMixedOnSystemd256_isHandedToTheBackend() throws Exception {
        host.version = "257.13-1";
        portables.attach(new AttachRequest(IMAGE, List.of(), List.of(), new ProfileName("default"), CopyMode.MIXED,
                false, false, false, false, false));
        assertTrue(host.calls.contains("attachImage " + IMAGE + " [] default mixed"), host.calls::toString);
    }

    @Test
    void detach_byDefault_onlyDetachesAndReloads() throws Exception {
        portables.detach(new DetachRequest(IMAGE, List.of(), List.of(), false, false, false, false));

        assertEquals(List.of("connect", "detachImage " + IMAGE, "reload", "close"), host.calls);
    }

    @Test
    void detach_withoutEnable_unlinksTheUnitsItRemoved_beforeTheReload() throws Exception {
        host.detachChanges = List.of(new Change(ChangeType.UNLINK, ATTACHED + "hello.service", ""),
                new Change(ChangeType.UNLINK, ATTACHED + "hello.service.d/20-portable.conf", ""),
                new Change(ChangeType.UNLINK, ATTACHED + "hello.service.d", ""),
                new Change(ChangeType.UNLINK, "/etc/portables/hello.raw", ""));

        DetachResult result = portables.detach(new DetachRequest(IMAGE, List.of(), List.of(), false, false, false,
                false));

        assertEquals(List.of("connect", "detachImage " + IMAGE, "disable [hello.service]", "reload", "close"),
                host.calls);
        assertEquals(List.of(), result.disableChanges());
        assertEquals(new Change(ChangeType.UNLINK, ATTACHED + "multi-user.target.wants/hello.service", ""),
                result.changes().get(4), "after the files it linked to");
    }

    @Test
    void detach_withEnableForSomePrefixes_unlinksTheOtherUnitsItRemoved_andDisablesNoUnitTwice() throws Exception {
        host.imageUnits = new TreeMap<>(Map.of("hello.service", ""));
        host.detachChanges = List.of(new Change(ChangeType.UNLINK, ATTACHED + "hello.service", ""),
                new Change(ChangeType.UNLINK, ATTACHED + "hello-extra.service", ""));

        DetachResult result = portables.detach(new DetachRequest(IMAGE, List.of(), List.of("hello"), false, true,
                false, false));

        assertEquals(List.of("connect", "imageMetadata " + IMAGE + " [hello]", "disable [hello.service]",
                "detachImage " + IMAGE, "disable [hello-extra.service]", "reload", "close"), host.calls);
        assertEquals(List.of(new Change(ChangeType.UNLINK, ATTACHED + "multi-user.target.wants/hello.service", "")),
                result.disableChanges());
        assertEquals(new Change(ChangeType.UNLINK, ATTACHED + "multi-user.target.wants/hello-extra.service", ""),
                result.changes().get(2));
    }

    @Test
    void imageArgument_whenRelativeFileExists_givesItsAbsolutePath() throws Exception {
        Path file = Files.createTempFile(Path.of(""), "portajava-test-", ".raw");
        try {
            String name = file.getFileName().toString();

            assertEquals(Path.of(name).toAbsolutePath().toString(), Portables.imageArgument(name));
            assertTrue(Path.of(Portables.imageArgument(name)).isAbsolute());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void imageArgument_whenBareNameIsNoFile_keepsTheName() {
        assertEquals("portajava-no-such-image", Portables.imageArgument("portajava-no-such-image"));
    }

    @Test
    void imageArgument_whenArgumentHasASlash_givesTheNormalisedAbsolutePath() {
        Path cwd = Path.of("").toAbsolutePath();

        assertEquals(cwd.resolve("images/hello.raw").toString(), Portables.imageArgument("images/hello.raw"));
        assertEquals(cwd.resolve("hello.raw").toString(), Portables.imageArgument("./x/../hello.raw"));
        assertEquals("/srv/hello.raw", Portables.imageArgument("/srv/./hello.raw"));
    }

    private static AttachRequest request(String profile, boolean enable, boolean now, boolean noReload) {
        return new AttachRequest(IMAGE, List.of(), List.of(), new ProfileName(profile), CopyMode.AUTO, false, enable, now,
                noReload, false);
    }
}
