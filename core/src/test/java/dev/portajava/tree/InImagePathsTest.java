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

    /** A unit directory with the links a hostile image ships, and one that stays inside. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("/usr", ""), Map.entry("/usr/lib", ""), Map.entry("/usr/lib/systemd", ""),
            Map.entry("/usr/lib/systemd/system", ""), Map.entry("/etc", ""), Map.entry("/etc/shadow", ""),
            Map.entry("/usr/lib/systemd/system/real.service", ""),
            Map.entry("/usr/lib/systemd/system/alias.service", "real.service"),
            Map.entry("/usr/lib/systemd/system/chain.service", "alias.service"),
            Map.entry("/usr/lib/systemd/system/up.service", "../../../../etc/shadow"),
            Map.entry("/usr/lib/systemd/system/shadow.service", "/etc/shadow"),
            Map.entry("/usr/lib/systemd/system/above.service", "../../../../../etc/shadow"),
            Map.entry("/usr/lib/systemd/system/hop.service", "../../../../etc/hop"),
            Map.entry("/etc/hop", "/etc/shadow"),
            Map.entry("/usr/lib/systemd/system/inside.service", "/usr/lib/systemd/system/real.service"));

    @Test
    void resolveMounted_relativeLinksThatStayInside_resolveAsInTheImage() throws IOException {
        assertEquals(Optional.of("/usr/lib/systemd/system/real.service"),
                InImagePaths.resolveMounted("/usr/lib/systemd/system/chain.service", image(UNITS)));
        assertEquals(Optional.of("/etc/shadow"),
                InImagePaths.resolveMounted("/usr/lib/systemd/system/up.service", image(UNITS)),
                "four .. from four levels down reach the root, not above it");
        assertEquals(Optional.of("/usr/lib/systemd/system/real.service"),
                InImagePaths.resolveMounted("/usr/lib/systemd/system/real.service", image(UNITS)));
    }

    @Test
    void resolveMounted_absoluteTarget_leavesTheImage_evenWhereTheImageHasThatPath() {
        InImagePaths.LeavesImageException e = assertThrows(InImagePaths.LeavesImageException.class,
                () -> InImagePaths.resolveMounted("/usr/lib/systemd/system/shadow.service", image(UNITS)));
        assertEquals("/usr/lib/systemd/system/shadow.service", e.link());
        assertEquals("/etc/shadow", e.target());
        assertThrows(InImagePaths.LeavesImageException.class,
                () -> InImagePaths.resolveMounted("/usr/lib/systemd/system/inside.service", image(UNITS)),
                "mounted on a host, an absolute target is the host's file");
    }

    @Test
    void resolveMounted_dotDotAboveTheRoot_leavesTheImage() {
        InImagePaths.LeavesImageException e = assertThrows(InImagePaths.LeavesImageException.class,
                () -> InImagePaths.resolveMounted("/usr/lib/systemd/system/above.service", image(UNITS)));
        assertEquals("/usr/lib/systemd/system/above.service", e.link());
        assertEquals("../../../../../etc/shadow", e.target());
    }

    @Test
    void resolveMounted_namesTheLinkFurtherOnThatLeaves() {
        InImagePaths.LeavesImageException e = assertThrows(InImagePaths.LeavesImageException.class,
                () -> InImagePaths.resolveMounted("/usr/lib/systemd/system/hop.service", image(UNITS)));
        assertEquals("/etc/hop", e.link());
        assertEquals("/etc/shadow", e.target());
    }
}
