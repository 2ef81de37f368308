package dev.portajava.cli;

import dev.portajava.attach.Portables;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --extension IMAGE}, repeatable: the extension images layered on the image, in the order given. */
final class ExtensionOptions {

    @Option(names = "--extension", paramLabel = "IMAGE",
            description = "An extension image layered on IMAGE (repeatable, in order): a .raw image or image"
                    + " directory, or an image name.")
    List<String> extensions = new ArrayList<>();

    /** The extensions as portabled should get them ({@link Portables#imageArgument}). */
    List<String> arguments() throws UsageException {
        List<String> arguments = new ArrayList<>(extensions.size());
        for (String extension : extensions) {
            if (extension.isBlank()) {
                throw new UsageException("--extension: an empty image name");
            }
            arguments.add(Portables.imageArgument(extension));
        }
        return List.copyOf(arguments);
    }
}
