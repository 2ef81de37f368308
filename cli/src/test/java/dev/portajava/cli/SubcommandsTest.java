package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubcommandsTest {

    @Test
    void everyName_makesTheCommandOfThatName() {
        for (String name : Subcommands.NAMES) {
            if (!name.equals(Main.COMPLETION)) {
                assertEquals(name, Subcommands.create(name).model().name());
            }
        }
    }

    @Test
    void documented_listsEveryCommand_inTheOrderOfNames() {
        assertEquals(List.of(Subcommands.NAMES), new ArrayList<>(Main.documented().getSubcommands().keySet()));
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
    void documentation_ofOneCommand_holdsThatCommandOnly() {
        assertEquals(List.of("attach"), new ArrayList<>(Documentation.of(List.of(new Main(), new AttachCommand()))
                .getSubcommands().keySet()));
    }
}
