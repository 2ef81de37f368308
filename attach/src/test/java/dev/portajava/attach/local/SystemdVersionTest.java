package dev.portajava.attach.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SystemdVersionTest {

    @Test
    void parse_theLeadingNumber_ofWhatSystemdAndDebianCallTheVersion() {
        assertEquals(252, SystemdVersion.parse("252.39-1~deb12u2").major());
        assertEquals(254, SystemdVersion.parse("v254").major());
        assertEquals(257, SystemdVersion.parse(" 257.13 ").major());
        assertEquals(262, SystemdVersion.parse("262").major());
    }

    @Test
    void parse_withoutALeadingNumber_isRefused() {
        for (String version : new String[] {"", "v", "vv252", "systemd 252", ".252"}) {
            assertThrows(IllegalArgumentException.class, () -> SystemdVersion.parse(version), version);
        }
        assertThrows(IllegalArgumentException.class, () -> SystemdVersion.parse(null));
        assertThrows(IllegalArgumentException.class, () -> SystemdVersion.parse("99"), "a version portajava knows");
    }
}
