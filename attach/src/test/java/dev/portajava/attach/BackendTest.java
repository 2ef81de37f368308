package dev.portajava.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class BackendTest {

    @Test
    void eachBackendReadsAsUsersTypeIt_itsNameInLowerCase() {
        for (Backend backend : Backend.values()) {
            assertEquals(backend.name().toLowerCase(Locale.ROOT), backend.toString());
        }
    }
}
