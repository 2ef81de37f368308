package dev.portajava.feed;

import dev.portajava.PortajavaException;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.Portables;
import dev.portajava.attach.ReattachRequest;
import dev.portajava.attach.UnitStatus;
import dev.portajava.profiles.ProfileName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The machine through portabled or the native backend ({@link Portables}), and its journal. */
public final class PortablesUpdateHost implements UpdateHost {

    private static final int JOURNAL_LINES = 10;

    private final Portables portables;
    private final boolean live;

    public PortablesUpdateHost(Portables portables, boolean live) {
        this.portables = portables;
        this.live = live;
    }

    @Override
    public boolean live() {
        return live;
    }

    @Override
    public List<String> reattach(Path image, String profile) throws PortajavaException {
        return portables.reattach(new ReattachRequest(image.toString(), List.of(), List.of(), new ProfileName(profile),
                CopyMode.AUTO, false, true, live, false, false)).started().stream().map(UnitStatus::unit).toList();
    }

    @Override
    public Map<String, String> activeStates(List<String> units) throws PortajavaException {
        return portables.activeStates(units);
    }

    @Override
    public long mainPid(String unit) throws PortajavaException {
        return portables.mainPid(unit);
    }

    @Override
    public String journal(String unit) {
        return Journal.lastLines(unit, JOURNAL_LINES);
    }
}
