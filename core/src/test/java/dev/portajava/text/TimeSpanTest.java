package dev.portajava.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeSpanTest {

    @Test
    void parse_eachUnit() {
        assertEquals(Duration.ofMillis(500), TimeSpan.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), TimeSpan.parse("10s"));
        assertEquals(Duration.ofSeconds(7), TimeSpan.parse("7"));
        assertEquals(Duration.ofMinutes(2), TimeSpan.parse("2min"));
        assertEquals(Duration.ofHours(1), TimeSpan.parse("1h"));
    }

    @Test
    void parse_notASpan_isRefused() {
        for (String text : new String[] {"", "s", "-1s", "1.5s", "10 s", "10sec", "1m"}) {
            assertEquals("'" + text + "' is not a time such as 10s, 500ms or 2min", assertThrows(
                    IllegalArgumentException.class, () -> TimeSpan.parse(text)).getMessage());
        }
    }

    @Test
    void format_readsBackAsTheSameSpan() {
        for (Duration span : new Duration[] {Duration.ZERO, Duration.ofMillis(1500), Duration.ofSeconds(10),
            Duration.ofSeconds(90), Duration.ofMinutes(3), Duration.ofHours(2)}) {
            assertEquals(span, TimeSpan.parse(TimeSpan.format(span)));
        }
        assertEquals("90s", TimeSpan.format(Duration.ofSeconds(90)));
        assertEquals("1500ms", TimeSpan.format(Duration.ofMillis(1500)));
    }
}
