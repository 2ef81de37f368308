package dev.portajava.attach.remote;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.RemoteHostException;
import dev.portajava.digest.Sha256;
import dev.portajava.name.ImageFile;
import dev.portajava.name.ImageName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Copies a local image into a remote host's {@code /var/lib/portables}, over its ssh connection, in one remote
 * command: an image of the same name and content already there is left as it is; otherwise the bytes go to a
 * temporary file beside the final name, whose SHA-256 is checked before it is renamed in, so no half-written image is
 * ever found under that name. An image of that name with other content that an attached unit's drop-in names is
 * never replaced: the unit would run other bytes at its next start. An interrupted copy leaves nothing but the
 * temporary file's removal to its trap. Nor is an image of that name replaced that portajava did not copy there, or
 * that was changed since: a file of someone else's, which would be lost.
 * <p>
 * Each copy is recorded on the host ({@link #RECORDS}), with the SHA-256 it was copied with, so that a copy is
 * removed once no unit runs from it (after {@code detach}, and after the {@code reattach} that replaced it) when
 * it still holds those bytes, and never a file portajava did not put there. A record that cannot be written (a
 * login that may write {@code /var/lib/portables} but not {@code /var/lib}) does not fail the copy: that copy is
 * then kept as one portajava did not make.
 */
public final class ImageUpload {

    /** Where copied images go: the image search path's directory for images a machine keeps. */
    public static final String DIRECTORY = "/var/lib/portables";

    /**
     * Where the host keeps the record of each copy in {@link #DIRECTORY}: a file of the copy's name holding the
     * SHA-256 it was copied with. Outside the image search path, so that portabled never lists it.
     */
    public static final String RECORDS = "/var/lib/portajava/copies";

    /**
     * A shell function: whether an attached unit's drop-in (RootImage=, ExtensionImages=, under /etc or /run) names
     * the file {@code $1}.
     */
    private static final String ATTACHED = """
            attached() {
                grep -qswF -e "$1" /etc/systemd/system.attached/*.d/*.conf /run/systemd/system.attached/*.d/*.conf
            }
            """;

    private static final String SCRIPT = "set -eu\n" + ATTACHED + """
            d=%s f=%s want=%s r=%s
            sum() { sha256sum < "$1" | cut -d ' ' -f 1; }
            if [ -f "$d/$f" ] && [ ! -L "$d/$f" ] && [ "$(sum "$d/$f")" = "$want" ]; then echo present; exit 0; fi
            if [ -e "$d/$f" ] || [ -L "$d/$f" ]; then
                if attached "$d/$f"; then echo attached; exit 0; fi
                if [ ! -f "$r/$f" ] || [ -L "$d/$f" ] || [ "$(cat "$r/$f")" != "$(sum "$d/$f")" ]; then
                    echo foreign; exit 0
                fi
            fi
            mkdir -p "$d"
            t=$(mktemp "$d/.#$f.XXXXXX")
            trap 'rm -f "$t"' EXIT HUP INT TERM
            echo send
            cat > "$t"
            if [ "$(sum "$t")" != "$want" ]; then echo "the copy of $f does not have the image's SHA-256" >&2; exit 1; fi
            chmod 0644 "$t"
            sync "$t" 2>/dev/null || sync
            mv -f "$t" "$d/$f"
            trap - EXIT HUP INT TERM
            { mkdir -p "$r" && echo "$want" > "$r/.#$f" && mv -f "$r/.#$f" "$r/$f"; } 2>/dev/null || rm -f "$r/.#$f"
            echo copied
            """;

    /**
     * Shell functions about the copies upload made: {@code drop P WANT} removes the image {@code P} if no attached
     * unit's drop-in names it and it holds the bytes of SHA-256 {@code WANT} or those its record names, and says
     * {@code removed P}; a record whose file is gone or holds other bytes goes too. {@code tidy} removes the records'
     * directories once they are empty.
     */
    private static final String COPIES = "set -eu\n" + ATTACHED + """
            r=%s
            drop() {
                p=$1 rec="$r/${1##*/}"
                if [ ! -f "$p" ] || [ -L "$p" ]; then rm -f -- "$rec"; return 0; fi
                if attached "$p"; then return 0; fi
                s=$(sha256sum < "$p" | cut -d ' ' -f 1)
                if [ "$s" = "$2" ] || { [ -f "$rec" ] && [ "$(cat "$rec")" = "$s" ]; }; then
                    rm -f -- "$p"
                    echo "removed $p"
                fi
                rm -f -- "$rec"
            }
            tidy() { rmdir "$r" 2>/dev/null && rmdir "${r%%/*}" 2>/dev/null || true; }
            """.formatted(SshSession.quote(RECORDS));

    /**
     * After {@link #COPIES}: removes the file {@code p} names, and its record, unless an attached unit's drop-in names
     * it.
     */
    private static final String DISCARD = """
            p=%s
            if attached "$p"; then exit 0; fi
            rm -f -- "$p" "$r/${p##*/}"
            tidy
            """;

    /** Where an image went, and whether it had to be copied. */
    public record Result(String remotePath, boolean copied) {
    }

    private ImageUpload() {
    }

    /**
     * Removes the image at {@code remotePath} on the session's host, which {@link #upload} copied there, unless a
     * unit attached there runs from it.
     */
    public static void discard(SshSession session, String remotePath) throws AttachException {
        run(session, COPIES + DISCARD.formatted(SshSession.quote(remotePath)), remotePath);
    }

    /**
     * Removes the copy of {@code image} that {@link #upload} made in the host's {@code /var/lib/portables}, once it
     * is detached: the file of its name there, if no unit attached there runs from it and it holds the bytes of
     * {@code image} or those it was copied with (so that nothing is lost that is not here too, or that portajava
     * did not put there). Its path there if it was removed.
     */
    public static Optional<String> removeCopy(SshSession session, Path image) throws AttachException {
        return drop(session, DIRECTORY + "/" + image.getFileName(), sha256(image));
    }

    /**
     * Removes the host's image {@code fileName} in {@code /var/lib/portables} if {@link #upload} copied it there,
     * it still holds those bytes, and no unit attached there runs from it: after a detach that named the image as
     * the host does. Its path there if it was removed.
     */
    public static Optional<String> removeCopy(SshSession session, ImageFile fileName) throws AttachException {
        return drop(session, DIRECTORY + "/" + fileName.fileName(), "");
    }

    /** Runs {@code drop} on {@code remote}, which may hold the bytes of SHA-256 {@code want}; its path if removed. */
    private static Optional<String> drop(SshSession session, String remote, String want) throws AttachException {
        return removed(run(session, COPIES + "drop %s %s\ntidy\n".formatted(SshSession.quote(remote),
                SshSession.quote(want)), remote)).stream().findFirst();
    }

    /**
     * Removes the copies {@link #upload} made of other versions of the images {@code names} ({@code NAME.raw} and
     * {@code NAME_*.raw}) that still hold those bytes and that no unit attached there runs from: after a reattach,
     * the copies of the versions it replaced. Their paths there.
     */
    public static List<String> removeReplaced(SshSession session, List<ImageName> names) throws AttachException {
        StringBuilder script = new StringBuilder(COPIES);
        for (ImageName name : names) {
            String quoted = SshSession.quote(name.value());
            script.append("for rec in \"$r\"/").append(quoted).append(".raw \"$r\"/").append(quoted)
                    .append("_*.raw; do if [ -e \"$rec\" ]; then drop ").append(SshSession.quote(DIRECTORY))
                    .append("/\"${rec##*/}\" ''; fi; done\n");
        }
        script.append("tidy\n");
        return removed(run(session, script.toString(), DIRECTORY));
    }

    /** The paths of the {@code removed P} lines of a script's output. */
    private static List<String> removed(List<String> said) {
        return said.stream().filter(line -> line.startsWith("removed ")).map(line -> line.substring(8)).toList();
    }

    /** Runs a removing {@code script} on the host, about {@code remotePath}; the lines it printed. */
    private static List<String> run(SshSession session, String script, String remotePath) throws AttachException {
        SshSession.Command command = session.start(script);
        Process process = command.process();
        try (BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            process.getOutputStream().close();
            List<String> said = answers.lines().toList();
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroy();
                throw new RemoteHostException("cannot remove " + session.host() + ":" + remotePath + ": "
                        + command.lastError("the remote command failed"));
            }
            return said;
        } catch (IOException | UncheckedIOException e) {
            process.destroy();
            throw new RemoteHostException("cannot remove " + session.host() + ":" + remotePath + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new RemoteHostException("interrupted while removing " + session.host() + ":" + remotePath);
        }
    }

    /** {@code image}, a regular file, to {@code /var/lib/portables/<its file name>} on the session's host. */
    public static Result upload(SshSession session, Path image) throws AttachException {
        String name = image.getFileName().toString();
        String remote = DIRECTORY + "/" + name;
        SshSession.Command command = session.start(SCRIPT.formatted(SshSession.quote(DIRECTORY),
                SshSession.quote(name), sha256(image), SshSession.quote(RECORDS)));
        Process process = command.process();
        try (BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String answer = answers.readLine();
            if ("attached".equals(answer) || "foreign".equals(answer)) {
                process.getOutputStream().close();
                process.waitFor(1, TimeUnit.MINUTES);
                throw new AttachConflictException(session.host() + ":" + remote + " holds another image, "
                        + ("attached".equals(answer) ? "which a unit attached there runs from; detach it first"
                                : "which portajava did not copy there; remove it there first")
                        + ", or give this image another file name (NAME_VERSION.raw)");
            }
            boolean copied = "send".equals(answer);
            if (copied) {
                try (OutputStream out = process.getOutputStream()) {
                    Files.copy(image, out);
                }
                answer = answers.readLine();
            } else {
                process.getOutputStream().close();
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0
                    || !(copied ? "copied" : "present").equals(answer)) {
                process.destroy();
                throw new RemoteHostException("cannot copy " + image + " to " + session.host() + ":" + remote + ": "
                        + command.lastError("the remote copy ended early"));
            }
            return new Result(remote, copied);
        } catch (IOException e) {
            process.destroy();
            throw new RemoteHostException("cannot copy " + image + " to " + session.host() + ":" + remote + ": "
                    + command.lastError(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new RemoteHostException("interrupted while copying " + image + " to " + session.host());
        }
    }

    /** The SHA-256 of the local {@code image}, which the host's copy must have. */
    private static String sha256(Path image) throws AttachException {
        try {
            return Sha256.hex(image);
        } catch (IOException e) {
            throw new AttachException("cannot read " + image + ": " + e.getMessage(), e);
        }
    }
}
