package dev.portajava.cli;

import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.Portables;
import dev.portajava.attach.VersionedDirectory;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The {@code IMAGE} argument as the backends get it: a path made absolute, or a bare name; a versioned directory
 * ({@code NAME.v/}, systemd.v(7)) is resolved to its newest image here, for every backend and systemd version, so that
 * the image portajava checks is the one attached; {@code --verbose} says which.
 */
final class ImageArgument {

    static final Positional<String> IMAGE = Positional.one("IMAGE", ValueType.TEXT,
            "A .raw image or image directory, or an image name.");

    private ImageArgument() {
    }

    static String of(String argument, Invocation invocation) throws ImageNotFoundException {
        String image = Portables.imageArgument(argument);
        Optional<VersionedDirectory> versioned = image.startsWith("/") ? VersionedDirectory.of(
                argument.endsWith("/") ? image + "/" : image) : Optional.empty();
        if (versioned.isEmpty()) {
            return image;
        }
        String chosen = versioned.get().resolve().toString();
        if (invocation.verbose()) {
            PrintWriter err = invocation.err();
            err.println("image: " + chosen + ", the newest in " + versioned.get().directory() + " (portajava picks"
                    + " from a .v/ directory itself, as systemd 256 and later do; older portabled get the picked image)");
            err.flush();
        }
        return chosen;
    }
}
