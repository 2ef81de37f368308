package dev.portajava.cli;

import java.util.List;

/** The options attach and detach share with portablectl. */
final class UnitOptions {

    static final Option<Boolean> RUNTIME = Option.flag("--runtime",
            "Attach only until the next reboot (under /run), or detach such an attachment.");
    static final Option<Boolean> ENABLE = Option.flag("--enable",
            "Enable the units after attaching, or disable them before detaching.");
    static final Option<Boolean> NOW = Option.flag("--now",
            "Start the units after attaching, or stop them before detaching.");
    static final Option<Boolean> NO_RELOAD = Option.flag("--no-reload",
            "Do not reload systemd after attaching or detaching.");
    static final List<Option<?>> ALL = List.of(RUNTIME, ENABLE, NOW, NO_RELOAD);

    final boolean runtime;
    final boolean enable;
    final boolean now;
    final boolean noReload;

    UnitOptions(Invocation invocation) {
        runtime = invocation.has(RUNTIME);
        enable = invocation.has(ENABLE);
        now = invocation.has(NOW);
        noReload = invocation.has(NO_RELOAD);
    }
}
