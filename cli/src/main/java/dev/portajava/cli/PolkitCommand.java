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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "polkit", mixinStandardHelpOptions = true,
        description = {"Lets the members of a group attach and detach through systemd-portabled without root.",
            "It installs a polkit rule (polkitd reads it) that also lets them start and stop the attached services."
                + " An attached image's services may run as root, so grant the group as you would grant sudo."},
        footerHeading = "%nExamples:%n", footer = {"  groupadd portable && usermod -aG portable alice",
            "  portajava polkit portable", "  portajava polkit --remove portable"})
final class PolkitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GROUP", description = "The group whose members are let in.")
    PolkitGroup group;

    @Option(names = "--remove", description = "Remove the group's rule instead.")
    boolean remove;

    @Option(names = "--root", paramLabel = "DIR", description = "Write into the root tree DIR, not this host.")
    Path root;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws AttachException, UsageException {
        if (root != null && !Files.isDirectory(root)) {
            throw new UsageException("--root: " + root + " is not a directory");
        }
        PolkitRules rules = new PolkitRules(root == null ? Path.of("/") : root.toAbsolutePath().normalize());
        List<Change> changes = remove ? rules.revoke(group) : rules.grant(group);
        boolean polkitd = rules.polkitdInstalled();
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
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
            spec.commandLine().getErr().println("polkitd is not installed: portabled refuses every caller but root"
                    + " until it is (Debian: apt install polkitd); the rule takes effect then");
        }
        return ExitStatus.OK.code();
    }
}
