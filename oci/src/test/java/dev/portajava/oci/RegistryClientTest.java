package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decisions the registry client makes without a registry: transport and authentication challenges. */
class RegistryClientTest {

    @Test
    void plainHttpOnlyForLoopbackAndInsecureRegistries() {
        for (String loopback : List.of("localhost", "localhost:5000", "LOCALHOST:5000", "127.0.0.1", "127.0.0.1:5000",
                "127.4.5.6:80", "[::1]:5000", "[::1]", "::1", "[0:0:0:0:0:0:0:1]:5000")) {
            assertTrue(RegistryClient.plainHttpAllowed(loopback, Set.of()), loopback);
            assertEquals(List.of("http", "https"), RegistryClient.schemesFor(loopback, Set.of()));
        }
        for (String remote : List.of("registry.example", "registry.example:5000", "10.0.0.1:5000", "128.0.0.1",
                "localhost.example", "registry-1.docker.io", "[::2]:5000", "127.0.0.1.example")) {
            assertFalse(RegistryClient.plainHttpAllowed(remote, Set.of()), remote);
            assertEquals(List.of("https"), RegistryClient.schemesFor(remote, Set.of()), remote);
        }
    }

    @Test
    void insecureRegistriesMatchByHostOrHostAndPort() {
        Set<String> byHost = Set.of("registry.example");
        assertTrue(RegistryClient.plainHttpAllowed("registry.example", byHost));
        assertTrue(RegistryClient.plainHttpAllowed("registry.example:5000", byHost));
        assertFalse(RegistryClient.plainHttpAllowed("other.example:5000", byHost));

        Set<String> byPort = Set.of("registry.example:5000");
        assertTrue(RegistryClient.plainHttpAllowed("registry.example:5000", byPort));
        assertFalse(RegistryClient.plainHttpAllowed("registry.example:5001", byPort));
        assertFalse(RegistryClient.plainHttpAllowed("registry.example", byPort));

        assertTrue(RegistryClient.plainHttpAllowed("Registry.Example:5000", Set.of("http://registry.example:5000/")));
    }

    @Test
    void parsesChallenges() {
        List<RegistryClient.Challenge> c = RegistryClient.parseChallenges(List.of(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                        + "scope=\"repository:library/busybox:pull,push\""));
        assertEquals(1, c.size());
        assertEquals("bearer", c.get(0).scheme());
        assertEquals(Map.of("realm", "https://auth.docker.io/token", "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull,push"), c.get(0).parameters());

        List<RegistryClient.Challenge> two = RegistryClient.parseChallenges(List.of(
                "Basic realm=\"a \\\"quoted\\\" realm\", Bearer realm=x, service=y"));
        assertEquals(2, two.size());
        assertEquals("basic", two.get(0).scheme());
        assertEquals("a \"quoted\" realm", two.get(0).parameters().get("realm"));
        assertEquals(Map.of("realm", "x", "service", "y"), two.get(1).parameters());

        assertEquals("basic", RegistryClient.parseChallenges(List.of("Basic")).get(0).scheme());
    }
}
