package dev.portajava.builder.internal;

import dev.portajava.builder.ImageBuildException;
import dev.portajava.tree.ImagePath;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.name.Prefix;
import dev.portajava.name.UnitName;
import dev.portajava.oci.ImageConfig;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.Content;
import dev.portajava.tree.PlanConflictException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When the spec starts from a container image and ships no unit of its own, writes {@code NAME.service} from the
 * image's config, so the service runs as {@code docker run} would run the image: {@code Entrypoint} and
 * {@code Cmd} as {@code ExecStart=} (the program looked up in the image's {@code PATH}), {@code Env},
 * {@code WorkingDir} and {@code User} (as the uid and gid the image's own passwd and group files give). The image's
 * volumes and ports are noted in comments, with the settings that would keep a volume's data.
 */
final class ConfigUnitStep implements BuildStep {

    /** The {@code PATH} Docker gives a container whose image sets none. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @Override
    public String name() {
        return "config-unit";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException, ImageBuildException {
        Optional<BaseImage> base = context.base();
        if (base.isEmpty() || !context.spec().image().units().isEmpty() || shipsOwnUnit(context)) {
            return;
        }
        ImageConfig config = base.get().image().config();
        String reference = base.get().image().reference();
        String name = context.spec().image().unitPrefixes().get(0).value() + ".service";
        List<String> argv = new ArrayList<>(config.command());
        if (argv.isEmpty()) {
            throw context.invalid(reference + ": the image config has neither Entrypoint nor Cmd; list a unit in "
                    + "[image] units");
        }
        String path = config.env().stream().filter(e -> e.startsWith("PATH=")).map(e -> e.substring(5))
                .reduce((a, b) -> b).orElse(DEFAULT_PATH);
        argv.set(0, program(context, reference, argv.get(0), path, config.workingDir()));
        ImageUser user;
        try {
            user = ImageUser.resolve(context.plan(), config.user());
        } catch (ImageUser.IllegalUserException e) {
            throw context.invalid(reference + ": " + e.getMessage());
        }
        StringBuilder unit = new StringBuilder();
        unit.append("# Written by portajava from the config of ").append(oneLine(reference)).append('\n')
                .append("# (manifest ").append(base.get().image().manifestDigest()).append(").\n")
                .append("[Unit]\nDescription=").append(oneLine(reference).replace("%", "%%")).append("\n\n")
                .append("[Service]\nExecStart=").append(ServiceUnitText.commandLine(argv)).append('\n');
        List<String> env = new ArrayList<>(config.env());
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
            env.add(0, "PATH=" + DEFAULT_PATH);
        }
        if (env.stream().noneMatch(e -> e.startsWith("HOME="))) {
            env.add("HOME=" + user.home());
        }
        env.forEach(e -> unit.append("Environment=").append(ServiceUnitText.assignment(e)).append('\n'));
        if (!config.workingDir().isEmpty()) {
            // a path setting: not unquoted by systemd, but specifiers are expanded
            String dir;
            try {
                dir = ImagePath.of(config.workingDir(), "WorkingDir").toString();
            } catch (IllegalArgumentException e) {
                throw context.invalid(reference + ": the image config's " + e.getMessage());
            }
            unit.append("WorkingDirectory=").append(oneLine(dir).replace("%", "%%")).append('\n');
            mkdirs(context, config.workingDir());
        }
        if (!user.isRoot()) {
            unit.append("# User ").append(oneLine(config.user())).append(" in the image config\n")
                    .append("User=").append(user.uid()).append("\nGroup=").append(user.gid()).append('\n');
            context.warn(name(), "the image runs as user " + ControlCharacters.escapedUnambiguously(config.user())
                    + " (uid " + user.uid() + "); a profile with DynamicUser=yes, such as strict, runs it as a"
                    + " transient user instead");
        }
        volumes(context, config, unit);
        if (!config.exposedPorts().isEmpty()) {
            unit.append("# The image exposes ").append(oneLine(String.join(" ", config.exposedPorts())))
                    .append(": the service listens on the host's network unless the profile sets PrivateNetwork=.\n");
        }
        unit.append("\n[Install]\nWantedBy=multi-user.target\n");
        try {
            context.plan().file(UnitDirectories.install(context.spec().image().scope()).resolve(name),
                    new Content.Inline(unit.toString().getBytes(StandardCharsets.UTF_8)), 0644);
        } catch (PlanConflictException e) {
            throw new ImageBuildException("cannot write " + name + ": " + e.getMessage(), e);
        }
        context.report(name(), "wrote " + name + " from the image config: ExecStart=" + ServiceUnitText.commandLine(argv));
    }

    /** The image's volumes: mount points created, and the settings that keep their data, commented out. */
    private void volumes(BuildContext context, ImageConfig config, StringBuilder unit) throws InvalidSpecException {
        if (config.volumes().isEmpty()) {
            return;
        }
        String image = context.spec().image().name();
        unit.append("# The image declares volumes. Its file system is read-only here; to keep their data, use:\n");
        for (String volume : config.volumes()) {
            String clean = ImagePath.of(volume, "the volume").toString();
            mkdirs(context, clean);
            String state = clean.startsWith("/var/lib/") ? clean.substring("/var/lib/".length())
                    : image + clean;
            unit.append("#   StateDirectory=").append(oneLine(state)).append('\n');
            if (!clean.startsWith("/var/lib/")) {
                unit.append("#   BindPaths=/var/lib/").append(oneLine(state)).append(':').append(oneLine(clean)).append('\n');
            }
        }
    }

    private static void mkdirs(BuildContext context, String dir) throws InvalidSpecException {
        try {
            if (context.plan().resolve(dir).isEmpty()) {
                context.plan().directory(ImagePath.of(dir, "the directory"), 0755);
            }
        } catch (PlanConflictException | IllegalArgumentException e) {
            throw context.invalid("cannot create " + dir + " in the image: " + e.getMessage());
        }
    }

    /** The absolute path of the program, looked up in the image's {@code PATH} as Docker does. */
    private static String program(BuildContext context, String reference, String program, String path,
            String workingDir) throws InvalidSpecException {
        List<String> candidates = program.contains("/")
                ? List.of(program.startsWith("/") ? program : (workingDir.isEmpty() ? "" : workingDir) + "/" + program)
                : List.of(path.split(":")).stream().filter(d -> d.startsWith("/")).map(d -> d + "/" + program).toList();
        for (String candidate : candidates) {
            if (context.plan().regularFile(candidate).isPresent()) {
                return ImagePath.of(candidate).toString();
            }
        }
        throw context.invalid(reference + ": the image config runs '" + ControlCharacters.escapedUnambiguously(program)
                + "', which is not in the image"
                + (program.contains("/") ? "" : " (PATH=" + path + ")"));
    }

    private static boolean shipsOwnUnit(BuildContext context) {
        List<Prefix> prefixes = context.spec().image().unitPrefixes();
        for (ImagePath unit : UnitDirectories.unitFiles(context.plan(), context.spec().image().scope())) {
            try {
                UnitName name = UnitName.parse(unit.fileName());
                if (prefixes.stream().anyMatch(name::hasPrefix)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not a unit name; UnitsStep reports it
            }
        }
        return false;
    }

    /** {@code text} for a line of the unit file: its control characters, which would end or garble it, as '?'. */
    static String oneLine(String text) {
        return text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }
}
