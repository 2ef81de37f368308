package dev.portajava.builder.internal;

import dev.portajava.tree.ImagePath;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.name.UnitName;
import dev.portajava.name.UnitType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks that every program a service runs ({@code ExecStart=}, {@code ExecStartPre=} and the other
 * {@code Exec*=} settings) is an executable file in the image. Paths and symlinks are resolved inside the image,
 * never on the build host: the service will not see the host's {@code /usr/bin}.
 */
final class ExecCheckStep implements BuildStep {

    private static final List<String> EXEC_KEYS = List.of("ExecCondition", "ExecStartPre", "ExecStart",
            "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost");

    /** Where systemd looks up a command given without a path. */
    private static final List<String> SEARCH_PATH =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException {
        int checked = 0;
        try {
            for (ImagePath path : UnitDirectories.unitFiles(context.tree())) {
                if (UnitType.ofFileName(path.fileName()).orElse(null) != UnitType.SERVICE || !attached(context, path)) {
                    continue;
                }
                Optional<UnitFile> unit = UnitDirectories.read(context.tree(), path);
                if (unit.isEmpty()) {
                    continue;
                }
                for (String key : EXEC_KEYS) {
                    for (UnitFile.Setting setting : unit.get().values("Service", key)) {
                        if (check(context, path, setting)) {
                            checked++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw context.invalid("cannot read the image's units: " + e.getMessage());
        }
        context.report(name(), checked + " programs found in the image");
    }

    private boolean check(BuildContext context, ImagePath unit, UnitFile.Setting setting) throws InvalidSpecException {
        String program = program(setting.value());
        if (program.isEmpty() || program.contains("%") || program.contains("$")) {
            return false; // a reset, or a specifier or variable only systemd can expand
        }
        String where = "unit " + unit + " line " + setting.line() + " " + setting.key() + "=" + program;
        Optional<Path> binary;
        if (program.startsWith("/")) {
            binary = context.tree().resolve(program);
        } else if (program.contains("/")) {
            throw context.invalid(where + ": a relative path; systemd needs an absolute path or a bare command name");
        } else {
            binary = SEARCH_PATH.stream().map(dir -> context.tree().resolve(dir + "/" + program))
                    .flatMap(Optional::stream).filter(Files::isRegularFile).findFirst();
        }
        if (binary.isEmpty() || !Files.isRegularFile(binary.get())) {
            throw context.invalid(where + ": no such program in the image");
        }
        if (!Files.isExecutable(binary.get())) {
            throw context.invalid(where + ": the file in the image is not executable");
        }
        return true;
    }

    /** The program of an {@code Exec*=} value: special prefixes stripped, first word unquoted. */
    static String program(String value) {
        int i = 0;
        while (i < value.length() && "@-:+!".indexOf(value.charAt(i)) >= 0) {
            i++;
        }
        String rest = value.substring(i).stripLeading();
        if (rest.isEmpty()) {
            return "";
        }
        char quote = rest.charAt(0);
        if (quote == '"' || quote == '\'') {
            int end = rest.indexOf(quote, 1);
            return end < 0 ? rest.substring(1) : rest.substring(1, end);
        }
        int space = 0;
        while (space < rest.length() && !Character.isWhitespace(rest.charAt(space))) {
            space++;
        }
        return rest.substring(0, space);
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
