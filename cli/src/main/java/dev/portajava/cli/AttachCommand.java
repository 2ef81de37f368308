package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.AttachRequest;
import dev.portajava.attach.AttachResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

final class AttachCommand implements Command {

    private static final Option<Boolean> FORCE = Option.flag("--force",
            "Attach even if units of the same name are on the host already, and take an extension's release file"
                    + " named otherwise than the extension image.");

    private static final CommandModel MODEL = CommandModel.of("attach",
            "Attaches a portable service image to this host, through systemd-portabled or natively.",
            "Its units are copied out, with a drop-in that runs them from the image and the profile's sandbox."
                    + " An unknown profile is refused before anything is attached.")
            .positionals(ImageArgument.IMAGE, AttachOptions.PREFIXES)
            .options(ExtensionOptions.EXTENSION, FORCE).options(AttachOptions.ALL).options(UnitOptions.ALL)
            .options(BackendOptions.ALL).options(JsonOption.JSON)
            .footer("Example", "  portajava attach hello.raw --profile strict --now");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException {
        AttachOptions attach = new AttachOptions(invocation);
        UnitOptions units = new UnitOptions(invocation);
        BackendOptions backend = new BackendOptions(invocation);
        List<String> matches = invocation.values(AttachOptions.PREFIXES);
        Optional<String> imagePath = attach.imagePath();
        AttachRequest request = new AttachRequest(ImageArgument.of(invocation.value(ImageArgument.IMAGE), invocation),
                ExtensionOptions.arguments(invocation), matches, attach.profile, attach.copyMode, units.runtime,
                units.enable, units.now, units.noReload, invocation.has(FORCE));
        if (backend.offline() && units.now) {
            throw new UsageException("--now cannot start units in a root tree that is not running (--root)");
        }
        AttachResult result = backend.portables(imagePath).attach(request);
        PrintWriter out = invocation.out();
        if (invocation.has(JsonOption.JSON)) {
            JsonOption.print(out, result);
        } else {
            ChangePrinter.matches(out, matches);
            ChangePrinter.changes(out, result.changes());
            ChangePrinter.changes(out, result.enableChanges());
            ChangePrinter.units(out, "Started", result.started());
        }
        return 0;
    }
}
