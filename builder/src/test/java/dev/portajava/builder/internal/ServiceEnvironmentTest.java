package dev.portajava.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.builder.internal.launch.LaunchEnvironment;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    @Test
    void launchEnvironment_withoutSettings_isSystemdsDefault() {
        assertEquals(LaunchEnvironment.DEFAULT, ServiceEnvironment.launchEnvironment(UnitFile.parse("[Service]\n")));
    }

    @Test
    void launchEnvironment_takesTheLastPathAndLibraryPath_quotedAsConfigUnitsWriteThem() {
        UnitFile unit = UnitFile.parse("""
                [Service]
                Environment=PATH=/a LD_LIBRARY_PATH=/x
                Environment="PATH=/opt/bin:/usr/bin" "GREETING=hello world"
                """);

        assertEquals(new LaunchEnvironment(true, "/opt/bin:/usr/bin", Optional.of("/x")),
                ServiceEnvironment.launchEnvironment(unit));
    }

    @Test
    void launchEnvironment_anEmptyEnvironmentResetsTheList() {
        UnitFile unit = UnitFile.parse("[Service]\nEnvironment=PATH=/a\nEnvironment=\n");

        assertEquals(LaunchEnvironment.DEFAULT, ServiceEnvironment.launchEnvironment(unit));
    }

    @Test
    void launchEnvironment_fromTheHostOrWithSpecifiers_isUnknown() {
        for (String setting : List.of("EnvironmentFile=-/etc/default/app", "PassEnvironment=PATH",
                "UnsetEnvironment=PATH", "Environment=PATH=%h/bin")) {
            assertEquals(LaunchEnvironment.UNKNOWN,
                    ServiceEnvironment.launchEnvironment(UnitFile.parse("[Service]\n" + setting + "\n")), setting);
        }
    }

    @Test
    void execSearchPath_appendsAndResets_andIsThePathWhenEnvironmentSetsNone() {
        UnitFile unit = UnitFile.parse("[Service]\nExecSearchPath=/x\nExecSearchPath=\nExecSearchPath=/opt/a\n"
                + "ExecSearchPath=/opt/b\n");

        assertEquals(Optional.of(List.of("/opt/a", "/opt/b")), ServiceEnvironment.searchPath(unit));
        assertEquals("/opt/a:/opt/b", ServiceEnvironment.launchEnvironment(unit).path());
        assertEquals(Optional.of(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")),
                ServiceEnvironment.searchPath(UnitFile.parse("[Service]\nEnvironment=PATH=/opt/bin\n")));
        assertEquals(Optional.empty(), ServiceEnvironment.searchPath(UnitFile.parse("[Service]\nExecSearchPath=%h\n")));
    }
}
