package dev.portajava.cli;

import dev.portajava.name.UnitType;
import dev.portajava.profiles.Profile;
import dev.portajava.profiles.ProfileCatalog;
import dev.portajava.profiles.UnknownProfileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"Lists and shows the sandbox profiles.",
            "The profiles are those in portabled's profile directories on this host, then the four systemd 252"
                + " ships (default, nonetwork, strict, trusted) and jit (default less MemoryDenyWriteExecute=yes, for"
                + " a JVM), built into portajava."},
        subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.ShowProfile.class},
        footerHeading = "%nExamples:%n", footer = {"  portajava profiles list", "  portajava profiles show strict"})
final class ProfilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return new ListProfiles().print(spec.commandLine().getOut(), false);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the profiles and where each comes from.")
    static final class ListProfiles implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        public Integer call() {
            return print(spec.commandLine().getOut(), json.json);
        }

        int print(PrintWriter out, boolean asJson) {
            List<Profile> profiles = ProfileCatalog.host().all();
            if (asJson) {
                JsonOption.print(out, profiles.stream().map(ProfilesCommand::toMap).toList());
                return 0;
            }
            for (Profile profile : profiles) {
                out.printf("%-12s %s%n", profile.name(), origin(profile));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints the drop-ins of a profile.")
    static final class ShowProfile implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The profile.")
        String name;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() throws UnknownProfileException {
            Profile profile = ProfileCatalog.host().get(name);
            PrintWriter out = spec.commandLine().getOut();
            if (json.json) {
                JsonOption.print(out, toMap(profile));
                return 0;
            }
            for (UnitType type : UnitType.values()) {
                profile.dropIn(type).ifPresent(text -> {
                    out.println("# " + origin(profile) + "/" + type.suffix() + ".conf");
                    out.print(text);
                });
            }
            return 0;
        }
    }

    private static String origin(Profile profile) {
        return profile.origin().map(Path::toString).orElse("(built in: systemd 252's " + profile.name() + ")");
    }

    private static Map<String, Object> toMap(Profile profile) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", profile.name().value());
        map.put("origin", profile.origin().map(Path::toString).orElse(null));
        Map<String, String> dropIns = new LinkedHashMap<>();
        for (UnitType type : UnitType.values()) {
            profile.dropIn(type).ifPresent(text -> dropIns.put(type.suffix(), text));
        }
        map.put("dropIns", dropIns);
        return map;
    }
}
