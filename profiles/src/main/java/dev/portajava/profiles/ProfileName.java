package dev.portajava.profiles;

import dev.portajava.text.AsciiNames;

/** The name of a sandbox profile: a directory name under a profile directory, as portabled requires. */
public record ProfileName(String value) {

    public ProfileName {
        // letters, digits, '_', '.' and '-', not starting with '.' or '-'
        if (value == null || value.length() > 255 || !AsciiNames.only(value, "_.-") || value.startsWith(".")
                || value.startsWith("-")) {
            throw new IllegalArgumentException("'" + value + "' is not a valid profile name");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
