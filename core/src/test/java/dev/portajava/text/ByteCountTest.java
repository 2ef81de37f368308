package dev.portajava.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteCountTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0 B",
        "999, 999 B",
        "1000, 1.0 kB",
        "1234567, 1.2 MB",
        "999949999, 999.9 MB",
        "999999999, 1.0 GB",
        "154000000, 154.0 MB",
        "9223372036854775807, 9.2 EB",
    })
    void of_givesOneDecimalInTheLargestUnitBelow1000(long bytes, String expected) {
        assertEquals(expected, ByteCount.of(bytes));
    }
}
