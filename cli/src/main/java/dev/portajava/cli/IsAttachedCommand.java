package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.ImageState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class IsAttachedCommand implements Command {

    private static final CommandModel MODEL = CommandModel.of("is-attached",
            "Prints whether an image is attached, and exits 0 only if it is.",
            "The state is attached, attached-runtime, enabled, running, …, or detached; the exit code is that of"
                + " 'systemctl is-active'.")
            .positionals(ImageArgument.IMAGE)
            .options(ExtensionOptions.EXTENSION, JsonOption.JSON).options(BackendOptions.ALL)
            .footer("Example", "  portajava is-attached hello.raw && echo attached");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException {
        String argument = ImageArgument.of(invocation.value(ImageArgument.IMAGE), invocation);
        List<String> extensions = ExtensionOptions.arguments(invocation);
        ImageState state = new BackendOptions(invocation).portables(Optional.empty()).state(argument, extensions);
        if (invocation.has(JsonOption.JSON)) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image", argument);
            result.put("extensions", extensions);
            result.put("state", state.toString());
            result.put("attached", state.isAttached());
            JsonOption.print(invocation.out(), result);
        } else {
            invocation.out().println(state);
        }
        return state.isAttached() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }
}
