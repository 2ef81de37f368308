package dev.portajava.cli;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.polkit.PolkitGroup;
import dev.portajava.attach.polkit.PolkitRules;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class PolkitCommand implements Command {

    static final Positional<PolkitGroup> GROUP = Positional.one("GROUP", ValueType.GROUP,
            "The group whose members are let in.");
    static final Option<Boolean> REMOVE = Option.flag("--remove", "Remove the group's rule instead.");
    static final Option<Path> ROOT = Option.value("--root", "DIR", ValueType.PATH,
            "Write into the root tree DIR, not this host.");

    private static final CommandModel MODEL = CommandModel.of("polkit",
            "Lets the members of a group attach and detach through systemd-portabled without root.",
            "It installs a polkit rule (polkitd reads it) that also lets them start and stop the attached services."
                + " An attached image's services may run as root, so grant the group as you would grant sudo.")
            .positionals(GROUP).options(REMOVE, ROOT, JsonOption.JSON)
            .footer("Examples", "  groupadd portable && usermod -aG portable alice",
                "  portajava polkit portable", "  portajava polkit --remove portable");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws AttachException, UsageException {
        Path root = invocation.value(ROOT);
        PolkitGroup group = invocation.value(GROUP);
        boolean remove = invocation.has(REMOVE);
        if (root != null && !Files.isDirectory(root)) {
            throw new UsageException("--root: " + root + " is not a directory");
        }
        PolkitRules rules = new PolkitRules(root == null ? Path.of("/") : root.toAbsolutePath().normalize());
        List<Change> changes = remove ? rules.revoke(group) : rules.grant(group);
        boolean polkitd = rules.polkitdInstalled();
        PrintWriter out = invocation.out();
        if (invocation.has(JsonOption.JSON)) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("group", group.name());
            result.put("granted", !remove);
            result.put("changes", changes);
            result.put("polkitd", polkitd);
            JsonOption.print(out, result);
            return ExitStatus.OK.code();
        }
        ChangePrinter.changes(out, changes);
        if (changes.isEmpty()) {
            out.println(remove ? "No rule for the group " + group + "; nothing to remove."
                    : "The group " + group + " is let in already.");
        }
        if (!remove && !polkitd) {
            invocation.err().println("polkitd is not installed: portabled refuses every caller but root"
                    + " until it is (Debian: apt install polkitd); the rule takes effect then");
        }
        return ExitStatus.OK.code();
    }
}
