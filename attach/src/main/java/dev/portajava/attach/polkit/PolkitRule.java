package dev.portajava.attach.polkit;

import java.nio.file.Path;
import java.util.List;

/**
 * The polkit rule that lets the members of one group do without root what attaching needs: portabled's actions
 * (inspect, attach, detach, reattach: {@code org.freedesktop.portable1.*}), and systemd's actions for enabling,
 * starting and stopping the attached units and reloading the manager ({@code --now}, {@code systemctl start}).
 * An attached image's services may run as root, so membership is worth what root is: the rule says so to whoever
 * reads it.
 */
public record PolkitRule(PolkitGroup group) {

    /** Where polkitd reads local rules, relative to the root of the host. */
    static final Path RULES_DIRECTORY = Path.of("etc/polkit-1/rules.d");

    /** The systemd actions besides portabled's that attaching, starting and stopping a service ask for. */
    static final List<String> SYSTEMD_ACTIONS = List.of(
            "org.freedesktop.systemd1.manage-units",
            "org.freedesktop.systemd1.manage-unit-files",
            "org.freedesktop.systemd1.reload-daemon");

    /** The rule's file, relative to the root of the host. */
    public Path file() {
        return RULES_DIRECTORY.resolve("50-portajava-" + group.name() + ".rules");
    }

    /** The rule, as polkitd (0.106 and later: JavaScript rules) reads it. */
    public String text() {
        StringBuilder actions = new StringBuilder();
        for (String action : SYSTEMD_ACTIONS) {
            actions.append("\n            || action.id == \"").append(action).append('"');
        }
        return "// Written by 'portajava polkit " + group.name() + "'; 'portajava polkit --remove " + group.name()
                + "' removes it.\n"
                + "// Members of the group " + group.name() + " may attach, detach and reattach portable services"
                + " through\n"
                + "// systemd-portabled, and enable, start and stop units, without root. An attached image's"
                + " services may\n"
                + "// run as root: grant this group as you would grant sudo.\n"
                + "polkit.addRule(function(action, subject) {\n"
                + "    if (subject.isInGroup(\"" + group.name() + "\")\n"
                + "            && (action.id.indexOf(\"org.freedesktop.portable1.\") == 0" + actions + ")) {\n"
                + "        return polkit.Result.YES;\n"
                + "    }\n"
                + "});\n";
    }
}
