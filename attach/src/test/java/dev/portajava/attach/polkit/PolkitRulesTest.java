package dev.portajava.attach.polkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.NotAuthorizedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolkitRulesTest {

    private static final Path RULE = Path.of("etc/polkit-1/rules.d/50-portajava-portable.rules");

    @TempDir
    Path root;

    private PolkitRules rules() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nportable:x:1001:alice\nportable2:x:1002:\n");
        return new PolkitRules(root);
    }

    @Test
    void grant_writesOneRuleFile_lettingTheGroupInToPortabledAndToItsUnits() throws Exception {
        List<Change> changes = rules().grant(PolkitGroup.parse("portable"));

        assertEquals(List.of(new Change(ChangeType.WRITE, "/" + RULE, "")), changes);
        String rule = Files.readString(root.resolve(RULE));
        assertTrue(rule.contains("subject.isInGroup(\"portable\")"), rule);
        assertTrue(rule.contains("action.id.indexOf(\"org.freedesktop.portable1.\") == 0"), rule);
        assertTrue(rule.contains("\"org.freedesktop.systemd1.manage-units\""), rule);
        assertTrue(rule.contains("return polkit.Result.YES;"), rule);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(RULE))));
        try (var files = Files.list(root.resolve(RULE).getParent())) {
            assertEquals(List.of(root.resolve(RULE)), files.toList(), "no temporary left");
        }
    }

    @Test
    void grant_again_changesNothing_andRemoveTakesItAway() throws Exception {
        PolkitRules rules = rules();
        rules.grant(PolkitGroup.parse("portable"));

        assertEquals(List.of(), rules.grant(PolkitGroup.parse("portable")));
        assertEquals(List.of(new Change(ChangeType.UNLINK, "/" + RULE, "")), rules.revoke(PolkitGroup.parse("portable")));
        assertFalse(Files.exists(root.resolve(RULE)));
        assertEquals(List.of(), rules.revoke(PolkitGroup.parse("portable")));
    }

    @Test
    void grant_ofAGroupTheHostLacks_isRefused_andWritesNothing() throws Exception {
        UnknownGroupException e = assertThrows(UnknownGroupException.class,
                () -> rules().grant(PolkitGroup.parse("portabl")));

        assertTrue(e.getMessage().startsWith("no group portabl on this host; create it first"), e.getMessage());
        assertFalse(Files.exists(root.resolve("etc/polkit-1")));
    }

    @Test
    void grant_whereTheRulesCannotBeWritten_saysToRunAsRoot() throws Exception {
        PolkitRules rules = rules();
        Files.createDirectories(root.resolve(RULE).getParent());
        Files.setPosixFilePermissions(root.resolve(RULE).getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(root.resolve(RULE).getParent()),
                "root writes anywhere");

        NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                () -> rules.grant(PolkitGroup.parse("portable")));
        assertTrue(e.getMessage().endsWith("permission denied; run portajava as root"), e.getMessage());
    }

    @Test
    void polkitdInstalled_looksForTheDaemonInTheRootTree() throws Exception {
        PolkitRules rules = rules();
        assertFalse(rules.polkitdInstalled());

        Path daemon = root.resolve("usr/lib/polkit-1/polkitd");
        Files.createDirectories(daemon.getParent());
        Files.createFile(daemon, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertTrue(rules.polkitdInstalled());
    }

    @Test
    void groupNames_thatCouldBreakOutOfTheRule_areRefused() {
        for (String name : List.of("", "a\"b", "a b", "-x", ".x", "a/b", "a\\b", "1234",
                "a".repeat(33), "x\");polkit.addRule(")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolkitGroup.parse(name));
            assertTrue(e.getMessage().contains("is not a group name"), e.getMessage());
        }
        assertEquals("_portable-users1", PolkitGroup.parse("_portable-users1").name());
    }

    @Test
    void groupNames_thatDebianAndSystemdAccept_areTaken() throws Exception {
        rules();
        Files.writeString(root.resolve("etc/group"), "dev.ops:x:1003:bob\n1abc:x:1004:carol\n");
        PolkitRules rules = new PolkitRules(root);
        for (String name : List.of("dev.ops", "1abc")) {
            rules.grant(PolkitGroup.parse(name));

            String rule = Files.readString(root.resolve("etc/polkit-1/rules.d/50-portajava-" + name + ".rules"));
            assertTrue(rule.contains("subject.isInGroup(\"" + name + "\")"), rule);
        }
    }
}
