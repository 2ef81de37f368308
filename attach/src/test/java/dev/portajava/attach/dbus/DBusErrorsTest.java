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
import org.freedesktop.dbus.errors.AccessDenied;
import org.freedesktop.dbus.errors.FileNotFound;
import org.freedesktop.dbus.errors.InvalidArgs;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.portable1.NoSuchImage;
import org.freedesktop.systemd1.NoSuchUnit;
import org.freedesktop.systemd1.UnitExists;
import org.junit.jupiter.api.Test;

class DBusErrorsTest {

    private static final String IMAGE = "/var/lib/portables/hello.raw";

    private static AttachException portabled(DBusExecutionException e) {
        return DBusErrors.translate(e, IMAGE, PortableManager.BUS_NAME);
    }

    @Test
    void name_ofTheBusOwnErrors_isTheDBusName() {
        assertEquals("org.freedesktop.DBus.Error.InvalidArgs", DBusErrors.name(new InvalidArgs("x")));
        assertEquals("org.freedesktop.systemd1.UnitExists", DBusErrors.name(new UnitExists("x")));
    }

    @Test
    void translate_unitExistsOnAttach_namesTheUnitAndTheWayOut() {
        AttachException e = portabled(new UnitExists("Unit file 'hello.service' exists on the host already, refusing."));
        assertInstanceOf(AttachConflictException.class, e);
        assertEquals("hello.service already exists on this host; detach it or use --force", e.getMessage());
    }

    @Test
    void translate_unitActiveOnDetach_suggestsNow() {
        AttachException e = portabled(new UnitExists("Unit file 'hello.service' is active, can't detach."));
        assertEquals("hello.service is active; stop it first, or detach with --now", e.getMessage());
    }

    @Test
    void translate_noSuchImageOrFile_isBadInputNamingTheImage() {
        for (DBusExecutionException error : new DBusExecutionException[] {
            new NoSuchImage("No image 'hello' found."), new FileNotFound("No such file or directory")}) {
            AttachException e = portabled(error);
            assertInstanceOf(ImageNotFoundException.class, e);
            assertEquals(true, e.getMessage().startsWith(IMAGE + ": no such image"), e.getMessage());
        }
    }

    @Test
    void translate_invalidArgs_passesPortabledsReasonWithTheImage() {
        AttachException e = portabled(new InvalidArgs("Couldn't find any matching unit files in image 'hello', refusing."));
        assertInstanceOf(InvalidImageException.class, e);
        assertEquals(IMAGE + ": Couldn't find any matching unit files in image 'hello', refusing.", e.getMessage());
    }

    @Test
    void translate_noSuchUnitOnDetach_saysNotAttached() {
        AttachException e = portabled(new NoSuchUnit("No unit files associated with 'hello' found attached to the system."));
        assertInstanceOf(NotAttachedException.class, e);
        assertEquals(IMAGE + ": not attached; 'portajava list' shows what is", e.getMessage());
    }

    @Test
    void translate_accessDenied_isAnEnvironmentProblem() {
        AttachException e = portabled(new AccessDenied("Access denied"));
        assertInstanceOf(NotAuthorizedException.class, e);
    }

    @Test
    void translate_serviceUnknown_tellsPortabledFromSystemd() {
        AttachException portable = portabled(new ServiceUnknown("The name is not activatable"));
        assertInstanceOf(PortabledUnavailableException.class, portable);
        assertEquals("systemd-portabled is not available on this host (install the systemd-container package)",
                portable.getMessage());
        AttachException systemd = DBusErrors.translate(new ServiceUnknown("x"), "hello.service", SystemdManager.BUS_NAME);
        assertEquals("org.freedesktop.systemd1 is not on the system bus; is systemd running?", systemd.getMessage());
    }

    @Test
    void translate_unknownError_keepsTheMessageAsAFailure() {
        AttachException e = portabled(new DBusExecutionException("Something odd"));
        assertEquals(IMAGE + ": Something odd", e.getMessage());
        assertEquals(AttachException.class, e.getClass());
    }
}
