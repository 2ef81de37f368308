package dev.portajava.attach;

import dev.portajava.attach.remote.RemoteHost;
import java.util.Optional;

/**
 * Where a connection leads: the system bus of this host, the calling user's bus ({@code --user}), or a remote host's
 * system bus ({@code -H HOST}). The one place that words it, in a message and in a command a message suggests, so
 * that a hint names the scope and host the command ran on.
 *
 * @param host the remote host; empty for this host's buses
 */
public record Target(Kind kind, Optional<RemoteHost> host) {

    /** The kinds of place a connection leads to. */
    public enum Kind {
        SYSTEM, USER, REMOTE
    }

    public static final Target SYSTEM = new Target(Kind.SYSTEM, Optional.empty());
    public static final Target USER = new Target(Kind.USER, Optional.empty());

    public Target {
        if (host.isPresent() != (kind == Kind.REMOTE)) {
            throw new IllegalArgumentException(kind == Kind.REMOTE ? "a remote target needs its host"
                    : "only a remote target has a host");
        }
    }

    /** The system bus of {@code host}, reached over ssh. */
    public static Target remote(RemoteHost host) {
        return new Target(Kind.REMOTE, Optional.of(host));
    }

    /** The options of portajava's command line that lead here: empty, {@code --user}, or {@code -H HOST}. */
    public String options() {
        return switch (kind) {
            case SYSTEM -> "";
            case USER -> "--user";
            case REMOTE -> "-H " + host.orElseThrow();
        };
    }

    /** {@code portajava VERB}, with the options that lead here: {@code portajava list -H web1}. */
    public String command(String verb) {
        String options = options();
        return "portajava " + verb + (options.isEmpty() ? "" : " " + options);
    }

    /** Where, as a message says it after a verb: "on this host", "for this user", "on web1". */
    public String place() {
        return switch (kind) {
            case SYSTEM -> "on this host";
            case USER -> "for this user";
            case REMOTE -> "on " + host.orElseThrow();
        };
    }

    /** The machine, as a message's subject: "this host" (for its system and its users), or the remote host. */
    public String machine() {
        return kind == Kind.REMOTE ? host.orElseThrow().toString() : "this host";
    }

    /** The bus, as a message names it: "the system bus", "the user bus", "the system bus of web1". */
    public String bus() {
        return switch (kind) {
            case SYSTEM -> "the system bus";
            case USER -> "the user bus";
            case REMOTE -> "the system bus of " + host.orElseThrow();
        };
    }

    /** Who portabled and systemd let in, here: what to do when they refuse. */
    public String whoIsLetIn() {
        return switch (kind) {
            case SYSTEM -> "run portajava as root, or as a member of a group that 'portajava polkit GROUP' lets in";
            case USER -> "your own manager refuses only a caller of another user: is the user bus yours"
                    + " (DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR)?";
            case REMOTE -> "log in to " + host.orElseThrow().host() + " as root, or as a member of a group that"
                    + " 'portajava polkit GROUP' run there lets in";
        };
    }
}
