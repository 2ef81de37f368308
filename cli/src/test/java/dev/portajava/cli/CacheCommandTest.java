package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portajava.oci.CacheDirectory;
import dev.portajava.oci.CacheSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheCommandTest {

    @TempDir
    Path temp;

    private final FakeHost host = new FakeHost();
    private Map<String, String> environment;
    private CacheDirectory cache;

    @BeforeEach
    void cache() throws IOException {
        environment = Map.of("HOME", temp.toString(), "XDG_CACHE_HOME", temp.resolve("xdg").toString());
        cache = new CacheDirectory(temp.resolve("xdg/portajava"));
        write(cache.blobs().resolve("01".repeat(32)), 1_500_000);
        write(cache.layers().resolve("02".repeat(32)).resolve("index"), 2_000);
        write(cache.files().resolve("03".repeat(32)), 3_000_000);
        write(cache.checkouts().resolve("03".repeat(32) + "-755"), 3_000_000);
        write(cache.squashfsBlocks().resolve("04".repeat(32)), 500_000);
        write(cache.temporaries().resolve("layer-0123456789ab-1/content/part"), 700);
    }

    @Test
    void cache_printsWhereItIsAndTheSizeOfEachPart() {
        Cli cli = Cli.run(host, environment, "cache");

        assertEquals(0, cli.code(), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals(cache.root().toString(), lines.get(0));
        assertTrue(lines.get(1).matches("  blobs +1\\.5 MB  blobs fetched from registries"), lines.get(1));
        assertTrue(lines.get(4).matches("  checkouts +3\\.0 MB  .*"), lines.get(4));
        assertTrue(lines.get(6).matches("  tmp +700 B  .*"), lines.get(6));
        assertTrue(lines.get(7).matches("  total +8\\.0 MB"), lines.get(7));
    }

    @Test
    void cacheShow_json_givesTheBytesOfEachPart() throws IOException {
        Cli cli = Cli.run(host, environment, "cache", "show", "--json");

        assertEquals(0, cli.code(), cli.err());
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertEquals(cache.root().toString(), json.get("path").asText());
        assertEquals(3_000_000, json.get("parts").get("files").asLong());
        assertEquals(8_002_700, json.get("total").asLong());
    }

    @Test
    void cache_json_printsWhatCacheShowJsonPrints_asTheReadmeShows() {
        Cli cli = Cli.run(host, environment, "cache", "--json");

        assertEquals(0, cli.code(), cli.err());
        assertEquals(Cli.run(host, environment, "cache", "show", "--json").out(), cli.out());
    }

    @Test
    void cachePrune_removesLeftoversAndTheCopiesThatOnlySpeedBuildsUp() {
        Cli cli = Cli.run(host, environment, "cache", "prune");

        assertEquals(0, cli.code(), cli.err());
        assertEquals("Removed 3.5 MB from " + cache.root() + "; 4.5 MB left.", cli.out().strip());
        assertFalse(Files.exists(cache.checkouts()));
        assertFalse(Files.exists(cache.squashfsBlocks()));
        assertFalse(Files.exists(cache.temporaries().resolve("layer-0123456789ab-1")));
        assertTrue(Files.exists(cache.blobs().resolve("01".repeat(32))), "nothing is downloaded again");
        assertTrue(Files.exists(cache.files().resolve("03".repeat(32))), "nothing is unpacked again");
    }

    @Test
    void cachePruneAll_emptiesTheCache() {
        Cli cli = Cli.run(host, environment, "cache", "prune", "--all");

        assertEquals(0, cli.code(), cli.err());
        assertEquals("Removed 8.0 MB from " + cache.root() + "; 0 B left.", cli.out().strip());
        assertEquals(0, dev.portajava.oci.CacheUsage.of(cache).total());
    }

    @Test
    void cachePrune_whileABuildUsesTheCache_exits3AndRemovesNothing() throws Exception {
        try (CacheSession build = CacheSession.open(cache)) {
            Cli cli = Cli.run(host, environment, "cache", "prune", "--all");

            assertEquals(3, cli.code());
            assertEquals("portajava: cache " + cache.root() + " is in use by a running build; try again when it has"
                    + " finished", cli.errLine());
            assertTrue(Files.exists(cache.checkouts().resolve("03".repeat(32) + "-755")));
        }
    }

    private static void write(Path file, int size) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
    }
}
