package dev.portajava.attach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A host with portabled and systemd, in memory: it answers with what a test sets and records every call, in
 * order, as one line such as {@code "start hello.service"}.
 */
final class FakeHost implements HostConnection, PortableImages, UnitManager {

    final List<String> calls = new ArrayList<>();
    List<String> profiles = List.of("default", "nonetwork", "strict", "trusted");
    List<Change> attachChanges = List.of();
    List<Change> detachChanges = List.of();
    SortedMap<String, String> imageUnits = new TreeMap<>();
    ImageState state = ImageState.DETACHED;
    /** Whether portabled answers, or can be started, on this host. */
    boolean portabled = true;
    /** Where the connection leads. */
    Target target = Target.SYSTEM;
    /** A unit whose start job fails; null: every start succeeds. */
    String failingUnit;

    HostConnection.Factory factory() {
        return () -> {
            calls.add("connect");
            return this;
        };
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public PortableImages portables() {
        return this;
    }

    @Override
    public UnitManager units() {
        return this;
    }

    @Override
    public void close() {
        calls.add("close");
    }

    @Override
    public boolean portabledAvailable() {
        return portabled;
    }

    @Override
    public List<String> profiles() {
        calls.add("profiles");
        return profiles;
    }

    @Override
    public List<ImageInfo> listImages() {
        calls.add("listImages");
        return List.of();
    }

    @Override
    public ImageState imageState(String image, List<String> extensions) {
        calls.add("imageState " + image + (extensions.isEmpty() ? "" : " " + extensions));
        return state;
    }

    @Override
    public ImageMetadata imageMetadata(String image, List<String> extensions, List<String> matches, boolean force) {
        calls.add("imageMetadata " + image + (extensions.isEmpty() ? "" : " " + extensions) + " " + matches);
        return ImageMetadata.of(image, "ID=hello\n", Map.of(), imageUnits);
    }

    @Override
    public List<Change> attachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) {
        calls.add("attachImage " + image + (extensions.isEmpty() ? "" : " " + extensions) + " " + matches + " " + profile + (runtime ? " runtime" : "")
                + " " + copyMode + (force ? " force" : ""));
        return attachChanges;
    }

    @Override
    public List<Change> detachImage(String image, List<String> extensions, boolean runtime) {
        calls.add("detachImage " + image + (extensions.isEmpty() ? "" : " " + extensions) + (runtime ? " runtime" : ""));
        return detachChanges;
    }

    @Override
    public ReattachChanges reattachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) {
        calls.add("reattachImage " + image + (extensions.isEmpty() ? "" : " " + extensions) + (force ? " force" : ""));
        return new ReattachChanges(detachChanges, attachChanges);
    }

    /** The systemd a test says the host runs. */
    String version = "252.39-1~deb12u2";

    @Override
    public String systemdVersion() {
        return version;
    }

    /** The units a test says have nothing to clean. */
    List<String> nothingToClean = List.of();

    @Override
    public boolean clean(String unit, List<String> what, Duration timeout) {
        calls.add("clean " + unit + " " + what);
        return !nothingToClean.contains(unit);
    }

    /** The machine a test says systemd runs on. */
    String machineId = "0123456789abcdef0123456789abcdef";

    @Override
    public String machineId() {
        return machineId;
    }

    @Override
    public String activeState(String unit) {
        return "inactive";
    }

    @Override
    public String unitFileState(String unit) {
        return "disabled";
    }

    @Override
    public void reload() {
        calls.add("reload");
    }

    @Override
    public List<Change> enableUnitFiles(List<String> units, boolean runtime) {
        calls.add("enable " + units + (runtime ? " runtime" : ""));
        return units.stream().map(u -> new Change(ChangeType.SYMLINK,
                "/etc/systemd/system.attached/multi-user.target.wants/" + u,
                "/etc/systemd/system.attached/" + u)).toList();
    }

    @Override
    public List<Change> disableUnitFiles(List<String> units, boolean runtime) {
        calls.add("disable " + units + (runtime ? " runtime" : ""));
        return units.stream().map(u -> new Change(ChangeType.UNLINK,
                "/etc/systemd/system.attached/multi-user.target.wants/" + u, "")).toList();
    }

    @Override
    public UnitStatus start(String unit, Duration timeout, Duration settle) throws UnitFailedException {
        calls.add("start " + unit);
        if (unit.equals(failingUnit)) {
            throw new UnitFailedException(unit, unit + " failed to start", null);
        }
        return new UnitStatus(unit, "active", "running", "success");
    }

    @Override
    public UnitStatus stop(String unit, Duration timeout) {
        calls.add("stop " + unit);
        return new UnitStatus(unit, "inactive", "dead", "success");
    }
}
