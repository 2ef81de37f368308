package dev.portajava.attach.dbus;

/** A value to write as a D-Bus variant ({@code v}): its single complete type and the value. */
record Variant(String type, Object value) {

    Variant {
        Signature.single(type);
    }
}
