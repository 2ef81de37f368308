package dev.portajava.attach.dbus;

import java.util.ArrayList;
import java.util.List;

/** {@code org.freedesktop.DBus.Properties.Get(s interface, s property) -> v}, for the properties attach reads. */
final class Properties {

    private static final String INTERFACE = "org.freedesktop.DBus.Properties";

    private Properties() {
    }

    static String string(BusConnection bus, String destination, String path, String iface, String property)
            throws BusError {
        return typed(get(bus, destination, path, iface, property), String.class, property);
    }

    static long uint32(BusConnection bus, String destination, String path, String iface, String property)
            throws BusError {
        return typed(get(bus, destination, path, iface, property), Long.class, property);
    }

    static List<String> strings(BusConnection bus, String destination, String path, String iface, String property)
            throws BusError {
        List<?> values = typed(get(bus, destination, path, iface, property), List.class, property);
        List<String> strings = new ArrayList<>();
        for (Object value : values) {
            strings.add(typed(value, String.class, property));
        }
        return List.copyOf(strings);
    }

    private static Object get(BusConnection bus, String destination, String path, String iface, String property)
            throws BusError {
        return bus.call(destination, path, INTERFACE, "Get", "ss", "v", iface, property).get(0);
    }

    private static <T> T typed(Object value, Class<T> type, String property) throws BusError {
        if (!type.isInstance(value)) {
            throw new BusError("org.freedesktop.DBus.Error.InvalidSignature", "the property " + property
                    + " has an unexpected type");
        }
        return type.cast(value);
    }
}
