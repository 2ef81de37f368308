package dev.portajava.attach.dbus;

import java.io.IOException;

/** A message from the bus that breaks the D-Bus wire format. */
final class MalformedMessageException extends IOException {

    MalformedMessageException(String problem) {
        super("malformed D-Bus message: " + problem);
    }
}
