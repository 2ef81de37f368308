package dev.portajava.name;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitTypeTest {

    @Test
    void suffix_isTheNameInLowerCase_andNamesTheTypeOfAFileName() {
        for (UnitType type : UnitType.values()) {
            assertEquals(type.name().toLowerCase(Locale.ROOT), type.suffix());
            assertEquals(Optional.of(type), UnitType.ofFileName("app." + type.suffix()));
        }
        assertEquals(Optional.empty(), UnitType.ofFileName("app.mount"));
        assertEquals(Optional.empty(), UnitType.ofFileName("app.Service"));
        assertEquals(Optional.empty(), UnitType.ofFileName("service"));
    }
}
