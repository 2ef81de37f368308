package dev.portajava.builder.internal.launch;

/**
 * A program that cannot start from the image. The message reads after the program's name: "needs libssl.so.3, which
 * is not in the image (…)", "its interpreter /bin/sh is not in the image".
 */
public final class CannotStartException extends Exception {

    private static final long serialVersionUID = 1L;

    public CannotStartException(String message) {
        super(message);
    }
}
