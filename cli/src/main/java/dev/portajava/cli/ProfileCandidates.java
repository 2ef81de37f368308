package dev.portajava.cli;

import dev.portajava.profiles.ProfileCatalog;
import java.util.Iterator;

/**
 * The profile names shell completion offers for {@code --profile}: the built-in ones, which every host has. Read
 * only when the candidates are asked for, so that a command that is just run does not load the catalog for them.
 */
final class ProfileCandidates implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return ProfileCatalog.builtIn().names().iterator();
    }
}
