package dev.portajava.feed;

import dev.portajava.PortajavaException;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.UnitFailedException;
import dev.portajava.name.ImageFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running machine with one service, {@code hello.service}, attached from one image at a time: a reattach replaces
 * the attached image at once (the backends' own crash tests prove that of the real ones). A version in
 * {@code failsToStart} attaches but its unit fails to start; one in {@code failsLater} starts, then fails.
 */
final class FakeUpdateHost implements UpdateHost {

    static final String UNIT = "hello.service";

    private final Set<String> failsToStart;
    private final Set<String> failsLater;
    private Path attached;

    FakeUpdateHost(Path attached, Set<String> failsToStart, Set<String> failsLater) {
        this.attached = attached;
        this.failsToStart = failsToStart;
        this.failsLater = failsLater;
    }

    Path attached() {
        return attached;
    }

    private String version() {
        return ImageFile.of(attached).version().orElseThrow();
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public List<String> reattach(Path image, String profile) throws PortajavaException {
        if (!Files.isRegularFile(image)) {
            throw new ImageNotFoundException(image + ": no such image");
        }
        attached = image;
        if (failsToStart.contains(version())) {
            throw new UnitFailedException(UNIT, UNIT + " failed to start", null);
        }
        return List.of(UNIT);
    }

    @Override
    public Map<String, String> activeStates(List<String> units) {
        Map<String, String> states = new LinkedHashMap<>();
        units.forEach(unit -> states.put(unit, failsLater.contains(version()) ? "failed" : "active"));
        return states;
    }

    @Override
    public long mainPid(String unit) {
        return 4242;
    }

    @Override
    public String journal(String unit) {
        return "hello " + version() + " says goodbye";
    }
}
