package dev.portajava.attach.remote;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.RemoteHostException;
import dev.portajava.digest.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Copies a local image into a remote host's {@code /var/lib/portables}, over its ssh connection, in one remote
 * command: an image of the same name and content already there is left as it is; otherwise the bytes go to a
 * temporary file beside the final name, whose SHA-256 is checked before it is renamed in, so no half-written image is
 * ever found under that name. An image of that name with other content that an attached unit's drop-in names is
 * never replaced: the unit would run other bytes at its next start. An interrupted copy leaves nothing but the
 * temporary file's removal to its trap.
 */
public final class ImageUpload {

    /** Where copied images go: the image search path's directory for images a machine keeps. */
    public static final String DIRECTORY = "/var/lib/portables";

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
            d=%s f=%s want=%s
            sum() { sha256sum < "$1" | cut -d ' ' -f 1; }
            if [ -f "$d/$f" ] && [ ! -L "$d/$f" ] && [ "$(sum "$d/$f")" = "$want" ]; then echo present; exit 0; fi
            if [ -e "$d/$f" ] && attached "$d/$f"; then echo attached; exit 0; fi
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
            echo copied
            """;

    /** Removes the file {@code p} names unless an attached unit's drop-in names it. */
    private static final String DISCARD = "set -eu\n" + ATTACHED + """
            p=%s
            if attached "$p"; then exit 0; fi
            rm -f -- "$p"
            """;

    /**
     * Removes the file {@code p} names if it holds the bytes of SHA-256 {@code want} (a copy of an image here) and no
     * attached unit's drop-in names it; says {@code removed} if it did.
     */
    private static final String REMOVE_COPY = "set -eu\n" + ATTACHED + """
            p=%s want=%s
            if [ ! -f "$p" ] || [ -L "$p" ] || attached "$p"; then exit 0; fi
            if [ "$(sha256sum < "$p" | cut -d ' ' -f 1)" != "$want" ]; then exit 0; fi
            rm -f -- "$p"
            echo removed
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
        remove(session, DISCARD.formatted(SshSession.quote(remotePath)), remotePath);
    }

    /**
     * Removes the copy of {@code image} that {@link #upload} made in the host's {@code /var/lib/portables}, once it
     * is detached: the file of its name there, if it holds the same bytes as {@code image} (so that nothing is lost
     * that is not here too) and no unit attached there runs from it. Its path there if it was removed.
     */
    public static Optional<String> removeCopy(SshSession session, Path image) throws AttachException {
        String remote = DIRECTORY + "/" + image.getFileName();
        String said = remove(session, REMOVE_COPY.formatted(SshSession.quote(remote), sha256(image)), remote);
        return "removed".equals(said) ? Optional.of(remote) : Optional.empty();
    }

    /** Runs a removing {@code script} on the host, about {@code remotePath}; the first line it printed. */
    private static String remove(SshSession session, String script, String remotePath) throws AttachException {
        SshSession.Command command = session.start(script);
        Process process = command.process();
        try (BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            process.getOutputStream().close();
            String said = answers.readLine();
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroy();
                throw new RemoteHostException("cannot remove " + session.host() + ":" + remotePath + ": "
                        + command.lastError("the remote command failed"));
            }
            return said;
        } catch (IOException e) {
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
                SshSession.quote(name), sha256(image)));
        Process process = command.process();
        try (BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String answer = answers.readLine();
            if ("attached".equals(answer)) {
                process.getOutputStream().close();
                process.waitFor(1, TimeUnit.MINUTES);
                throw new AttachConflictException(session.host() + ":" + remote + " holds another image, which a unit"
                        + " attached there runs from; detach it first, or give this image another file name"
                        + " (NAME_VERSION.raw)");
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
