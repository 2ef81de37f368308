package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.Backend;
import dev.portajava.attach.CopyMode;
import dev.portajava.profiles.ProfileName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line as the parser reads it against the commands' models, with picocli's syntax and messages. */
class ArgumentParserTest {

    private static Invocation invocation(String... args) throws ArgumentException {
        return new Invocation(ArgumentParser.parse(new Main(), args), null, null, new Environment(Map.of(), () -> {
            throw new IllegalStateException("no host");
        }));
    }

    private static String error(String... args) {
        ArgumentException e = assertThrows(ArgumentException.class, () -> ArgumentParser.parse(new Main(), args));
        return e.command() + ": " + e.getMessage();
    }

    @Test
    void parse_valuesAttachedOrSeparate_defaultsForTheRest() throws Exception {
        Invocation attach = invocation("attach", "--root=/r", "-pstrict", "hello.raw", "--copy", "SYMLINK", "app");

        assertEquals("attach", attach.name());
        assertEquals(Path.of("/r"), attach.value(BackendOptions.ROOT));
        assertEquals(new ProfileName("strict"), attach.value(AttachOptions.PROFILE));
        assertEquals(CopyMode.SYMLINK, attach.value(AttachOptions.COPY));
        assertEquals(Backend.AUTO, attach.value(BackendOptions.BACKEND));
        assertEquals("hello.raw", attach.value(ImageArgument.IMAGE));
        assertEquals(List.of("app"), attach.values(AttachOptions.PREFIXES));
        assertNull(attach.value(AttachOptions.IMAGE_PATH));
        assertFalse(attach.has(UnitOptions.NOW));
    }

    @Test
    void parse_repeatedOption_keepsEveryValueInOrder() throws Exception {
        Invocation attach = invocation("attach", "hello.raw", "--extension", "b.raw", "--extension=a.raw");

        assertEquals(List.of("b.raw", "a.raw"), attach.values(ExtensionOptions.EXTENSION));
    }

    @Test
    void parse_afterDoubleDash_takesOptionsAsPositionals() throws Exception {
        Invocation attach = invocation("attach", "--now", "--", "--odd.raw", "--json");

        assertTrue(attach.has(UnitOptions.NOW));
        assertEquals("--odd.raw", attach.value(ImageArgument.IMAGE));
        assertEquals(List.of("--json"), attach.values(AttachOptions.PREFIXES));
        assertFalse(attach.has(JsonOption.JSON));
    }

    @Test
    void parse_verbose_isTakenBeforeOrAfterTheCommand_andClusteredShortFlags() throws Exception {
        assertTrue(invocation("--verbose", "list").verbose());
        assertTrue(invocation("list", "--verbose").verbose());
        assertTrue(invocation("cache", "prune", "--verbose", "--all").verbose());
        Invocation build = invocation("build", "-qo", "out.raw");
        assertTrue(build.has(BuildCommand.QUIET));
        assertEquals(Path.of("out.raw"), build.value(BuildCommand.OUTPUT));
    }

    @Test
    void parse_helpOrVersionAnywhere_isAskedOfTheCommandItFollows() throws Exception {
        Arguments help = ArgumentParser.parse(new Main(), "cache", "prune", "--help", "--bogus");

        assertEquals(Arguments.Request.HELP, help.request());
        assertEquals("portajava cache prune", help.qualifiedName());
        assertEquals(Arguments.Request.HELP, ArgumentParser.parse(new Main(), "attach", "-h").request());
        assertEquals(Arguments.Request.VERSION, ArgumentParser.parse(new Main(), "list", "-V").request());
        assertEquals(Arguments.Request.RUN, ArgumentParser.parse(new Main(), "list").request());
    }

    @Test
    void parse_whatDoesNotFit_isNamedAsPicocliNamesIt_withTheCommand() {
        assertEquals("portajava: Unmatched argument at index 0: 'frobnicate'", error("frobnicate"));
        assertEquals("portajava attach: Missing required parameter: 'IMAGE'", error("attach"));
        assertEquals("portajava attach: Unknown option: '--bogus'", error("attach", "--bogus", "x"));
        assertEquals("portajava attach: Missing required parameter for option '--root' (DIR)",
                error("attach", "--root"));
        assertEquals("portajava attach: Expected parameter for option '--root' but found '--now'",
                error("attach", "x", "--root", "--now"));
        assertEquals("portajava attach: option '--root' (DIR) should be specified only once",
                error("attach", "x", "--root", "/a", "--root=/b"));
        assertEquals("portajava attach: Invalid value for option '--backend': expected one of [auto, portabled,"
                + " native] (case-insensitive) but was 'foo'", error("attach", "x", "--backend", "foo"));
        assertEquals("portajava attach: Invalid value for option '--force': 'yes' is not a boolean",
                error("attach", "x", "--force=yes"));
        assertEquals("portajava build: Missing required option: '--output=OUT'", error("build"));
        assertEquals("portajava update: Invalid value for option '--keep': 'x' is not an int",
                error("update", "--keep", "x"));
        assertEquals("portajava cache: Unmatched argument at index 1: 'frob'", error("cache", "frob"));
        assertEquals("portajava profiles show: Missing required parameter: 'NAME'", error("profiles", "show"));
    }
}
