package dev.portajava.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.name.UnitType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {

    @TempDir
    Path profileDir;

    @Test
    void builtIn_names_areTheFourProfilesOfSystemd252AndJit() {
        assertEquals(List.of("default", "jit", "nonetwork", "strict", "trusted"), ProfileCatalog.builtIn().names());
    }

    @Test
    void builtIn_get_eachHasAServiceDropInAndNoOrigin() throws Exception {
        for (String name : List.of("default", "jit", "nonetwork", "strict", "trusted")) {
            Profile profile = ProfileCatalog.builtIn().get(name);

            assertEquals(name, profile.name().value());
            assertTrue(profile.isBuiltIn(), name);
            assertEquals(Optional.empty(), profile.origin(), name);
            String service = profile.dropIn(UnitType.SERVICE).orElseThrow();
            assertTrue(service.contains("[Service]"), name);
            assertTrue(service.contains("BindReadOnlyPaths=/etc/machine-id"), name);
        }
    }

    @Test
    void builtIn_jit_isDefaultLessMemoryDenyWriteExecute_andSaysItIsPortajavasOwn() throws Exception {
        Profile jit = ProfileCatalog.builtIn().get("jit");
        List<String> defaults = ProfileCatalog.builtIn().get("default").dropIn(UnitType.SERVICE).orElseThrow()
                .lines().filter(line -> !line.startsWith("#") && !line.equals("MemoryDenyWriteExecute=yes")).toList();

        assertEquals(defaults, jit.dropIn(UnitType.SERVICE).orElseThrow().lines()
                .filter(line -> !line.startsWith("#")).toList());
        assertTrue(defaults.contains("\tCAP_FSETID CAP_IPC_LOCK CAP_IPC_OWNER CAP_KILL CAP_MKNOD CAP_NET_ADMIN \\"),
                "a line continuation keeps its tab and its backslash");
        assertEquals("(built in: portajava's own)", jit.originText());
        assertEquals("(built in: systemd 252's strict)", ProfileCatalog.builtIn().get("strict").originText());
    }

    @Test
    void builtIn_strict_turnsOffNetworkCapabilitiesAndTasks() throws Exception {
        List<String> lines = ProfileCatalog.builtIn().get("strict").dropIn(UnitType.SERVICE).orElseThrow().lines().toList();

        assertTrue(lines.contains("PrivateNetwork=yes"), lines::toString);
        assertTrue(lines.contains("TasksMax=4"), lines::toString);
        assertTrue(lines.contains("CapabilityBoundingSet="), lines::toString);
        assertTrue(lines.contains("DynamicUser=yes"), lines::toString);
        assertTrue(lines.contains("RestrictAddressFamilies=AF_UNIX"), lines::toString);
    }

    @Test
    void builtIn_nonetworkAndDefault_differInNetworking() throws Exception {
        String nonetwork = ProfileCatalog.builtIn().get("nonetwork").dropIn(UnitType.SERVICE).orElseThrow();
        String defaults = ProfileCatalog.builtIn().get("default").dropIn(UnitType.SERVICE).orElseThrow();

        assertTrue(nonetwork.lines().anyMatch("PrivateNetwork=yes"::equals));
        assertFalse(defaults.contains("PrivateNetwork="));
        assertTrue(defaults.contains("RestrictAddressFamilies=AF_UNIX AF_NETLINK AF_INET AF_INET6"));
    }

    @Test
    void builtIn_trusted_bindsRunAndDoesNotSandbox() throws Exception {
        String trusted = ProfileCatalog.builtIn().get("trusted").dropIn(UnitType.SERVICE).orElseThrow();

        assertTrue(trusted.lines().anyMatch("BindPaths=/run"::equals));
        assertFalse(trusted.contains("DynamicUser="));
        assertFalse(trusted.contains("PrivateNetwork="));
    }

    @Test
    void builtIn_profiles_haveNoDropInsForOtherUnitTypes() throws Exception {
        Profile strict = ProfileCatalog.builtIn().get("strict");

        assertEquals(Optional.empty(), strict.dropIn(UnitType.SOCKET));
        assertEquals(Optional.empty(), strict.dropIn(UnitType.TIMER));
    }

    @Test
    void of_whenDirectoryHasCustomProfile_findsItWithItsOrigin() throws Exception {
        Path custom = Files.createDirectories(profileDir.resolve("custom"));
        Files.writeString(custom.resolve("service.conf"), "[Service]\nPrivateTmp=yes\n");
        Files.writeString(custom.resolve("socket.conf"), "[Socket]\nAccept=no\n");
        ProfileCatalog catalog = ProfileCatalog.of(new ProfileSearchPath(List.of(profileDir)));

        Profile profile = catalog.get("custom");

        assertEquals(Optional.of(custom), profile.origin());
        assertFalse(profile.isBuiltIn());
        assertEquals(Optional.of("[Service]\nPrivateTmp=yes\n"), profile.dropIn(UnitType.SERVICE));
        assertEquals(Optional.of("[Socket]\nAccept=no\n"), profile.dropIn(UnitType.SOCKET));
        assertEquals(List.of("custom", "default", "jit", "nonetwork", "strict", "trusted"), catalog.names());
    }

    @Test
    void of_whenDirectoryHasProfileNamedLikeBuiltIn_prefersTheDirectory() throws Exception {
        Path strict = Files.createDirectories(profileDir.resolve("strict"));
        Files.writeString(strict.resolve("service.conf"), "[Service]\nTasksMax=99\n");
        ProfileCatalog catalog = ProfileCatalog.of(new ProfileSearchPath(List.of(profileDir)));

        Profile profile = catalog.get("strict");

        assertEquals(Optional.of(strict), profile.origin());
        assertEquals(Optional.of("[Service]\nTasksMax=99\n"), profile.dropIn(UnitType.SERVICE));
        assertEquals(1, catalog.names().stream().filter("strict"::equals).count(), "listed once");
        assertEquals(Optional.of(strict), catalog.all().stream()
                .filter(p -> p.name().value().equals("strict")).findFirst().orElseThrow().origin());
    }

    @Test
    void of_whenSeveralDirectoriesHaveTheProfile_theFirstWins() throws Exception {
        Path first = Files.createDirectories(profileDir.resolve("etc/mine"));
        Path second = Files.createDirectories(profileDir.resolve("usr/mine"));
        Files.writeString(first.resolve("service.conf"), "first\n");
        Files.writeString(second.resolve("service.conf"), "second\n");

        Profile profile = ProfileCatalog.of(new ProfileSearchPath(List.of(profileDir.resolve("etc"),
                profileDir.resolve("usr")))).get("mine");

        assertEquals(Optional.of("first\n"), profile.dropIn(UnitType.SERVICE));
    }

    @Test
    void of_whenTheFirstDirectoryLacksATypesDropIn_takesItFromTheNext_asPortabledDoes() throws Exception {
        Path first = Files.createDirectories(profileDir.resolve("etc/mine"));
        Path second = Files.createDirectories(profileDir.resolve("usr/mine"));
        Files.writeString(first.resolve("service.conf"), "first service\n");
        Files.writeString(second.resolve("service.conf"), "second service\n");
        Files.writeString(second.resolve("socket.conf"), "second socket\n");

        Profile profile = ProfileCatalog.of(new ProfileSearchPath(List.of(profileDir.resolve("etc"),
                profileDir.resolve("usr")))).get("mine");

        assertEquals(Optional.of("first service\n"), profile.dropIn(UnitType.SERVICE));
        assertEquals(Optional.of("second socket\n"), profile.dropIn(UnitType.SOCKET));
        assertEquals(Optional.of(first), profile.origin());
    }

    @Test
    void of_whenDirectoryIsMissingOrHoldsOnlyFiles_stillOffersBuiltIns() throws IOException {
        Files.writeString(profileDir.resolve("not-a-profile"), "x");
        ProfileCatalog catalog = ProfileCatalog.of(new ProfileSearchPath(List.of(profileDir,
                profileDir.resolve("absent"))));

        assertEquals(List.of("default", "jit", "nonetwork", "strict", "trusted"), catalog.names());
    }

    @Test
    void get_whenUnknown_throwsListingKnownNames() {
        UnknownProfileException e = assertThrows(UnknownProfileException.class,
                () -> ProfileCatalog.builtIn().get("nope"));

        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("default, jit, nonetwork, strict, trusted"), e.getMessage());
    }

    @Test
    void get_whenNameIsNotAProfileName_throwsUnknownProfile() {
        UnknownProfileException e = assertThrows(UnknownProfileException.class,
                () -> ProfileCatalog.of(new ProfileSearchPath(List.of(profileDir))).get("../strict"));

        assertTrue(e.getMessage().contains("'../strict'"), e.getMessage());
    }

    @Test
    void get_whenCustomProfileAdded_listsItAmongKnownNames() throws IOException {
        Files.createDirectories(profileDir.resolve("custom"));

        UnknownProfileException e = assertThrows(UnknownProfileException.class,
                () -> ProfileCatalog.of(new ProfileSearchPath(List.of(profileDir))).get("nope"));

        assertTrue(e.getMessage().contains("custom, default, jit, nonetwork, strict, trusted"), e.getMessage());
    }
}
