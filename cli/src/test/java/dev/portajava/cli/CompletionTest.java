package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script {@code portajava generate-completion} prints, asked by bash what it completes. */
class CompletionTest {

    private final FakeHost host = new FakeHost();

    @TempDir
    Path dir;

    @Test
    void completion_ofACommand_offersEveryCommand() throws Exception {
        List<String> offered = complete("");

        for (String command : List.of("build", "attach", "detach", "reattach", "inspect", "list", "is-attached",
                "profiles", "verify", "cache")) {
            assertTrue(offered.contains(command), command + " in " + offered);
        }
    }

    @Test
    void completion_ofAttachOptions_offersThemAndTheProfiles() throws Exception {
        List<String> options = complete("attach", "--");
        for (String option : List.of("--profile", "--now", "--enable", "--backend", "--root", "--copy")) {
            assertTrue(options.contains(option), option + " in " + options);
        }
        assertEquals(List.of("default", "jit", "nonetwork", "strict", "trusted"), complete("attach", "--profile", ""));
        assertEquals(List.of("auto", "portabled", "native"), complete("detach", "--backend", ""));
    }

    @Test
    void completion_ofEnumOptions_offersTheValuesAsTyped() throws Exception {
        assertEquals(List.of("gzip", "xz", "lz4", "zstd"), complete("build", "--compression", ""));
        assertEquals(List.of("directory", "squashfs", "ddi"), complete("build", "--format", ""));
        assertEquals(List.of("java", "mksquashfs"), complete("build", "--engine", ""));
    }

    /** What bash offers for the last word after {@code portajava WORDS...}, as the script computes it. */
    private List<String> complete(String... words) throws Exception {
        Cli cli = Cli.run(host, "generate-completion");
        assertEquals(0, cli.code(), cli.err());
        Path script = dir.resolve("portajava");
        Files.writeString(script, cli.out());
        String line = "portajava " + String.join(" ", words);
        String probe = "source \"$1\" 2>/dev/null; COMP_WORDS=(portajava \"${@:2}\"); COMP_CWORD=$(($# - 1));"
                + " COMP_LINE=\"" + line + "\"; COMP_POINT=${#COMP_LINE};"
                + " _complete_portajava portajava \"${@: -1}\" \"${@: -2:1}\" 2>/dev/null;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", probe, "bash", script.toString()));
        command.addAll(List.of(words));
        Process bash = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        return out.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
    }
}
