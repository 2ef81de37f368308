package dev.portajava.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTest {

    /** The order the UAPI version format specification gives as its example, oldest first. */
    private static final List<String> SPECIFICATION_ORDER = List.of("122.1", "123~rc1-1", "123", "123-a", "123-a.1",
            "123-1", "123-1.1", "123^post1", "123.a-1", "123.1-1", "123a-1", "124-1");

    @Test
    void sorting_givesTheSpecificationsOrder_fromAnyStart() {
        for (int seed = 0; seed < 20; seed++) {
            List<Version> shuffled = new ArrayList<>(SPECIFICATION_ORDER.stream().map(Version::new).toList());
            Collections.shuffle(shuffled, new java.util.Random(seed));
            Collections.sort(shuffled);
            assertEquals(SPECIFICATION_ORDER, shuffled.stream().map(Version::text).toList());
        }
    }

    @Test
    void numbers_compareByValue_andLeadingZerosDoNotCount() {
        assertTrue(new Version("1.10").compareTo(new Version("1.9")) > 0);
        assertTrue(new Version("2").compareTo(new Version("10")) < 0);
        assertEquals(0, new Version("1.0010").compareTo(new Version("1.10")));
        assertTrue(new Version("1.0").compareTo(new Version("1.0.1")) < 0);
        assertTrue(new Version("1.0~rc1").compareTo(new Version("1.0")) < 0);
        assertTrue(new Version("1.0~rc1").compareTo(new Version("1.0~rc2")) < 0);
        assertEquals(0, new Version("123_a").compareTo(new Version("123a")), "an invalid character only separates");
        assertTrue(new Version("1.2a").compareTo(new Version("1.2")) > 0);
        assertTrue(new Version("2026.1").compareTo(new Version("999.9")) > 0);
        assertTrue(new Version("99999999999999999999").compareTo(new Version("9")) > 0, "no overflow");
    }

    @Test
    void aSeparatorThatIsNoneOfSystemds_separatesNothing() {
        assertTrue(new Version("1_2").compareTo(new Version("1.2")) > 0, "1_2 is 1 then 2 with no separator, newer"
                + " than 1.2 as 123a is than 123.1");
        assertTrue(new Version("abc").compareTo(new Version("abcde")) < 0);
        assertTrue(new Version("1.0").compareTo(new Version("1.0a")) < 0);
    }
}
