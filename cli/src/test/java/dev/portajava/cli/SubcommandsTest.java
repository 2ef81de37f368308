package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandsTest {

    private static final Environment NO_HOST = new Environment(Map.of(), () -> {
        throw new IllegalStateException("no host");
    });

    @Test
    void everyName_makesTheCommandOfThatName() {
        for (String name : Subcommands.NAMES) {
            assertEquals(name, new CommandLine(Subcommands.create(name)).getCommandName());
        }
    }

    @Test
    void documented_listsEveryCommand_inTheOrderOfNames() {
        assertEquals(List.of(Subcommands.NAMES), new ArrayList<>(Main.documented(NO_HOST).getSubcommands().keySet()));
    }

    @Test
    void named_isTheFirstArgumentThatIsNotAnOption_ifACommandHasThatName() {
        assertEquals("attach", Subcommands.named("--verbose", "attach", "hello.raw", "--root", "/r"));
        assertEquals("list", Subcommands.named("list"));
        assertNull(Subcommands.named("--help"));
        assertNull(Subcommands.named("frobnicate", "attach"));
        assertNull(Subcommands.named());
    }

    @Test
    void commandLine_ofOneCommand_holdsThatCommandOnly() {
        assertEquals(List.of("attach"),
                new ArrayList<>(Main.commandLine(NO_HOST, "attach", "hello.raw").getSubcommands().keySet()));
    }

    @Test
    void commandLine_forHelpOrCompletion_holdsEveryCommand() {
        assertEquals(List.of(Subcommands.NAMES),
                new ArrayList<>(Main.commandLine(NO_HOST, "--help").getSubcommands().keySet()));
        assertEquals(List.of(Subcommands.NAMES),
                new ArrayList<>(Main.commandLine(NO_HOST, "generate-completion").getSubcommands().keySet()));
    }
}
