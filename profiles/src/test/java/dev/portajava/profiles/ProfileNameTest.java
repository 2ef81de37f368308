package dev.portajava.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProfileNameTest {

    @Test
    void lettersDigitsUnderscoresDotsAndDashes_notStartingWithADotOrDash() {
        for (String name : new String[] {"default", "strict", "my_profile-2.1", "_x", "9"}) {
            assertEquals(name, new ProfileName(name).value());
        }
        for (String name : new String[] {"", ".hidden", "-x", "a/b", "a b", "ünicode", "x".repeat(256)}) {
            assertThrows(IllegalArgumentException.class, () -> new ProfileName(name), name);
        }
        assertThrows(IllegalArgumentException.class, () -> new ProfileName(null));
    }
}
