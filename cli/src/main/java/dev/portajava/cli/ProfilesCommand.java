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

final class ProfilesCommand implements Command {

    private static final CommandModel MODEL = CommandModel.of("profiles",
            "Lists and shows the sandbox profiles.",
            "The profiles are those in portabled's profile directories on this host, then the four systemd 252"
                + " ships (default, nonetwork, strict, trusted) and jit (default less MemoryDenyWriteExecute=yes, for"
                + " a JVM), built into portajava.")
            .subcommands("list", "show")
            .footer("Examples", "  portajava profiles list", "  portajava profiles show strict");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public Command subcommand(String name) {
        return name.equals("list") ? new ListProfiles() : name.equals("show") ? new ShowProfile() : null;
    }

    @Override
    public int call(Invocation invocation) {
        return ListProfiles.print(invocation.out(), false);
    }

    static final class ListProfiles implements Command {

        private static final CommandModel MODEL = CommandModel.of("list",
                "Lists the profiles and where each comes from.").options(JsonOption.JSON);

        @Override
        public CommandModel model() {
            return MODEL;
        }

        @Override
        public int call(Invocation invocation) {
            return print(invocation.out(), invocation.has(JsonOption.JSON));
        }

        static int print(PrintWriter out, boolean asJson) {
            List<Profile> profiles = ProfileCatalog.host().all();
            if (asJson) {
                JsonOption.print(out, profiles.stream().map(ProfilesCommand::toMap).toList());
                return 0;
            }
            for (Profile profile : profiles) {
                out.printf("%-12s %s%n", profile.name(), profile.originText());
            }
            return 0;
        }
    }

    static final class ShowProfile implements Command {

        static final Positional<String> NAME = Positional.one("NAME", ValueType.TEXT, "The profile.");

        private static final CommandModel MODEL = CommandModel.of("show", "Prints the drop-ins of a profile.")
                .positionals(NAME).options(JsonOption.JSON);

        @Override
        public CommandModel model() {
            return MODEL;
        }

        @Override
        public int call(Invocation invocation) throws UnknownProfileException {
            Profile profile = ProfileCatalog.host().get(invocation.value(NAME));
            PrintWriter out = invocation.out();
            if (invocation.has(JsonOption.JSON)) {
                JsonOption.print(out, toMap(profile));
                return 0;
            }
            for (UnitType type : UnitType.values()) {
                profile.dropIn(type).ifPresent(text -> {
                    out.println("# " + profile.originText() + "/" + type.suffix() + ".conf");
                    out.print(text);
                });
            }
            return 0;
        }
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
