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
        description = {"Prints whether an image is attached (attached, attached-runtime, enabled, running, …,",
            "or detached), and exits 0 only if it is attached, like 'systemctl is-active'."},
        footer = {"", "Example:", "  portajava is-attached hello.raw && echo attached"})
final class IsAttachedCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A .raw image or image directory, or an image name.")
    String image;

    @Mixin
    JsonOption json;

    @Mixin
    BackendOptions backend;

    @Override
    public Integer call() throws PortajavaException {
        String argument = ImageArgument.of(image, main, spec);
        ImageState state = new Portables(backend.connector(main, spec, Optional.empty())).state(argument);
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image", argument);
            result.put("state", state.toString());
            result.put("attached", state.isAttached());
            JsonOption.print(spec.commandLine().getOut(), result);
        } else {
            spec.commandLine().getOut().println(state);
        }
        return state.isAttached() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }
}
