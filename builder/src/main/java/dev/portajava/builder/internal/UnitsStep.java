package dev.portajava.builder.internal;

import dev.portajava.tree.ImagePath;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.name.Prefix;
import dev.portajava.name.UnitName;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.PlanConflictException;
import dev.portajava.tree.PlanEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Installs the units the spec lists into {@code /usr/lib/systemd/system}, then checks every unit the image ships:
 * a type portabled takes, a name carrying one of the image's prefixes, a symlink that resolves inside the image, and
 * some content (systemd takes an empty unit file for a masked one).
 * A base image's own units without the prefix are left alone: portabled does not attach them.
 */
final class UnitsStep implements BuildStep {

    private final List<UnitName> found;

    UnitsStep(List<UnitName> found) {
        this.found = found;
    }

    @Override
    public String name() {
        return "units";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException {
        for (String unit : context.spec().image().units()) {
            Path source = SourcePaths.resolve(context, "[image] units", unit);
            if (!Files.isRegularFile(source)) {
                throw context.invalid("[image] units '" + unit + "' is not a regular file");
            }
            String fileName = FileNames.name(source);
            try {
                UnitName.parse(fileName);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(source, e.getMessage());
            }
            try {
                context.plan().file(UnitDirectories.install(context.spec().image().scope()).resolve(fileName), SourcePaths.content(source), 0644);
            } catch (IOException e) {
                throw context.invalid("[image] units '" + unit + "': cannot read it: " + BuildRunner.reason(e));
            } catch (PlanConflictException e) {
                throw context.invalid("[image] units '" + unit + "': " + e.getMessage());
            }
        }
        List<Prefix> prefixes = context.spec().image().unitPrefixes();
        List<ImagePath> unitFiles = UnitDirectories.unitFiles(context.plan(), context.spec().image().scope());
        List<String> ignored = new ArrayList<>();
        for (ImagePath path : unitFiles) {
            UnitName unit;
            try {
                unit = UnitName.parse(path.fileName());
            } catch (IllegalArgumentException e) {
                if (context.base().isPresent() && prefixes.stream().noneMatch(p -> p.matches(path.fileName()))) {
                    ignored.add(path.printable()); // a base image's own unit of a type portabled never attaches
                    continue;
                }
                throw context.invalid("unit " + path.printable() + ": " + e.getMessage());
            }
            if (prefixes.stream().noneMatch(unit::hasPrefix) && context.base().isPresent() && !listed(context, unit)) {
                // a base image's own unit, such as a distribution's: portabled attaches only prefixed units
                ignored.add(path.printable());
                continue;
            }
            if (prefixes.stream().noneMatch(unit::hasPrefix)) {
                throw context.invalid("unit " + path + " does not carry the image's prefix ("
                        + prefixes.stream().map(Prefix::value).collect(Collectors.joining(", "))
                        + "); rename it or declare its prefix in [image] prefixes");
            }
            Optional<PlanEntry> target = context.plan().regularFile(path.toString());
            if (target.isEmpty()) {
                throw context.invalid("unit " + path + " is a symlink that does not resolve to a file inside the image");
            }
            if (target.get().content().size() == 0) {
                throw context.invalid("unit " + path + " is empty; systemd takes an empty unit file for a masked one"
                        + " and never starts it");
            }
            found.add(unit);
        }
        if (found.isEmpty()) {
            throw context.invalid("the image ships no unit" + (ignored.isEmpty() ? "" : " with its prefix")
                    + "; list at least one in [image] units");
        }
        context.report(name(), found.stream().map(UnitName::value).collect(Collectors.joining(" ")));
        if (!ignored.isEmpty()) {
            context.report(name(), "left out of attaching, no prefix: " + String.join(" ", ignored));
        }
    }

    private static boolean listed(BuildContext context, UnitName unit) {
        return context.spec().image().units().stream()
                .anyMatch(u -> u.substring(u.lastIndexOf('/') + 1).equals(unit.value()));
    }
}
