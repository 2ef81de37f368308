package dev.portajava.builder.internal.launch;

/** A file that starts like an ELF file but whose headers cannot be read: cut short, or pointing out of the file. */
public final class MalformedElfException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedElfException(String message) {
        super(message);
    }
}
