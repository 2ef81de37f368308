package dev.portajava.builder.internal;

import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.ImagePath;
import java.util.ArrayList;
import java.util.List;

/**
 * The setuid and setgid bits of the files one source puts into the image ({@code [from]}, a {@code [[copy]]}
 * tree, the host files of {@code [[file]]} entries): kept when the source sets {@code allow-setuid = true}, else
 * removed, and the files that lost them named in one warning, which says how to keep them. The sticky bit is kept:
 * it grants nothing.
 */
final class SetuidBits {

    /** The setuid and setgid bits. */
    static final int SETID = 06000;
    /** How many files the warning names. */
    private static final int SHOWN = 5;

    private final boolean allowed;
    /** How the user keeps the bits, as the warning ends. */
    private final String keep;
    private final List<String> removed = new ArrayList<>();

    private SetuidBits(boolean allowed, String keep) {
        this.allowed = allowed;
        this.keep = keep;
    }

    /** The bits of the container image the tree starts from: {@code [from]}, or {@code --from} without a spec. */
    static SetuidBits ofBaseImage(boolean allowed) {
        return new SetuidBits(allowed, allowIn("[from] (--allow-setuid with --from)"));
    }

    /** The bits of a {@code [[copy]]} tree, named by its {@code from} as the spec writes it. */
    static SetuidBits ofCopy(boolean allowed, String from) {
        return new SetuidBits(allowed, allowIn("the [[copy]] from '" + ControlCharacters.escapedUnambiguously(from)
                + "'"));
    }

    /**
     * The bits of the host files of {@code [[file]]} entries without a {@code mode}: always removed, as a
     * {@code [[file]]} has permission bits only.
     */
    static SetuidBits ofFiles() {
        return new SetuidBits(false, "a [[file]] gets permission bits only: copy such files with a [[copy]] tree that"
                + " sets allow-setuid = true to keep the bits");
    }

    private static String allowIn(String source) {
        return "set allow-setuid = true in " + source + " to keep them";
    }

    /** The mode {@code path} gets in the image for its source's {@code mode} (07777). */
    int mode(ImagePath path, int mode) {
        if (allowed || (mode & SETID) == 0) {
            return mode;
        }
        removed.add(ControlCharacters.escapedUnambiguously(path.toString()));
        return mode & ~SETID;
    }

    /** Warns of the bits {@link #mode} removed, if any, naming the first files in the order of their names. */
    void warn(BuildContext context, String step) {
        if (removed.isEmpty()) {
            return;
        }
        int count = removed.size();
        removed.sort(null); // the same list whatever order the host lists a directory in
        context.warn(step, "removed the setuid/setgid bit of " + count + " file" + (count == 1 ? "" : "s") + " ("
                + String.join(", ", removed.subList(0, Math.min(SHOWN, count))) + (count > SHOWN ? ", …" : "")
                + "); " + keep);
    }
}
