package dev.portajava.attach.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.CopyMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training bus answers the client an attach and a detach through portabled run, and refuses what else it is asked. */
class TrainingBusTest {

    @Test
    void anAttachAndADetachThroughPortabled_getTheAnswersOfAHost() throws Exception {
        try (TrainingBus bus = TrainingBus.start(); SystemBus host = SystemBus.connect(bus.address())) {
            assertTrue(host.portabledAvailable());
            assertEquals(List.of("default", "nonetwork", "strict", "trusted"), host.portables().profiles());

            List<Change> attached = host.portables().attachImage("/var/tmp/train.raw", List.of(), List.of(),
                    "strict", false, CopyMode.AUTO, false);
            host.units().reload();
            boolean isAttached = host.portables().imageState("/var/tmp/train.raw", List.of()).isAttached();
            List<Change> detached = host.portables().detachImage("/var/tmp/train.raw", List.of(), false);
            List<Change> unlinked = host.units().disableUnitFiles(List.of("train.service"), false);

            assertEquals(List.of(ChangeType.COPY), attached.stream().map(Change::type).toList());
            assertTrue(isAttached);
            assertEquals(List.of(ChangeType.UNLINK), detached.stream().map(Change::type).toList());
            assertEquals(List.of(), unlinked, "the detached unit had no links");
        }
    }

    @Test
    void aCallItDoesNotKnow_failsAsOnAHostThatLacksIt_andTheConnectionGoesOn() throws Exception {
        try (TrainingBus bus = TrainingBus.start(); SystemBus host = SystemBus.connect(bus.address())) {
            AttachException e = assertThrows(AttachException.class, () -> host.units().systemdVersion());

            assertTrue(e.getMessage().contains("does not answer org.freedesktop.DBus.Properties.Get"), e.getMessage());
            assertEquals(List.of("default", "nonetwork", "strict", "trusted"), host.portables().profiles());
        }
    }

    @Test
    void everyConnection_isServed_oneAfterAnother() throws Exception {
        try (TrainingBus bus = TrainingBus.start()) {
            for (int i = 0; i < 3; i++) {
                try (SystemBus host = SystemBus.connect(bus.address())) {
                    assertTrue(host.portabledAvailable());
                }
            }
        }
    }
}
