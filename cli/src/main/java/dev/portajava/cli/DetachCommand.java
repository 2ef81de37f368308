package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.DetachRequest;
import dev.portajava.attach.DetachResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

final class DetachCommand implements Command {

    static final Positional<String> PREFIXES = Positional.many(0, "PREFIX", ValueType.TEXT,
            "With --now or --enable: stop or disable only the units with these prefixes.");
    static final Option<Boolean> CLEAN = Option.flag("--clean", "Also remove the units' configuration, state, cache,"
            + " logs and runtime data (StateDirectory= …), as portablectl 256's --clean does; on older systemd too,"
            + " through its CleanUnit.");

    private static final CommandModel MODEL = CommandModel.of("detach",
            "Detaches a portable service image: removes its units, drop-ins and links from this host.",
            "An image is matched by name, so myapp_2.raw detaches what myapp_1.raw attached.")
            .positionals(ImageArgument.IMAGE, PREFIXES)
            .options(CLEAN, ExtensionOptions.EXTENSION, AttachOptions.IMAGE_PATH).options(UnitOptions.ALL)
            .options(BackendOptions.ALL)
            .options(JsonOption.JSON)
            .footer("Example", "  portajava detach hello.raw --now");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException {
        UnitOptions units = new UnitOptions(invocation);
        BackendOptions backend = new BackendOptions(invocation);
        boolean clean = invocation.has(CLEAN);
        List<String> matches = invocation.values(PREFIXES);
        DetachRequest request = new DetachRequest(ImageArgument.of(invocation.value(ImageArgument.IMAGE), invocation),
                ExtensionOptions.arguments(invocation), matches, units.runtime, units.enable, units.now,
                units.noReload, clean);
        if (backend.offline() && (units.now || clean)) {
            throw new UsageException((clean ? "--clean cannot clean" : "--now cannot stop")
                    + " units in a root tree that is not running (--root)");
        }
        DetachResult result = backend.portables(AttachOptions.imagePath(invocation)).detach(request);
        PrintWriter out = invocation.out();
        if (invocation.has(JsonOption.JSON)) {
            JsonOption.print(out, result);
        } else {
            ChangePrinter.units(out, "Stopped", result.stopped());
            ChangePrinter.changes(out, result.disableChanges());
            ChangePrinter.cleaned(out, result.cleaned(), result.cleanNote());
            ChangePrinter.changes(out, result.changes());
        }
        return 0;
    }
}
