package dev.portajava.cli;

import picocli.CommandLine.Option;

/** The options attach and detach share with portablectl. */
final class UnitOptions {

    @Option(names = "--runtime", description = "Attach only until the next reboot (under /run), or detach such an attachment.")
    boolean runtime;

    @Option(names = "--enable", description = "Enable the units after attaching, or disable them before detaching.")
    boolean enable;

    @Option(names = "--now", description = "Start the units after attaching, or stop them before detaching.")
    boolean now;

    @Option(names = "--no-reload", description = "Do not reload systemd after attaching or detaching.")
    boolean noReload;
}
