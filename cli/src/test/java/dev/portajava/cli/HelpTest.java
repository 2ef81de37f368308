package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} as a user reads it: whole sentences, whole words, values as they are typed. */
class HelpTest {

    @Test
    void help_commandList_givesEachCommandAWholeSentence() {
        String help = Main.documented().getUsageMessage(CommandLine.Help.Ansi.OFF);
        List<String> entries = commandList(help);

        assertEquals(Main.documented().getSubcommands().size(), entries.size(), help);
        for (String entry : entries) {
            assertTrue(entry.endsWith("."), "cut mid-sentence: '" + entry + "'");
        }
    }

    @Test
    void help_ofEveryCommand_breaksNoWordAcrossLines() {
        for (CommandLine command : everyCommand(Main.documented())) {
            String narrow = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            command.setUsageHelpWidth(400);
            Set<String> whole = words(command.getUsageMessage(CommandLine.Help.Ansi.OFF));
            command.setUsageHelpWidth(80);
            for (String word : words(narrow)) {
                assertTrue(whole.contains(word), command.getCommandSpec().qualifiedName() + ": '" + word
                        + "' is a piece of a word broken across lines:\n" + narrow);
            }
        }
    }

    @Test
    void help_examples_eachFitOnALine_orContinueWithABackslash() {
        for (CommandLine command : everyCommand(Main.documented())) {
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                assertTrue(line.length() <= 80, command.getCommandSpec().qualifiedName() + ": an example wider than"
                        + " the help, which breaks it into two commands: '" + line + "'");
            }
        }
    }

    @Test
    void help_ofEveryOption_givesEachParagraphWholeSentences() {
        for (CommandLine command : everyCommand(Main.documented())) {
            for (CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
                for (String paragraph : arg.description()) {
                    String name = arg instanceof CommandLine.Model.OptionSpec option ? option.longestName()
                            : arg.paramLabel();
                    assertTrue(paragraph.strip().endsWith("."), command.getCommandSpec().qualifiedName() + " "
                            + name + ": a paragraph cut mid-sentence: '" + paragraph + "'");
                }
            }
        }
    }

    @Test
    void help_ofBuild_showsTheValuesOfEnumOptionsInLowerCase() {
        String help = Main.documented().getSubcommands().get("build")
                .getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");

        assertTrue(help.contains("Output format: directory, squashfs, ddi"), help);
        assertFalse(help.contains("SQUASHFS"), help);
    }

    @Test
    void help_ofTheCommandsThatWorkHereOnly_saysTheyRefuseHAndUser_notWhatTheyDoElsewhere() {
        for (String name : List.of("install", "update", "uninstall")) {
            String help = Main.documented().getSubcommands().get(name)
                    .getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");

            assertTrue(help.contains("-H, --host=HOST Refused: this command works on this machine only, as it keeps"
                    + " the downloaded versions here. Run it on the remote host itself, or attach an image from here"
                    + " with 'portajava attach -H HOST'."), name + ": " + help);
            assertFalse(help.contains("copied into the host's /var/lib/portables"), name + ": " + help);
            assertTrue(help.contains("--user Refused: this command works on the system's services only"),
                    name + ": " + help);
            assertFalse(help.contains("Work on your own service manager"), name + ": " + help);
        }
        String attach = Main.documented().getSubcommands().get("attach")
                .getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertTrue(attach.contains("copied into the host's /var/lib/portables"), attach);
    }

    /** The entries of the command list, each with its wrapped lines joined. */
    private static List<String> commandList(String help) {
        List<String> entries = new ArrayList<>();
        boolean inList = false;
        for (String line : help.split("\n")) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                break;
            } else if (inList && line.matches("  \\S.*")) {
                entries.add(line.strip().replaceFirst("^\\S+\\s+", ""));
            } else if (inList) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            }
        }
        return entries;
    }

    static List<CommandLine> everyCommand(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        root.getSubcommands().values().forEach(sub -> all.addAll(everyCommand(sub)));
        return all;
    }

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.strip().split("\\s+")));
    }
}
