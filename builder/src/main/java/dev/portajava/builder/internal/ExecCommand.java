package dev.portajava.builder.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One command of an {@code Exec*=} line, as systemd.service(5) reads it: the program, after the special prefixes
 * ({@code -}, {@code @}, {@code :}, {@code +}, {@code !}, {@code !!}) of the first word; commands on one line are
 * separated by a lone {@code ;}.
 *
 * @param ignoresFailure the {@code -} prefix: systemd skips a program that is missing and ignores one that fails
 */
record ExecCommand(String program, boolean ignoresFailure) {

    private static final String PREFIXES = "-@:+!";

    static List<ExecCommand> parse(String value) {
        List<ExecCommand> commands = new ArrayList<>();
        boolean first = true;
        for (UnitWords.Word word : UnitWords.split(value)) {
            if (word.raw().equals(";")) {
                first = true;
            } else if (first) {
                String text = word.value();
                int i = 0;
                while (i < text.length() && PREFIXES.indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                commands.add(new ExecCommand(text.substring(i), text.substring(0, i).contains("-")));
                first = false;
            }
        }
        return commands;
    }
}
