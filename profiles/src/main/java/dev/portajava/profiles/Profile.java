package dev.portajava.profiles;

import dev.portajava.name.UnitType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox profile: for each unit type it covers, the drop-in attach adds as {@code 10-profile.conf}.
 *
 * @param origin where it was found: a directory on the host, or empty for a profile built into portajava
 */
public record Profile(ProfileName name, Map<UnitType, String> dropIns, Optional<Path> origin) {

    public Profile {
        dropIns = Map.copyOf(dropIns);
    }

    /** The drop-in for units of {@code type}, if the profile has one. */
    public Optional<String> dropIn(UnitType type) {
        return Optional.ofNullable(dropIns.get(type));
    }

    public boolean isBuiltIn() {
        return origin.isEmpty();
    }

    /** Where the profile comes from, for people: its directory, or which kind of built-in profile it is. */
    public String originText() {
        if (origin.isPresent()) {
            return origin.get().toString();
        }
        return BuiltInProfiles.OF_SYSTEMD.contains(name.value()) ? "(built in: systemd 252's " + name.value() + ")"
                : "(built in: portajava's own)";
    }
}
