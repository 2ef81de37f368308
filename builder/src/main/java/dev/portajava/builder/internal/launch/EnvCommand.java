package dev.portajava.builder.internal.launch;

import java.util.Optional;

/**
 * The program that {@code #!/usr/bin/env ARG} runs. The kernel passes everything after the interpreter as one
 * argument, so {@code #!/usr/bin/env python3 -u} asks env for a program named "python3 -u"; only {@code -S} (split
 * the string) makes env split it. Options and variable assignments other than that make the program unknown.
 */
final class EnvCommand {

    private EnvCommand() {
    }

    /** The program env runs, if it can be told: empty for none, or for options env may read in more than one way. */
    static Optional<String> program(Optional<String> argument) {
        if (argument.isEmpty()) {
            return Optional.empty(); // env alone prints the environment
        }
        String arg = argument.get();
        String split = arg.startsWith("-S") ? arg.substring(2)
                : arg.startsWith("--split-string=") ? arg.substring("--split-string=".length()) : null;
        if (split == null) {
            return arg.startsWith("-") || arg.contains("=") ? Optional.empty() : Optional.of(arg);
        }
        for (String word : split.strip().split("[ \t]+")) {
            if (word.isEmpty() || word.contains("=")) {
                continue;
            }
            return word.startsWith("-") || word.contains("\\") || word.contains("$") ? Optional.empty()
                    : Optional.of(word);
        }
        return Optional.empty();
    }
}
