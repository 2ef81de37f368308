package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilesCommandTest {

    private final FakeHost host = new FakeHost();

    @Test
    void profilesList_listsTheFourBuiltInProfiles() {
        Cli cli = Cli.run(host, "profiles", "list");

        assertEquals(0, cli.code(), cli.err());
        List<String> names = cli.out().lines().map(l -> l.split("\\s+")[0]).toList();
        assertTrue(names.containsAll(List.of("default", "jit", "nonetwork", "strict", "trusted")), cli.out());
        assertEquals(List.of(), host.calls, "needs no bus");
    }

    @Test
    void profilesList_json_givesNamesAndDropIns() throws Exception {
        Cli cli = Cli.run(host, "profiles", "list", "--json");

        assertEquals(0, cli.code(), cli.err());
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertTrue(json.isArray());
        boolean strictFound = false;
        for (JsonNode profile : json) {
            if (profile.get("name").asText().equals("strict")) {
                strictFound = true;
                assertTrue(profile.get("dropIns").get("service").asText().contains("TasksMax=4"));
            }
        }
        assertTrue(strictFound, cli.out());
    }

    @Test
    void profilesShow_strict_printsItsServiceDropIn() {
        Cli cli = Cli.run(host, "profiles", "show", "strict");

        assertEquals(0, cli.code(), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertTrue(lines.get(0).startsWith("# ") && lines.get(0).endsWith("/service.conf"), lines.get(0));
        assertTrue(lines.contains("[Service]"), cli.out());
        assertTrue(lines.contains("PrivateNetwork=yes"), cli.out());
        assertTrue(lines.contains("TasksMax=4"), cli.out());
    }

    @Test
    void profilesShow_whenUnknown_exits2ListingTheKnownOnes() {
        Cli cli = Cli.run(host, "profiles", "show", "nope");

        assertEquals(2, cli.code());
        String line = cli.errLine();
        assertTrue(line.startsWith("portajava: unknown profile 'nope'; known profiles: "), line);
        assertTrue(line.contains("strict"), line);
        assertEquals("", cli.out());
    }
}
