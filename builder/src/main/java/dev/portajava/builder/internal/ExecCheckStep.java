package dev.portajava.builder.internal;

import dev.portajava.name.PortableScope;
import dev.portajava.tree.ImagePath;
import dev.portajava.text.ControlCharacters;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.internal.launch.CannotStartException;
import dev.portajava.builder.internal.launch.ImageFiles;
import dev.portajava.builder.internal.launch.PathSearch;
import dev.portajava.builder.internal.launch.ProgramCheck;
import dev.portajava.name.UnitName;
import dev.portajava.name.UnitType;
import dev.portajava.builder.ImageKind;
import dev.portajava.builder.internal.layer.ExtendedImage;
import dev.portajava.builder.internal.layer.ImageLayer;
import dev.portajava.builder.internal.layer.LayeredImageFiles;
import dev.portajava.builder.internal.layer.PlanLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Checks that every program a service runs ({@code ExecStart=}, {@code ExecStartPre=} and the other
 * {@code Exec*=} settings) can start from the image: an executable file there, whose loader and libraries, or
 * script interpreter, are in the image too ({@link ProgramCheck}). Paths and symlinks are resolved inside the image,
 * never on the build host: the service will not see the host's {@code /usr/bin}. A command with the {@code -}
 * prefix only gets a warning: systemd skips it, and the service starts without it.
 *
 * <p>An extension's programs are looked up as its service sees them: its {@code /usr} and {@code /opt} laid over the
 * base image given with {@code --base}. Without {@code --base}, what the extension alone lacks only gets a warning
 * that says so: the base it will be attached over may have it. A unit the base also has is not checked: portabled
 * attaches the base's, and the extension's never runs.
 */
final class ExecCheckStep implements BuildStep {

    private static final List<String> EXEC_KEYS = List.of("ExecCondition", "ExecStartPre", "ExecStart",
            "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost");

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException {
        boolean extension = context.spec().image().kind() == ImageKind.EXTENSION;
        ImageFiles files = extension ? new LayeredImageFiles(new PlanLayer(context.plan()),
                ExtensionReleaseStep.HIERARCHIES, context.extended().map(ExtendedImage::layer).orElse(ImageLayer.EMPTY))
                : new PlanImageFiles(context.plan());
        int checked = 0;
        try {
            for (ImagePath path : UnitDirectories.unitFiles(context.plan(), context.spec().image().scope())) {
                if (UnitType.ofFileName(path.fileName()).orElse(null) != UnitType.SERVICE || !attached(context, path)
                        || (extension && shadowed(context, path))) {
                    continue;
                }
                Optional<UnitFile> unit = UnitDirectories.read(context.plan(), path);
                if (unit.isEmpty()) {
                    continue;
                }
                Optional<List<String>> searchPath = ServiceEnvironment.searchPath(unit.get());
                ProgramCheck programs = new ProgramCheck(files, ServiceEnvironment.launchEnvironment(unit.get()));
                for (String key : EXEC_KEYS) {
                    for (UnitFile.Setting setting : unit.get().values("Service", key)) {
                        for (ExecCommand command : ExecCommand.parse(setting.value())) {
                            if (check(context, files, programs, searchPath, path, setting, command)) {
                                checked++;
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw context.invalid("cannot read the image's units and programs: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw context.extended().<InvalidSpecException>map(base -> new InvalidSpecException(base.path(),
                    "cannot read it: " + e.getCause().getMessage(), e))
                    .orElseGet(() -> context.invalid("cannot read the image's programs: " + e.getCause().getMessage()));
        }
        context.report(name(), checked + " programs found in the image");
    }

    private boolean check(BuildContext context, ImageFiles files, ProgramCheck programs,
            Optional<List<String>> searchPath, ImagePath unit, UnitFile.Setting setting, ExecCommand command)
            throws InvalidSpecException, IOException {
        String program = command.program();
        if (program.isEmpty() || program.contains("%") || program.contains("$")) {
            return false; // an invalid line systemd skips, or a specifier or variable only systemd can expand
        }
        String where = "unit " + unit + " line " + setting.line() + " " + setting.key() + "="
                + ControlCharacters.escapedUnambiguously(program);
        if (!program.startsWith("/") && program.contains("/")) {
            throw context.invalid(where + ": a relative path; systemd needs an absolute path or a bare command name");
        }
        if (!program.startsWith("/") && searchPath.isEmpty()) {
            context.report(name(), where + ": not checked: ExecSearchPath= has specifiers only systemd expands");
            return false;
        }
        // systemd 252 looks up a command without a path when the service starts, inside the image
        Optional<String> path = program.startsWith("/") ? Optional.of(program)
                : PathSearch.find(files, searchPath.get(), program);
        Optional<ImageFiles.RegularFile> file = path.flatMap(files::resolve).flatMap(files::regularFile);
        Optional<String> problem;
        boolean baseMayHaveIt = false;
        if (file.isEmpty()) {
            problem = Optional.of(missing(context));
            baseMayHaveIt = true;
        } else if (!file.get().executable()) {
            problem = Optional.of("the file in the image is not executable");
        } else {
            try {
                programs.check(path.get()).ifPresent(why -> context.report(name(), where + ": not checked: " + why));
                problem = Optional.empty();
            } catch (CannotStartException e) {
                problem = Optional.of(e.getMessage());
                baseMayHaveIt = true;
            }
        }
        if (problem.isPresent() && baseMayHaveIt && context.spec().image().kind() == ImageKind.EXTENSION
                && context.extended().isEmpty()) {
            context.warn(name(), where + ": " + problem.get() + "; not checked against the base it runs on: give"
                    + " --base IMAGE to check it");
            return false;
        }
        if (problem.isPresent() && command.ignoresFailure()) {
            context.warn(name(), where + ": " + problem.get() + "; with the '-' prefix the service starts without it");
            return false;
        }
        if (problem.isPresent()) {
            throw context.invalid(where + ": " + problem.get());
        }
        return true;
    }

    /** What a missing program is missing from. */
    private static String missing(BuildContext context) {
        if (context.spec().image().kind() != ImageKind.EXTENSION) {
            return "no such program in the image";
        }
        return "no such program in the extension's /usr or /opt" + context.extended()
                .map(base -> ", nor in --base " + base.path()).orElse("");
    }

    /**
     * Whether {@code --base} has a unit of this name: portabled takes the base's units first, then each extension's,
     * and ignores a unit whose name is taken, so it attaches the base's and this one never runs (a warning says so).
     */
    private boolean shadowed(BuildContext context, ImagePath unit) {
        if (context.extended().isEmpty()) {
            return false;
        }
        ExtendedImage base = context.extended().get();
        LayeredImageFiles files = LayeredImageFiles.of(base.layer());
        for (ImagePath dir : UnitDirectories.of(PortableScope.SYSTEM)) {
            if (files.resolve(dir.resolve(unit.fileName()).toString()).flatMap(files::regularFile).isPresent()) {
                context.warn(name(), "unit " + unit + ": --base " + base.path() + " has " + dir.resolve(unit.fileName())
                        + ", which portabled attaches instead (the base's units come first, then each extension's):"
                        + " this one never runs, so its programs are not checked");
                return true;
            }
        }
        return false;
    }

    /** Whether portabled will attach the unit: it carries a prefix (others come from a base image, unused). */
    private static boolean attached(BuildContext context, ImagePath unit) {
        try {
            UnitName name = UnitName.parse(unit.fileName());
            return context.spec().image().unitPrefixes().stream().anyMatch(name::hasPrefix);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
