package dev.portajava.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InImagePathsTest {

    /** An image as a map from symlink-free paths to null (plain entry) or a symlink target. */
    private static InImagePaths.Lookup image(Map<String, String> entries) {
        return path -> {
            if (!entries.containsKey(path)) {
                return InImagePaths.Node.MISSING;
            }
            String target = entries.get(path);
            return target.isEmpty() ? InImagePaths.Node.PLAIN : InImagePaths.Node.link(target);
        };
    }

    private static final Map<String, String> MERGED_USR = Map.of(
            "/usr", "", "/usr/bin", "", "/usr/bin/busybox", "", "/usr/bin/sh", "busybox",
            "/bin", "usr/bin", "/etc", "", "/etc/escape", "/../../../usr/bin/sh", "/loop", "/loop");

    @Test
    void resolve_throughRelativeAndAbsoluteLinks_staysInTheImage() throws IOException {
        assertEquals(Optional.of("/usr/bin/busybox"), InImagePaths.resolve("/bin/sh", image(MERGED_USR)));
        assertEquals(Optional.of("/usr/bin/busybox"), InImagePaths.resolve("/etc/escape", image(MERGED_USR)));
        assertEquals(Optional.of("/usr/bin"), InImagePaths.resolve("/../../bin/./", image(MERGED_USR)));
    }

    @Test
    void resolve_ofAMissingPart_isEmpty() throws IOException {
        assertEquals(Optional.empty(), InImagePaths.resolve("/bin/missing", image(MERGED_USR)));
        assertEquals(Optional.empty(), InImagePaths.resolve("/opt/x", image(MERGED_USR)));
    }

    @Test
    void resolve_ofALoop_throws() {
        assertThrows(InImagePaths.SymlinkLoopException.class, () -> InImagePaths.resolve("/loop/x", image(MERGED_USR)));
    }

    @Test
    void resolve_ofTheRoot_isTheRoot() throws IOException {
        assertEquals(Optional.of("/"), InImagePaths.resolve("/", image(MERGED_USR)));
    }
}
