package dev.portajava.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a value that lists them, as systemd reads {@code PORTABLE_PREFIXES=} or {@code WantedBy=}: runs of
 * its {@code WHITESPACE} (space, tab, newline, carriage return) separate them, and none is empty. Split by hand: a
 * regular expression would be compiled, and the commands that attach and detach compile none (StartupTest says
 * why).
 */
public final class Words {

    /** systemd's {@code WHITESPACE}. */
    private static final String WHITESPACE = " \t\n\r";

    private Words() {
    }

    public static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || WHITESPACE.indexOf(text.charAt(i)) >= 0;
            if (space && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }
}
