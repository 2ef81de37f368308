package dev.portajava.health;

import dev.portajava.text.TimeSpan;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a running service shows it is healthy: a command, run in the service's context, that exits 0, or an
 * {@code http://} or {@code https://} URL that answers 2xx; each within {@code timeout}. A spec's {@code [health]}
 * table, kept in the image's os-release as {@code PORTAJAVA_HEALTH_COMMAND=}, {@code PORTAJAVA_HEALTH_URL=} and
 * {@code PORTAJAVA_HEALTH_TIMEOUT=}.
 */
public record HealthCheck(String command, URI url, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /** Every os-release field of a health check starts so. */
    public static final String FIELD_PREFIX = "PORTAJAVA_HEALTH_";
    public static final String COMMAND_FIELD = FIELD_PREFIX + "COMMAND";
    public static final String URL_FIELD = FIELD_PREFIX + "URL";
    public static final String TIMEOUT_FIELD = FIELD_PREFIX + "TIMEOUT";

    public HealthCheck {
        if ((command == null) == (url == null)) {
            throw new IllegalArgumentException("[health] needs either command or url, "
                    + (command == null ? "and has neither" : "not both"));
        }
        if (command != null && (command.isBlank() || command.indexOf('\n') >= 0 || command.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("[health] command must be a non-empty, one-line string");
        }
        if (url != null && (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null || url.getRawFragment() != null)) {
            throw new IllegalArgumentException("[health] url '" + url + "' is not an http:// or https:// URL with a"
                    + " host (and no #fragment)");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("[health] timeout must be more than 0 and at most "
                    + TimeSpan.format(MAX_TIMEOUT));
        }
    }

    /** A check from the strings a spec or an os-release holds ({@code null}: not given). */
    public static HealthCheck parse(String command, String url, String timeout) {
        URI uri = null;
        if (url != null) {
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("[health] url '" + url + "' is not a URL: " + e.getReason());
            }
        }
        Duration span;
        try {
            span = timeout == null ? null : TimeSpan.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[health] timeout " + e.getMessage());
        }
        return new HealthCheck(command, uri, span);
    }

    /** The check an image's os-release fields declare, if any. */
    public static Optional<HealthCheck> fromOsRelease(Map<String, String> fields) {
        String command = fields.get(COMMAND_FIELD);
        String url = fields.get(URL_FIELD);
        String timeout = fields.get(TIMEOUT_FIELD);
        if (command == null && url == null && timeout == null) {
            return Optional.empty();
        }
        return Optional.of(parse(command, url, timeout));
    }

    /** The os-release fields that keep this check in an image, in the order they are written. */
    public Map<String, String> osReleaseFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (command != null) {
            fields.put(COMMAND_FIELD, command);
        } else {
            fields.put(URL_FIELD, url.toString());
        }
        fields.put(TIMEOUT_FIELD, TimeSpan.format(timeout));
        return fields;
    }

    /** What is checked, as messages name it: {@code command 'CMD'} or {@code URL http://…}. */
    public String describe() {
        return command != null ? "command '" + command + "'" : "URL " + url;
    }

    @Override
    public String toString() {
        return (command != null ? "command '" + command + "' exits 0" : "GET " + url + " answers 2xx") + " within "
                + TimeSpan.format(timeout);
    }
}
