package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolkitCommandTest {

    private static final String RULE = "/etc/polkit-1/rules.d/50-portajava-portable.rules";

    private final FakeHost host = new FakeHost();

    @TempDir
    Path root;

    @BeforeEach
    void aHostWithTheGroup() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nportable:x:1001:alice\n");
    }

    @Test
    void polkit_writesTheRule_saysSo_andWarnsThatPolkitdIsMissing() {
        Cli cli = Cli.run(host, "polkit", "portable", "--root", root.toString());

        assertEquals(0, cli.code(), cli.err());
        assertEquals("Written " + RULE + ".", cli.out().strip());
        assertTrue(cli.errLine().startsWith("polkitd is not installed"), cli.err());
        assertTrue(Files.isRegularFile(root.resolve(RULE.substring(1))));
        assertEquals(List.of(), host.calls, "needs no bus");
    }

    @Test
    void polkitRemove_takesTheRuleAway() {
        Cli.run(host, "polkit", "portable", "--root", root.toString());

        Cli cli = Cli.run(host, "polkit", "--remove", "portable", "--root", root.toString());

        assertEquals(0, cli.code(), cli.err());
        assertEquals("Removed " + RULE + ".", cli.out().strip());
        assertFalse(Files.exists(root.resolve(RULE.substring(1))));
    }

    @Test
    void polkit_ofAnUnknownGroup_exits2_withOneLine() {
        Cli cli = Cli.run(host, "polkit", "nosuchgroup", "--root", root.toString());

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().startsWith("portajava: no group nosuchgroup on this host"), cli.err());
        assertFalse(Files.exists(root.resolve("etc/polkit-1")));
    }

    @Test
    void polkit_ofANameThatIsNoGroupName_exits2() {
        Cli cli = Cli.run(host, "polkit", "a\"b", "--root", root.toString());

        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("is not a group name"), cli.err());
    }
}
