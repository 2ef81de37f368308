package dev.portajava.profiles;

import java.util.regex.Pattern;

/** The name of a sandbox profile: a directory name under a profile directory, as portabled requires. */
public record ProfileName(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    public ProfileName {
        if (value == null || value.length() > 255 || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid profile name");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
