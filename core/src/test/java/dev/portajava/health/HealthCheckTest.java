package dev.portajava.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    @Test
    void parse_url_defaultsTheTimeoutToTenSeconds() {
        HealthCheck check = HealthCheck.parse(null, "http://127.0.0.1:8080/health", null);
        assertEquals(URI.create("http://127.0.0.1:8080/health"), check.url());
        assertEquals(Duration.ofSeconds(10), check.timeout());
        assertEquals("GET http://127.0.0.1:8080/health answers 2xx within 10s", check.toString());
    }

    @Test
    void parse_command_takesTheTimeout() {
        HealthCheck check = HealthCheck.parse("test -f /run/ready", null, "500ms");
        assertEquals("test -f /run/ready", check.command());
        assertEquals(Duration.ofMillis(500), check.timeout());
        assertEquals("command 'test -f /run/ready'", check.describe());
    }

    @Test
    void parse_bothOrNeither_isRefused() {
        assertEquals("[health] needs either command or url, not both", assertThrows(IllegalArgumentException.class,
                () -> HealthCheck.parse("true", "http://h/", null)).getMessage());
        assertEquals("[health] needs either command or url, and has neither", assertThrows(
                IllegalArgumentException.class, () -> HealthCheck.parse(null, null, "5s")).getMessage());
    }

    @Test
    void parse_urlThatIsNotHttp_isRefused() {
        for (String url : new String[] {"ftp://h/x", "file:///etc/passwd", "/health", "http:///x", "http://h/#a"}) {
            String message = assertThrows(IllegalArgumentException.class, () -> HealthCheck.parse(null, url, null))
                    .getMessage();
            assertTrue(message.startsWith("[health] url '" + url + "' is not"), message);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HealthCheck.parse(null, "http://h/ x", null))
                .getMessage().startsWith("[health] url 'http://h/ x' is not a URL"));
    }

    @Test
    void parse_badTimeout_isRefused() {
        assertEquals("[health] timeout '10 seconds' is not a time such as 10s, 500ms or 2min", assertThrows(
                IllegalArgumentException.class, () -> HealthCheck.parse("true", null, "10 seconds")).getMessage());
        assertEquals("[health] timeout must be more than 0 and at most 10min", assertThrows(
                IllegalArgumentException.class, () -> HealthCheck.parse("true", null, "0s")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HealthCheck.parse("true", null, "11min"));
    }

    @Test
    void parse_multiLineCommand_isRefused() {
        assertEquals("[health] command must be a non-empty, one-line string", assertThrows(
                IllegalArgumentException.class, () -> HealthCheck.parse("true\nreboot", null, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HealthCheck.parse(" ", null, null));
    }

    @Test
    void osReleaseFields_readBack_giveTheSameCheck() {
        HealthCheck url = HealthCheck.parse(null, "https://localhost/ok?x=1", "2min");
        assertEquals(Map.of("PORTAJAVA_HEALTH_URL", "https://localhost/ok?x=1", "PORTAJAVA_HEALTH_TIMEOUT", "2min"),
                url.osReleaseFields());
        assertEquals(Optional.of(url), HealthCheck.fromOsRelease(url.osReleaseFields()));
        HealthCheck command = HealthCheck.parse("curl -f localhost", null, "1500ms");
        assertEquals(Optional.of(command), HealthCheck.fromOsRelease(command.osReleaseFields()));
        assertEquals(Optional.empty(), HealthCheck.fromOsRelease(Map.of("ID", "hello")));
    }
}
