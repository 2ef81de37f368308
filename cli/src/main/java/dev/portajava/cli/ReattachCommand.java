package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.ReattachRequest;
import dev.portajava.attach.ReattachResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

final class ReattachCommand implements Command {

    static final Positional<String> IMAGE = Positional.one("IMAGE", ValueType.TEXT,
            "The new .raw image or image directory, or an image name.");

    private static final CommandModel MODEL = CommandModel.of("reattach",
            "Replaces what an image of the same name attached with IMAGE, to upgrade a portable service.",
            "myapp_2.raw replaces myapp_1.raw. IMAGE is read and checked completely first; a broken image is"
                + " refused and the attached one keeps running. Units IMAGE no longer has are stopped and removed;"
                + " with --now the others are restarted.")
            .positionals(IMAGE, AttachOptions.PREFIXES)
            .options(ExtensionOptions.EXTENSION, ExtensionOptions.FORCE).options(AttachOptions.ALL)
            .options(UnitOptions.ALL).options(BackendOptions.ALL).options(JsonOption.JSON)
            .footer("Example", "  portajava reattach /var/lib/portables/myapp_2.raw --now");

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
        if (backend.offline() && units.now) {
            throw new UsageException("--now cannot restart units in a root tree that is not running (--root)");
        }
        ReattachRequest request = new ReattachRequest(ImageArgument.of(invocation.value(IMAGE), invocation),
                ExtensionOptions.arguments(invocation), matches, attach.profile, attach.copyMode, units.runtime,
                units.enable, units.now, units.noReload, invocation.has(ExtensionOptions.FORCE));
        ReattachResult result = backend.portables(imagePath).reattach(request);
        PrintWriter out = invocation.out();
        if (invocation.has(JsonOption.JSON)) {
            JsonOption.print(out, result);
        } else {
            ChangePrinter.matches(out, matches);
            ChangePrinter.units(out, "Stopped", result.stopped());
            ChangePrinter.changes(out, result.removed());
            ChangePrinter.changes(out, result.updated());
            ChangePrinter.changes(out, result.enableChanges());
            ChangePrinter.units(out, "Restarted", result.started());
        }
        return 0;
    }
}
