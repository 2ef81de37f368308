package dev.portajava.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A user name and password for a registry, from a Docker {@code config.json}: {@code auths} entries with
 * {@code auth} (base64 of {@code user:password}) or {@code username} and {@code password}. Credential helpers
 * ({@code credsStore}, {@code credHelpers}) are not called.
 */
record RegistryCredentials(String user, String password) {

    /** The key Docker writes for Docker Hub. */
    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    private static final Set<String> DOCKER_HUB_HOSTS = Set.of("docker.io", "index.docker.io",
            ImageReference.DOCKER_HUB_API);

    /** {@code Basic} and the base64 of {@code user:password}. */
    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryCredentials[user=" + user + "]";
    }

    /**
     * The credentials {@code config} has for {@code registry} ({@code host[:port]} as the reference names it;
     * {@code docker.io} for Docker Hub), if any.
     *
     * @throws OciException (bad input) when the file is not valid JSON or the entry is malformed
     */
    static Optional<RegistryCredentials> lookup(Optional<Path> config, String registry, Consumer<String> progress)
            throws OciException {
        if (config == null || config.isEmpty() || !Files.isRegularFile(config.get())) {
            return Optional.empty();
        }
        Path file = config.get();
        JsonNode root = Manifests.readTree(file, 16 << 20, file.toString());
        String host = registry.toLowerCase(Locale.ROOT);
        boolean hub = DOCKER_HUB_HOSTS.contains(host);
        JsonNode auths = root.get("auths");
        if (auths != null && auths.isObject()) {
            JsonNode entry = null;
            String key = null;
            Iterator<Map.Entry<String, JsonNode>> fields = auths.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String normalised = normalise(f.getKey());
                boolean matches = hub ? DOCKER_HUB_HOSTS.contains(normalised) : normalised.equals(host);
                // an exact key wins over one that matches only once normalised
                if (matches && (entry == null || f.getKey().equals(registry)
                        || (hub && f.getKey().equals(DOCKER_HUB_KEY)))) {
                    entry = f.getValue();
                    key = f.getKey();
                }
            }
            if (entry != null && entry.isObject()) {
                Optional<RegistryCredentials> found = fromEntry(entry, file + ": auths \"" + key + "\"");
                if (found.isPresent()) {
                    return found;
                }
                if (entry.hasNonNull("identitytoken")) {
                    progress.accept("credentials for " + registry + " in " + file
                            + " are an identity token, which portajava does not use; trying anonymously");
                    return Optional.empty();
                }
            }
        }
        String helper = null;
        JsonNode helpers = root.get("credHelpers");
        if (helpers != null && helpers.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = helpers.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String normalised = normalise(f.getKey());
                if (hub ? DOCKER_HUB_HOSTS.contains(normalised) : normalised.equals(host)) {
                    helper = f.getValue().asText();
                }
            }
        }
        if (helper == null && root.hasNonNull("credsStore")) {
            helper = root.get("credsStore").asText();
        }
        if (helper != null && !helper.isEmpty()) {
            progress.accept("credentials for " + registry + " are kept by docker-credential-" + helper + " (" + file
                    + "), which portajava does not call; trying anonymously");
        }
        return Optional.empty();
    }

    private static Optional<RegistryCredentials> fromEntry(JsonNode entry, String what) throws OciException {
        JsonNode auth = entry.get("auth");
        if (auth != null && auth.isTextual() && !auth.asText().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getMimeDecoder().decode(auth.asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw OciException.invalid(what + ": 'auth' is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OciException.invalid(what + ": 'auth' is not the base64 of user:password");
            }
            return Optional.of(new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        JsonNode user = entry.get("username");
        JsonNode password = entry.get("password");
        if (user != null && user.isTextual() && password != null && password.isTextual()) {
            return Optional.of(new RegistryCredentials(user.asText(), password.asText()));
        }
        return Optional.empty();
    }

    /** {@code https://registry.example:5000/v2/} → {@code registry.example:5000}. */
    static String normalise(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        if (k.startsWith("https://")) {
            k = k.substring("https://".length());
        } else if (k.startsWith("http://")) {
            k = k.substring("http://".length());
        }
        int slash = k.indexOf('/');
        return slash < 0 ? k : k.substring(0, slash);
    }
}
