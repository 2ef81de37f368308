package dev.portajava.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecCommandTest {

    @Test
    void parse_stripsEveryPrefix_andKnowsWhichIgnoreFailure() {
        assertEquals(List.of(new ExecCommand("/usr/bin/a", true)), ExecCommand.parse("-/usr/bin/a x"));
        assertEquals(List.of(new ExecCommand("/usr/bin/a", true)), ExecCommand.parse("@-/usr/bin/a argv0 x"));
        assertEquals(List.of(new ExecCommand("/usr/bin/a", false)), ExecCommand.parse("+/usr/bin/a"));
        assertEquals(List.of(new ExecCommand("/usr/bin/a", false)), ExecCommand.parse("!!:/usr/bin/a"));
        assertEquals(List.of(new ExecCommand("/usr/bin/a", false)), ExecCommand.parse("  :!/usr/bin/a"));
    }

    @Test
    void parse_unquotesAndUnescapesTheProgram_asSystemdDoes() {
        assertEquals(List.of(new ExecCommand("/opt/my app/run", false)), ExecCommand.parse("\"/opt/my app/run\" -x"));
        assertEquals(List.of(new ExecCommand("/opt/my app/run", true)), ExecCommand.parse("'-/opt/my app/run'"));
        assertEquals(List.of(new ExecCommand("/opt/a b", false)), ExecCommand.parse("/opt/a\\x20b"));
    }

    @Test
    void parse_loneSemicolon_separatesCommands_butAQuotedOneDoesNot() {
        assertEquals(List.of(new ExecCommand("/bin/a", false), new ExecCommand("/bin/b", true)),
                ExecCommand.parse("/bin/a x ; -/bin/b y"));
        assertEquals(List.of(new ExecCommand("/bin/a", false)), ExecCommand.parse("/bin/a \";\" /bin/b"));
    }

    @Test
    void parse_prefixesWithoutAProgram_giveAnEmptyProgram() {
        assertEquals(List.of(new ExecCommand("", true)), ExecCommand.parse("- /bin/a"));
        assertEquals(List.of(), ExecCommand.parse(""));
    }
}
