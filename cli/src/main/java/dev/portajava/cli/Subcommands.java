package dev.portajava.cli;

/**
 * The subcommands of {@code portajava}, by name, in the order help lists them. A command's class is loaded only
 * when {@link #create} makes that command: a run makes just the one it runs.
 */
final class Subcommands {

    /** Every subcommand's name, in the order help, completion and the man pages list them. */
    static final String[] NAMES = {"build", "attach", "detach", "reattach", "inspect", "list", "is-attached",
        "profiles", "verify", "cache", "publish", "install", "uninstall", "update", "polkit", Main.COMPLETION};

    private Subcommands() {
    }

    /**
     * The subcommand {@code args} name: their first argument that is not an option, if it is a subcommand's name;
     * else null (none, an unknown one, or only options such as {@code --help}).
     */
    static String named(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return known(arg) ? arg : null;
            }
        }
        return null;
    }

    static boolean known(String name) {
        for (String known : NAMES) {
            if (known.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A new instance of the subcommand {@code name}, but for {@link Main#COMPLETION}, picocli's. Each branch names
     * its class only there, so that making one command loads no other command's class.
     */
    static Command create(String name) {
        switch (name) {
            case "build": return new BuildCommand();
            case "attach": return new AttachCommand();
            case "detach": return new DetachCommand();
            case "reattach": return new ReattachCommand();
            case "inspect": return new InspectCommand();
            case "list": return new ListCommand();
            case "is-attached": return new IsAttachedCommand();
            case "profiles": return new ProfilesCommand();
            case "verify": return new VerifyCommand();
            case "cache": return new CacheCommand();
            case "publish": return new PublishCommand();
            case "install": return new InstallCommand();
            case "uninstall": return new UninstallCommand();
            case "update": return new UpdateCommand();
            case "polkit": return new PolkitCommand();
            default: throw new IllegalArgumentException("no subcommand " + name);
        }
    }
}
