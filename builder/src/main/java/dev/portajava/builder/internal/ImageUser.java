package dev.portajava.builder.internal;

import dev.portajava.tree.PlanEntry;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The user an image config's {@code User} names ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid}),
 * looked up in the image's own {@code /etc/passwd} and {@code /etc/group} as Docker does. systemd looks names up
 * on the host, so the unit gets numbers.
 */
record ImageUser(int uid, int gid, String home) {

    static final ImageUser ROOT = new ImageUser(0, 0, "/root");

    boolean isRoot() {
        return uid == 0 && gid == 0;
    }

    static ImageUser resolve(BuildPlan plan, String user) throws IllegalUserException {
        if (user.isEmpty()) {
            return ROOT;
        }
        String[] parts = user.split(":", 2);
        List<String[]> passwd = table(plan, "/etc/passwd");
        Optional<String[]> account = passwd.stream()
                .filter(f -> f.length >= 6 && (f[0].equals(parts[0]) || f[2].equals(parts[0]))).findFirst();
        int uid;
        if (account.isPresent()) {
            uid = number(account.get()[2], user);
        } else if (parts[0].matches("[0-9]+")) {
            uid = number(parts[0], user);
        } else {
            throw new IllegalUserException("the image config's User '" + user + "' is not in the image's /etc/passwd");
        }
        int gid;
        if (parts.length == 2) {
            Optional<String[]> group = table(plan, "/etc/group").stream()
                    .filter(f -> f.length >= 3 && (f[0].equals(parts[1]) || f[2].equals(parts[1]))).findFirst();
            if (group.isPresent()) {
                gid = number(group.get()[2], user);
            } else if (parts[1].matches("[0-9]+")) {
                gid = number(parts[1], user);
            } else {
                throw new IllegalUserException("the image config's User '" + user + "' names a group that is not in "
                        + "the image's /etc/group");
            }
        } else {
            gid = account.isPresent() ? number(account.get()[3], user) : 0;
        }
        String home = account.isPresent() && !account.get()[5].isEmpty() ? account.get()[5] : "/";
        return new ImageUser(uid, gid, uid == 0 ? "/root" : home);
    }

    private static int number(String text, String user) throws IllegalUserException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalUserException("the image config's User '" + user + "' has the id '" + text
                    + "', which is not a number");
        }
    }

    /** The lines of a passwd-style file in the image, split at colons; none if it is missing. */
    private static List<String[]> table(BuildPlan plan, String path) throws IllegalUserException {
        Optional<PlanEntry> file = plan.regularFile(path);
        if (file.isEmpty()) {
            return List.of();
        }
        try {
            return UnitDirectories.text(file.get()).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split(":", -1)).toList();
        } catch (IOException e) {
            throw new IllegalUserException("cannot read " + path + " in the image: " + e.getMessage());
        }
    }

    /** The image config names a user the image does not have. */
    static final class IllegalUserException extends Exception {
        private static final long serialVersionUID = 1L;

        IllegalUserException(String message) {
            super(message);
        }
    }
}
