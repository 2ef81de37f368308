package dev.portajava.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The shell completion scripts, written by picocli's AutoComplete from the whole command line: one script for
 * bash, and the same for zsh (it runs bash completion through zsh's bashcompinit) as an autoloaded function.
 */
final class Completions {

    private Completions() {
    }

    /** The bash completion script for the command line. */
    static String bash(CommandLine commandLine) {
        return AutoComplete.bash(commandLine.getCommandName(), commandLine);
    }

    /**
     * The zsh completion function file ({@code _NAME}): the bash script, then a first completion, since zsh runs
     * an autoloaded file's body at the first TAB.
     */
    static String zsh(CommandLine commandLine) {
        String name = commandLine.getCommandName();
        return "#compdef " + name + "\n" + bash(commandLine)
                + "\n_bash_complete -F _complete_" + name + "\n";
    }

    /** Writes {@code bash-completion/completions/NAME} and {@code zsh/vendor-completions/_NAME} under share. */
    static void write(CommandLine commandLine, Path share) throws IOException {
        String name = commandLine.getCommandName();
        Path bash = Files.createDirectories(share.resolve("bash-completion/completions")).resolve(name);
        Files.writeString(bash, bash(commandLine));
        Path zsh = Files.createDirectories(share.resolve("zsh/vendor-completions")).resolve("_" + name);
        Files.writeString(zsh, zsh(commandLine));
    }
}
