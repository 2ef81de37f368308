package dev.portajava.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unprivileged users on systemd 252: after {@code portajava polkit portable}, a member of the group attaches,
 * starts and detaches a service through portabled without root, and polkitd (the real one) refuses everybody else.
 */
class PolkitIT {

    private static final String RULE = "/etc/polkit-1/rules.d/50-portajava-portable.rules";
    private static final String NOT_LET_IN = "portajava: permission denied by org\\.freedesktop\\.(portable1|systemd1) \\(.*\\); run"
            + " portajava as root, or as a member of a group that 'portajava polkit GROUP' lets in";

    private static SystemdContainer systemd;
    private static Path image;

    @BeforeAll
    static void start() {
        // its own machine: the users, the group and the rule stay out of the other tests' way
        systemd = SystemdContainer.startNew(SystemdContainer.IMAGE);
        systemd.run("groupadd", "portable");
        systemd.run("useradd", "--create-home", "--groups", "portable", "alice");
        systemd.run("useradd", "--create-home", "bob");
        image = Portajava.against(systemd).buildSample("hello", systemd.imagesDir(), "hello_1.0.raw");
        systemd.run("chmod", "-R", "a+rX", systemd.imagesDir().toString());
    }

    @AfterAll
    static void stop() {
        if (systemd != null) {
            systemd.stop();
        }
    }

    @Test
    void aMemberOfTheGroup_attachesStartsAndDetaches_withoutRoot_andOthersAreRefused() {
        Portajava.Result grant = systemd.portajava("polkit", "portable").assertOk();
        assertEquals("Written " + RULE + ".", grant.out().strip());
        assertEquals("", grant.err(), "polkitd is installed: no warning");
        try {
            // systemd 252's bus policy lets her call the plain EnableUnitFiles only, not the flagged one
            systemd.portajavaAs("alice", "attach", image.toString(), "--profile", "strict", "--now", "--enable")
                    .assertOk();
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"));
            assertTrue(systemd.exists("/etc/systemd/system/multi-user.target.wants/hello.service"),
                    systemd.run("find", "/etc/systemd", "-name", "hello*"));
            assertTrue(systemd.run("cat", "/etc/systemd/system.attached/hello.service.d/10-profile.conf")
                    .contains("PrivateNetwork=yes"), "attached with the strict profile");

            Portajava.Result bob = systemd.portajavaAs("bob", "detach", image.toString(), "--now");
            bob.assertExit(3);
            assertTrue(bob.err().strip().matches(NOT_LET_IN), bob.err());
            assertEquals("active", systemd.unitProperty("hello.service", "ActiveState"), "bob changed nothing");

            systemd.portajavaAs("alice", "detach", image.toString(), "--now", "--enable").assertOk();
            AttachProfilesIT.assertNothingLeft(systemd, "hello");
            assertEquals("", systemd.run("find", "/etc/systemd", "-name", "hello*").strip(), "no link left");
        } finally {
            systemd.portajava("detach", image.toString(), "--now", "--enable");
            systemd.portajava("polkit", "--remove", "portable").assertOk();
        }
    }

    @Test
    void withoutTheRule_aMemberOfTheGroupIsRefused_andNothingIsAttached() {
        systemd.portajava("polkit", "--remove", "portable").assertOk();
        assertEquals("", systemd.exec("sh", "-c", "ls /etc/polkit-1/rules.d/").getStdout().strip());

        Portajava.Result alice = systemd.portajavaAs("alice", "attach", image.toString(), "--profile", "strict");

        alice.assertExit(3);
        assertTrue(alice.err().strip().matches(NOT_LET_IN), alice.err());
        AttachProfilesIT.assertNothingLeft(systemd, "hello");
    }
}
