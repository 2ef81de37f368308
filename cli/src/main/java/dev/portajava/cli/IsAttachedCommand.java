package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.Portables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "is-attached", mixinStandardHelpOptions = true,
        description = {"Prints whether an image is attached, and exits 0 only if it is.",
            "The state is attached, attached-runtime, enabled, running, …, or detached; the exit code is that of"
                + " 'systemctl is-active'."},
        footerHeading = "%nExample:%n", footer = {"  portajava is-attached hello.raw && echo attached"})
final class IsAttachedCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A .raw image or image directory, or an image name.")
    String image;

    @Mixin
    ExtensionOptions extensions;

    @Mixin
    JsonOption json;

    @Mixin
    BackendOptions backend;

    @Override
    public Integer call() throws PortajavaException {
        String argument = ImageArgument.of(image, main, spec);
        ImageState state = backend.portables(main, spec, Optional.empty()).state(argument,
                extensions.arguments());
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image", argument);
            result.put("extensions", extensions.arguments());
            result.put("state", state.toString());
            result.put("attached", state.isAttached());
            JsonOption.print(spec.commandLine().getOut(), result);
        } else {
            spec.commandLine().getOut().println(state);
        }
        return state.isAttached() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }
}
