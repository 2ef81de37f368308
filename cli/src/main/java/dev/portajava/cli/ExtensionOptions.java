package dev.portajava.cli;

import dev.portajava.attach.Portables;
import java.util.ArrayList;
import java.util.List;

/** {@code --extension IMAGE}, repeatable: the extension images layered on the image, in the order given. */
final class ExtensionOptions {

    static final Option<String> EXTENSION = Option.value("--extension", "IMAGE", ValueType.TEXT,
            "An extension image layered on IMAGE (repeatable, in order): a .raw image or image directory, or an"
                    + " image name.").repeated();

    /** inspect's and reattach's; attach's says more. */
    static final Option<Boolean> FORCE = Option.flag("--force",
            "Take an extension's release file named otherwise than the extension image.");

    private ExtensionOptions() {
    }

    /** The extensions {@code invocation} names, as portabled should get them ({@link Portables#imageArgument}). */
    static List<String> arguments(Invocation invocation) throws UsageException {
        List<String> extensions = invocation.values(EXTENSION);
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
