package dev.portajava.oci;

import dev.portajava.text.ControlCharacters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image in a registry, as {@code docker pull} names it: {@code registry.example:5000/team/app:1.4},
 * {@code …@sha256:HEX}, {@code name:tag@sha256:HEX}, or a Docker Hub shorthand ({@code busybox} is
 * {@code docker.io/library/busybox:latest}, {@code user/app} is {@code docker.io/user/app:latest}).
 *
 * <p>The first path component is a registry when it contains {@code .} or {@code :}, is {@code localhost}, or has
 * an upper-case letter; otherwise the image is on Docker Hub. Names and tags follow the grammar of the OCI
 * distribution specification.
 *
 * @param registry the registry as written ({@code registry.example:5000}); {@code docker.io} for Docker Hub
 * @param repository the repository path ({@code team/app}, {@code library/busybox})
 * @param tag the tag; {@code latest} when neither tag nor digest was given
 * @param digest the manifest digest, when given: it then decides, the tag is informative
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

    /** The registry name of Docker Hub in references. */
    public static final String DOCKER_HUB = "docker.io";

    /** The host Docker Hub's registry API answers on. */
    public static final String DOCKER_HUB_API = "registry-1.docker.io";

    private static final String ALPHANUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|-+)";
    private static final String COMPONENT = ALPHANUM + "(?:" + SEPARATOR + ALPHANUM + ")*";
    private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
            + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]{1,5})?");
    private static final int MAX_NAME = 255;

    public ImageReference {
        if (registry == null || !DOMAIN.matcher(registry).matches()) {
            throw new IllegalArgumentException("'" + registry + "' is not a registry name");
        }
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException("'" + repository + "' is not a repository name");
        }
        tag = tag == null ? Optional.empty() : tag;
        digest = digest == null ? Optional.empty() : digest;
        if (tag.isPresent() && !TAG.matcher(tag.get()).matches()) {
            throw new IllegalArgumentException("'" + tag.get() + "' is not a tag");
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
    }

    /**
     * Parses a reference as {@code docker pull} takes it.
     *
     * @throws OciException (bad input) naming the reference and what is wrong with it
     */
    public static ImageReference parse(String reference) throws OciException {
        if (reference == null || reference.isEmpty()) {
            throw OciException.invalid("image reference is empty");
        }
        String rest = reference;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String text = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!text.startsWith("sha256:")) {
                throw bad(reference, text.contains(":")
                        ? "digest '" + text + "' is not sha256 (only sha256 digests are supported)"
                        : "'" + text + "' is not a digest (sha256:<64 hex digits>)");
            }
            try {
                digest = Digest.parse(text);
            } catch (IllegalArgumentException e) {
                throw bad(reference, "'" + text + "' is not a digest (sha256:<64 hex digits>)");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw bad(reference, "'" + tag + "' is not a tag (letters, digits, '_', '.', '-'; at most 128;"
                        + " not starting with '.' or '-')");
            }
        }
        if (rest.isEmpty()) {
            throw bad(reference, "no repository name");
        }
        String registry;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        if (slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.toLowerCase(Locale.ROOT).equals(first))) {
            registry = first;
            path = rest.substring(slash + 1);
            if (!DOMAIN.matcher(registry).matches()) {
                throw bad(reference, "'" + registry + "' is not a registry host name (with an optional :port)");
            }
        } else {
            registry = DOCKER_HUB;
            path = rest;
        }
        if (registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = "library/" + path;
        }
        if (!REPOSITORY.matcher(path).matches()) {
            if (!path.toLowerCase(Locale.ROOT).equals(path)) {
                throw bad(reference, "repository name '" + path + "' must be lower-case");
            }
            throw bad(reference, "'" + path + "' is not a repository name (lower-case letters and digits, in"
                    + " components separated by '/', each joined by '.', '_', '__' or dashes)");
        }
        if (registry.length() + 1 + path.length() > MAX_NAME) {
            throw bad(reference, "the name is longer than " + MAX_NAME + " characters");
        }
        return new ImageReference(registry, path, Optional.ofNullable(tag), Optional.ofNullable(digest));
    }

    private static OciException bad(String reference, String problem) {
        return OciException.invalid(ControlCharacters.escapedUnambiguously("image reference '" + reference + "': "
                + problem));
    }

    /** Whether this is an image on Docker Hub. */
    public boolean dockerHub() {
        return registry.equals(DOCKER_HUB);
    }

    /** The {@code host[:port]} the registry API is spoken to at: {@value #DOCKER_HUB_API} for Docker Hub. */
    public String apiHost() {
        return dockerHub() ? DOCKER_HUB_API : registry;
    }

    /** What goes in {@code /v2/<name>/manifests/<reference>}: the digest when there is one, else the tag. */
    public String manifestReference() {
        return digest.map(Digest::toString).orElseGet(tag::get);
    }

    /** {@code registry/repository[:tag][@digest]}, every part spelt out. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(registry).append('/').append(repository);
        tag.ifPresent(t -> b.append(':').append(t));
        digest.ifPresent(d -> b.append('@').append(d));
        return b.toString();
    }
}
