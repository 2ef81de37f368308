package dev.portajava.oci;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code TRANSPORT:PATH[:SUFFIX]} reference ({@code oci:DIR[:REF]}, {@code docker-archive:FILE[:REPO:TAG]}): PATH
 * ends at the first colon, as skopeo reads it.
 */
record TransportReference(Path path, Optional<String> suffix) {

    /**
     * @param prefix the transport with its colon
     * @param what what PATH names, for messages ({@code directory}, {@code file})
     * @param forms the accepted forms, for messages
     */
    static TransportReference parse(String reference, String prefix, String what, String forms) throws OciException {
        String rest = reference.substring(prefix.length());
        int colon = rest.indexOf(':');
        String path = colon < 0 ? rest : rest.substring(0, colon);
        String suffix = colon < 0 ? "" : rest.substring(colon + 1);
        if (path.isEmpty()) {
            throw OciException.invalid("'" + reference + "': no " + what + " (" + forms + ")");
        }
        try {
            return new TransportReference(Path.of(path), suffix.isEmpty() ? Optional.empty() : Optional.of(suffix));
        } catch (InvalidPathException e) {
            throw OciException.invalid("'" + reference + "': '" + path + "' is not a path");
        }
    }
}
