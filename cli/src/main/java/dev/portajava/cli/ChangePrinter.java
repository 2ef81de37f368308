package dev.portajava.cli;

import dev.portajava.attach.Change;
import dev.portajava.attach.UnitStatus;
import dev.portajava.text.ControlCharacters;
import java.io.PrintWriter;
import java.util.List;

/** Prints changes and unit states the way portablectl does, with the control characters of names as {@code \xNN}. */
final class ChangePrinter {

    private ChangePrinter() {
    }

    static void changes(PrintWriter out, List<Change> changes) {
        for (Change change : changes) {
            out.println(ControlCharacters.escaped(change.describe()));
        }
    }

    static void units(PrintWriter out, String verb, List<UnitStatus> units) {
        for (UnitStatus unit : units) {
            out.println(ControlCharacters.escaped(verb + " " + unit.unit() + " (" + unit.activeState() + "/"
                    + unit.subState() + ")."));
        }
    }

    static void cleaned(PrintWriter out, List<String> units, String note) {
        for (String unit : units) {
            out.println("Cleaned " + ControlCharacters.escaped(unit)
                    + ": its configuration, state, cache, logs and runtime data are removed.");
        }
        if (!note.isEmpty()) {
            out.println("(" + ControlCharacters.escaped(note) + ".)");
        }
    }

    static void matches(PrintWriter out, List<String> matches) {
        if (!matches.isEmpty()) {
            out.println("(Matching unit files with prefix" + (matches.size() > 1 ? "es" : "") + " '"
                    + ControlCharacters.escaped(String.join("', '", matches)) + "'.)");
        }
    }
}
