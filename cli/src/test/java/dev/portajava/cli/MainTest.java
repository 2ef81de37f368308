package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    private final FakeHost host = new FakeHost();

    @Test
    void version_printsTheBuiltVersion() {
        Cli cli = Cli.run(host, "--version");

        assertEquals(0, cli.code());
        String line = cli.out().strip();
        assertTrue(line.matches("portajava \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), line);
    }

    @Test
    void help_listsTheExitCodes() {
        Cli cli = Cli.run(host, "--help");

        assertEquals(0, cli.code());
        for (String code : List.of("0", "1", "2", "3", "4")) {
            assertTrue(cli.out().lines().anyMatch(l -> l.strip().startsWith(code + " ")), code + " in " + cli.out());
        }
    }

    @Test
    void run_withoutCommand_exits2() {
        Cli cli = Cli.run(host);

        assertEquals(2, cli.code());
        assertEquals("portajava: a command is required\nTry 'portajava --help' for more information.",
                cli.err().strip());
        assertEquals("", cli.out());
    }

    @Test
    void run_withUnknownCommand_exits2() {
        Cli cli = Cli.run(host, "frobnicate");

        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("frobnicate"), cli.err());
    }

    @Test
    void run_whenLibraryThrowsUnexpectedly_exits4WithOneLineAndNoStackTrace() {
        host.failure = () -> new IllegalStateException("boom");

        Cli cli = Cli.run(host, "list");

        assertEquals(4, cli.code());
        assertEquals("portajava: internal error: java.lang.IllegalStateException: boom", cli.errLine());
        assertEquals("", cli.out());
    }

    @Test
    void run_whenLibraryThrowsUnexpectedlyAndVerbose_printsTheStackTrace() {
        host.failure = () -> new IllegalStateException("boom");

        Cli cli = Cli.run(host, "--verbose", "is-attached", "hello");

        assertEquals(4, cli.code());
        assertTrue(cli.err().startsWith("backend: portabled"), cli.err()); // --verbose says which backend first
        assertTrue(cli.err().lines().anyMatch(l -> l.equals("portajava: internal error: java.lang.IllegalStateException: boom")),
                cli.err());
        assertTrue(cli.err().contains("\tat dev.portajava.cli.FakeHost"), cli.err());
    }

    @Test
    void run_whenVerboseFollowsTheSubcommand_printsTheStackTrace() {
        host.failure = () -> new IllegalStateException("boom");

        Cli cli = Cli.run(host, "list", "--verbose");

        assertEquals(4, cli.code());
        assertTrue(cli.err().contains("\tat "), cli.err());
    }

    @Test
    void run_whenNoBus_exits3WithOneLine() {
        Cli cli = Cli.runWithoutBus("list");

        assertEquals(3, cli.code());
        assertEquals("portajava: cannot connect to the system bus at unix:path=/nowhere", cli.errLine());
    }
}
