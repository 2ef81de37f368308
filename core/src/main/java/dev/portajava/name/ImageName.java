package dev.portajava.name;

import dev.portajava.text.AsciiNames;

/**
 * The name of a portable image, as systemd derives it from the image's file name ({@link ImageFile#name()}):
 * {@code myapp_1.2.raw} is {@code myapp}. It is also the default prefix of the image's units, and what detach and
 * reattach match on.
 */
public record ImageName(String value) {

    public ImageName {
        if (value == null || value.length() > 64 || !AsciiNames.only(value, ".:-")
                || !AsciiNames.isAlphanumeric(value.charAt(0)) || value.endsWith(".raw")) {
            throw new IllegalArgumentException("'" + value + "' is not a valid image name"
                    + " (letters, digits, '.', ':' and '-', starting with a letter or digit, at most 64 characters)");
        }
    }

    /** The default unit prefix of this image. */
    public Prefix defaultPrefix() {
        return new Prefix(value);
    }

    /*
     * equals and hashCode are written out: a record's own are made from method handles the first time they run,
     * which costs a short command such as an attach about 15 ms.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ImageName name && value.equals(name.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
