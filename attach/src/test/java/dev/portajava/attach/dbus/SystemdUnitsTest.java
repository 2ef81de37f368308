package dev.portajava.attach.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.NotAuthorizedException;
import dev.portajava.attach.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enabling and disabling, as the calls systemd's manager gets on the bus. */
class SystemdUnitsTest {

    private static final String ATTACHED = "/etc/systemd/system.attached/";

    @TempDir
    Path dir;

    /** systemd's manager on a bus of its own, answering each call with {@code answer}'s reply. */
    private FakeBus manager(Function<Message, Message> answer) throws IOException {
        return new FakeBus(dir.resolve("bus"), answer);
    }

    private static List<Object> change(String type, String path, String source) {
        return List.of(type, path, source);
    }

    @Test
    void enableUnitFiles_enablesThemAsPortableUnits_asPortablectlDoes() throws Exception {
        try (FakeBus systemd = manager(call -> Message.reply(call, "ba(sss)", List.of(true, List.of(
                change("symlink", ATTACHED + "multi-user.target.wants/app.service", ATTACHED + "app.service")))));
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            SystemdUnits units = new SystemdUnits(bus, Target.SYSTEM);

            List<Change> changes = units.enableUnitFiles(List.of("app.service"), false);
            units.enableUnitFiles(List.of("app.service"), true);

            assertEquals(List.of(new Change(ChangeType.SYMLINK, ATTACHED + "multi-user.target.wants/app.service",
                    ATTACHED + "app.service")), changes);
            assertEquals(List.of(
                    List.of("EnableUnitFilesWithFlags", "ast", List.of(List.of("app.service"), 4L)),
                    List.of("EnableUnitFilesWithFlags", "ast", List.of(List.of("app.service"), 5L))),
                    systemd.made());
        }
    }

    @Test
    void disableUnitFiles_disablesThemAsPortableUnits_thenAsPlainOnes_withBothChanges() throws Exception {
        try (FakeBus systemd = manager(call -> Message.reply(call, "a(sss)", List.of(
                call.member().equals("DisableUnitFilesWithFlags")
                        ? List.of(change("unlink", ATTACHED + "multi-user.target.wants/app.service", ""))
                        : List.of(change("unlink", "/etc/systemd/system/multi-user.target.wants/app.service", "")))));
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            SystemdUnits units = new SystemdUnits(bus, Target.SYSTEM);

            List<Change> changes = units.disableUnitFiles(List.of("app.service"), false);

            assertEquals(List.of(
                    new Change(ChangeType.UNLINK, ATTACHED + "multi-user.target.wants/app.service", ""),
                    new Change(ChangeType.UNLINK, "/etc/systemd/system/multi-user.target.wants/app.service", "")),
                    changes);
            assertEquals(List.of(
                    List.of("DisableUnitFilesWithFlags", "ast", List.of(List.of("app.service"), 4L)),
                    List.of("DisableUnitFiles", "asb", List.of(List.of("app.service"), false))),
                    systemd.made());
        }
    }

    @Test
    void disableUnitFiles_runtime_disablesUnderRunOnly() throws Exception {
        try (FakeBus systemd = manager(call -> Message.reply(call, "a(sss)", List.of(List.of())));
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            List<Change> changes = new SystemdUnits(bus, Target.SYSTEM).disableUnitFiles(List.of("a.service",
                    "b.socket"), true);

            assertEquals(List.of(), changes);
            assertEquals(List.of(
                    List.of("DisableUnitFilesWithFlags", "ast", List.of(List.of("a.service", "b.socket"), 5L)),
                    List.of("DisableUnitFiles", "asb", List.of(List.of("a.service", "b.socket"), true))),
                    systemd.made());
        }
    }

    /** systemd 252's bus policy: a user that is not root may call the plain methods only, not the flagged ones. */
    private static Message policy252(Message call) {
        if (call.member().endsWith("WithFlags")) {
            return Message.error(call, "org.freedesktop.DBus.Error.AccessDenied", "Rejected send message, 3 matched"
                    + " rules; type=\"method_call\", member=\"" + call.member() + "\"");
        }
        return call.member().equals("EnableUnitFiles")
                ? Message.reply(call, "ba(sss)", List.of(true, List.of(change("symlink",
                        "/etc/systemd/system/multi-user.target.wants/app.service", ATTACHED + "app.service"))))
                : Message.reply(call, "a(sss)", List.of(List.of(change("unlink",
                        "/etc/systemd/system/multi-user.target.wants/app.service", ""))));
    }

    @Test
    void enableAndDisable_whereTheBusLetsTheCallerCallThePlainMethodsOnly_useThem() throws Exception {
        try (FakeBus systemd = manager(SystemdUnitsTest::policy252);
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            SystemdUnits units = new SystemdUnits(bus, Target.SYSTEM);

            List<Change> enabled = units.enableUnitFiles(List.of("app.service"), false);
            List<Change> disabled = units.disableUnitFiles(List.of("app.service"), false);

            assertEquals(List.of(new Change(ChangeType.SYMLINK, "/etc/systemd/system/multi-user.target.wants/app.service",
                    ATTACHED + "app.service")), enabled);
            assertEquals(List.of(new Change(ChangeType.UNLINK,
                    "/etc/systemd/system/multi-user.target.wants/app.service", "")), disabled);
            assertEquals(List.of("EnableUnitFilesWithFlags", "EnableUnitFiles", "DisableUnitFilesWithFlags",
                    "DisableUnitFiles"), systemd.made().stream().map(call -> call.get(0)).toList());
        }
    }

    @Test
    void enable_whenPolkitRefusesThePlainMethodToo_isNotAuthorized() throws Exception {
        try (FakeBus systemd = manager(call -> Message.error(call,
                "org.freedesktop.DBus.Error.AccessDenied", "Access denied"));
                BusConnection bus = BusConnection.open(dir.resolve("bus"))) {
            SystemdUnits units = new SystemdUnits(bus, Target.SYSTEM);

            assertThrows(NotAuthorizedException.class, () -> units.enableUnitFiles(List.of("app.service"), false));
            assertEquals(List.of("EnableUnitFilesWithFlags", "EnableUnitFiles"),
                    systemd.made().stream().map(call -> call.get(0)).toList());
        }
    }
}
