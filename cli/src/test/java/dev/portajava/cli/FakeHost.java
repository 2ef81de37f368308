package dev.portajava.cli;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.Change;
import dev.portajava.attach.ChangeType;
import dev.portajava.attach.CopyMode;
import dev.portajava.attach.HostConnection;
import dev.portajava.attach.ImageInfo;
import dev.portajava.attach.ImageMetadata;
import dev.portajava.attach.ImageState;
import dev.portajava.attach.PortableImages;
import dev.portajava.attach.UnitManager;
import dev.portajava.attach.UnitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** portabled and systemd in memory, for running the command line without a bus; records every call. */
final class FakeHost implements HostConnection, PortableImages, UnitManager {

    final List<String> calls = new ArrayList<>();
    List<String> profiles = List.of("default", "nonetwork", "strict", "trusted");
    ImageState state = ImageState.DETACHED;
    /** What imageMetadata answers; by default an image without os-release fields or units. */
    ImageMetadata metadata;
    /** Whether portabled answers, or can be started, on this host. */
    boolean portabled = true;
    /** Thrown by every portabled call when set: an unexpected failure inside the library. */
    Supplier<RuntimeException> failure;

    HostConnection.Factory factory() {
        return () -> this;
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

    private void call(String call) {
        calls.add(call);
        if (failure != null) {
            throw failure.get();
        }
    }

    @Override
    public List<String> profiles() {
        call("profiles");
        return profiles;
    }

    @Override
    public List<ImageInfo> listImages() {
        call("listImages");
        return List.of();
    }

    @Override
    public ImageState imageState(String image, List<String> extensions) {
        call("imageState " + image + (extensions.isEmpty() ? "" : " " + extensions));
        return state;
    }

    @Override
    public ImageMetadata imageMetadata(String image, List<String> extensions, List<String> matches, boolean force) {
        call("imageMetadata " + image + (extensions.isEmpty() ? "" : " " + extensions));
        return metadata != null ? metadata : ImageMetadata.of(image, "", Map.of(), new java.util.TreeMap<>());
    }

    @Override
    public List<Change> attachImage(String image, List<String> extensions, List<String> matches, String profile,
            boolean runtime, CopyMode copyMode, boolean force) {
        call("attachImage " + image + (extensions.isEmpty() ? "" : " " + extensions) + " " + profile);
        return List.of(new Change(ChangeType.COPY, "/etc/systemd/system.attached/hello.service", image));
    }

    @Override
    public List<Change> detachImage(String image, List<String> extensions, boolean runtime) {
        call("detachImage " + image + (extensions.isEmpty() ? "" : " " + extensions));
        return List.of();
    }

    @Override
    public dev.portajava.attach.ReattachChanges reattachImage(String image, List<String> extensions,
            List<String> matches, String profile, boolean runtime, dev.portajava.attach.CopyMode copyMode,
            boolean force) {
        call("reattachImage " + image + (extensions.isEmpty() ? "" : " " + extensions) + (force ? " force" : ""));
        return new dev.portajava.attach.ReattachChanges(
                List.of(new Change(ChangeType.UNLINK, "/etc/systemd/system.attached/hello-worker.service", "")),
                List.of(new Change(ChangeType.COPY, "/etc/systemd/system.attached/hello.service", image)));
    }

    /** The systemd a test says the host runs. */
    String version = "252.39-1~deb12u2";

    @Override
    public String systemdVersion() {
        return version;
    }

    @Override
    public boolean clean(String unit, List<String> what, Duration timeout) {
        call("clean " + unit + " " + what);
        return true;
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
        call("reload");
    }

    @Override
    public List<Change> enableUnitFiles(List<String> units, boolean runtime) {
        call("enable " + units);
        return List.of();
    }

    @Override
    public List<Change> disableUnitFiles(List<String> units, boolean runtime) {
        call("disable " + units);
        return List.of();
    }

    @Override
    public UnitStatus start(String unit, Duration timeout, Duration settle) throws AttachException {
        call("start " + unit);
        return new UnitStatus(unit, "active", "running", "success");
    }

    @Override
    public UnitStatus stop(String unit, Duration timeout) {
        call("stop " + unit);
        return new UnitStatus(unit, "inactive", "dead", "success");
    }
}
