package dev.portajava.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

    @TempDir
    Path temp;

    final List<String> progress = new ArrayList<>();

    private Optional<RegistryCredentials> lookup(String json, String registry) throws Exception {
        Path config = temp.resolve("config.json");
        Files.writeString(config, json);
        return RegistryCredentials.lookup(Optional.of(config), registry, progress::add);
    }

    private static String auth(String userPassword) {
        return Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsAuthByHostWithOrWithoutScheme() throws Exception {
        String json = "{\"auths\":{\"https://registry.example:5000/v2/\":{\"auth\":\"" + auth("bob:pa:ss") + "\"},"
                + "\"other.example\":{\"username\":\"carol\",\"password\":\"pw\"}}}";
        assertEquals(Optional.of(new RegistryCredentials("bob", "pa:ss")), lookup(json, "registry.example:5000"));
        assertEquals(Optional.of(new RegistryCredentials("carol", "pw")), lookup(json, "other.example"));
        assertEquals(Optional.empty(), lookup(json, "registry.example"));
    }

    @Test
    void dockerHubUsesItsV1Key() throws Exception {
        String json = "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("hub:pw") + "\"}}}";
        assertEquals(Optional.of(new RegistryCredentials("hub", "pw")), lookup(json, "docker.io"));
    }

    @Test
    void aCredentialHelperIsReportedNotCalled() throws Exception {
        String json = "{\"auths\":{\"registry.example\":{}},\"credHelpers\":{\"registry.example\":\"ecr-login\"}}";
        assertEquals(Optional.empty(), lookup(json, "registry.example"));
        assertTrue(progress.get(0).contains("docker-credential-ecr-login"), progress.toString());
    }

    @Test
    void noFileMeansNoCredentials() throws Exception {
        assertEquals(Optional.empty(), RegistryCredentials.lookup(Optional.of(temp.resolve("missing.json")),
                "registry.example", progress::add));
        assertEquals(Optional.empty(), RegistryCredentials.lookup(Optional.empty(), "registry.example",
                progress::add));
    }

    @Test
    void malformedEntriesAreBadInput() {
        assertThrows(OciException.class, () -> lookup("{\"auths\":{\"r.example\":{\"auth\":\"!!\"}}}", "r.example"));
        assertThrows(OciException.class, () -> lookup("{\"auths\":{\"r.example\":{\"auth\":\"" + auth("nocolon")
                + "\"}}}", "r.example"));
        assertThrows(OciException.class, () -> lookup("{not json", "r.example"));
    }

    @Test
    void thePasswordStaysOutOfToString() {
        assertTrue(!new RegistryCredentials("u", "secret").toString().contains("secret"));
    }
}
