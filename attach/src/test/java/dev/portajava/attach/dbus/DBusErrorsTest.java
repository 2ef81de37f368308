package dev.portajava.attach.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.NotAttachedException;
import dev.portajava.attach.NotAuthorizedException;
import dev.portajava.attach.PortabledUnavailableException;
import dev.portajava.attach.Target;
import dev.portajava.attach.remote.RemoteHost;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DBusErrorsTest {

    private static final String IMAGE = "/var/lib/portables/hello.raw";
    private static final Target WEB1 = Target.remote(RemoteHost.parse("root@web1"));

    /** The error systemd, portabled or the bus reply with, by the last part of its name. */
    private static BusError error(String name, String message) {
        String prefix = switch (name) {
            case "NoSuchImage" -> "org.freedesktop.portable1.";
            case "UnitExists", "NoSuchUnit" -> "org.freedesktop.systemd1.";
            default -> "org.freedesktop.DBus.Error.";
        };
        return new BusError(prefix + name, message);
    }

    private static AttachException portabled(BusError e) {
        return portabled(e, Target.SYSTEM);
    }

    private static AttachException portabled(BusError e, Target target) {
        return DBusErrors.translate(e, target, IMAGE, PortableManager.BUS_NAME);
    }

    @Test
    void translate_unitExistsOnAttach_namesTheUnitAndTheWayOut() {
        AttachException e = portabled(error("UnitExists", "Unit file 'hello.service' exists on the host already, refusing."));
        assertInstanceOf(AttachConflictException.class, e);
        assertEquals("hello.service already exists on this host; detach it or use --force", e.getMessage());
    }

    @Test
    void translate_unitExists_onTheUserBusOrARemoteHost_saysWhere() {
        BusError exists = error("UnitExists", "Unit file 'hello.service' exists on the host already, refusing.");

        assertEquals("hello.service already exists for this user; detach it or use --force",
                portabled(exists, Target.USER).getMessage());
        assertEquals("hello.service already exists on root@web1; detach it or use --force",
                portabled(exists, WEB1).getMessage());
    }

    @Test
    void translate_unitActiveOnDetach_suggestsNow() {
        AttachException e = portabled(error("UnitExists", "Unit file 'hello.service' is active, can't detach."));
        assertEquals("hello.service is active; stop it first, or detach with --now", e.getMessage());
    }

    @Test
    void translate_noSuchImageOrFile_isBadInputNamingTheImage() {
        for (BusError error : new BusError[] {
            error("NoSuchImage", "No image 'hello' found."), error("FileNotFound", "No such file or directory")
        }) {
            AttachException e = portabled(error);
            assertInstanceOf(ImageNotFoundException.class, e);
            assertEquals(true, e.getMessage().startsWith(IMAGE + ": no such image"), e.getMessage());
        }
    }

    @Test
    void translate_noSuchImage_suggestsTheListOfTheScopeOrHostItRanOn() {
        BusError missing = error("NoSuchImage", "No image 'hello' found.");

        assertEquals(IMAGE + ": no such image; give the path of a .raw image or an image directory, or a name"
                + " 'portajava list' shows", portabled(missing).getMessage());
        assertEquals(IMAGE + ": no such image; give the path of a .raw image or an image directory, or a name"
                + " 'portajava list --user' shows", portabled(missing, Target.USER).getMessage());
        assertEquals(IMAGE + ": no such image; give the path of a .raw image or an image directory, or a name"
                + " 'portajava list -H root@web1' shows", portabled(missing, WEB1).getMessage());
    }

    @Test
    void translate_invalidArgs_passesPortabledsReasonWithTheImage() {
        AttachException e = portabled(error("InvalidArgs", "Couldn't find any matching unit files in image 'hello', refusing."));
        assertInstanceOf(InvalidImageException.class, e);
        assertEquals(IMAGE + ": Couldn't find any matching unit files in image 'hello', refusing.", e.getMessage());
    }

    @Test
    void translate_noSuchUnitOnDetach_saysNotAttached() {
        AttachException e = portabled(error("NoSuchUnit", "No unit files associated with 'hello' found attached to the system."));
        assertInstanceOf(NotAttachedException.class, e);
        assertEquals(IMAGE + ": not attached; 'portajava list' shows what is", e.getMessage());
    }

    @Test
    void translate_noSuchUnit_onTheUserBusOrARemoteHost_suggestsItsList() {
        BusError missing = error("NoSuchUnit", "No unit files associated with 'hello' found attached to the system.");

        assertEquals(IMAGE + ": not attached; 'portajava list --user' shows what is",
                portabled(missing, Target.USER).getMessage());
        assertEquals(IMAGE + ": not attached; 'portajava list -H root@web1' shows what is",
                portabled(missing, WEB1).getMessage());
    }

    @Test
    void translate_accessDenied_isAnEnvironmentProblem_withWhoIsLetInWhereItRan() {
        AttachException e = portabled(error("AccessDenied", "Access denied"));
        assertInstanceOf(NotAuthorizedException.class, e);
        assertEquals("permission denied by org.freedesktop.portable1 (Access denied); run portajava as root, or as a"
                + " member of a group that 'portajava polkit GROUP' lets in", e.getMessage());
        assertEquals("permission denied by org.freedesktop.portable1 (Access denied); log in to web1 as root, or as a"
                + " member of a group that 'portajava polkit GROUP' run there lets in",
                portabled(error("AccessDenied", "Access denied"), WEB1).getMessage());
    }

    @Test
    void translate_serviceUnknown_tellsPortabledFromSystemd() {
        AttachException portable = portabled(error("ServiceUnknown", "The name is not activatable"));
        assertInstanceOf(PortabledUnavailableException.class, portable);
        assertEquals("systemd-portabled is not available on this host (install the systemd-container package)",
                portable.getMessage());
        AttachException systemd = DBusErrors.translate(error("ServiceUnknown", "x"), Target.SYSTEM, "hello.service",
                SystemdManager.BUS_NAME);
        assertEquals("org.freedesktop.systemd1 is not on the system bus; is systemd running?", systemd.getMessage());
    }

    @Test
    void translate_serviceUnknown_onTheUserBusOrARemoteHost_saysWhere() {
        assertEquals("systemd-portabled is not available on root@web1 (install the systemd-container package)",
                portabled(error("ServiceUnknown", "x"), WEB1).getMessage());
        assertEquals("org.freedesktop.systemd1 is not on the user bus; is systemd running?", DBusErrors.translate(
                error("ServiceUnknown", "x"), Target.USER, "hello.service", SystemdManager.BUS_NAME).getMessage());
    }

    @Test
    void translate_unknownError_keepsTheMessageAsAFailure() {
        AttachException e = portabled(error("Failed", "Something odd"));
        assertEquals(IMAGE + ": Something odd", e.getMessage());
        assertEquals(AttachException.class, e.getClass());
    }

    /** The unit name in a message is found as the pattern {@code '([^']+)'} found it, without compiling one. */
    @Test
    void firstQuoted_findsWhatThePatternFound() {
        Pattern quoted = Pattern.compile("'([^']+)'");
        Random random = new Random(11);
        String alphabet = "a.'' x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder message = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                message.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Matcher matcher = quoted.matcher(message);
            Optional<String> expected = matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();

            assertEquals(expected, DBusErrors.firstQuoted(message.toString()), message.toString());
        }
    }
}
