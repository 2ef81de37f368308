package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.name.UnitType;
import dev.portajava.profiles.ProfileCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four profiles built into portajava for hosts without portabled's are, byte for byte, the ones systemd 252
 * ships in {@code /usr/lib/systemd/portable/profile/} (Debian 12's systemd-container).
 */
class BuiltInProfilesIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "nonetwork", "strict", "trusted"})
    void eachOfSystemds_isTheFileSystemd252Ships(String name) throws Exception {
        SystemdContainer systemd = SystemdContainer.shared(SystemdImage.BOOKWORM);
        String shipped = systemd.run("cat", "/usr/lib/systemd/portable/profile/" + name + "/service.conf");

        String builtIn = ProfileCatalog.builtIn().get(name).dropIn(UnitType.SERVICE).orElseThrow();

        assertEquals(shipped, builtIn);
        assertEquals("(built in: systemd 252's " + name + ")", ProfileCatalog.builtIn().get(name).originText());
    }
}
