package dev.portajava.attach.local;

import dev.portajava.text.AsciiNames;

/** The major version of the host's systemd: it decides what {@code 20-portable.conf} says. */
public record SystemdVersion(int major) {

    public SystemdVersion {
        if (major < 200 || major > 999) {
            throw new IllegalArgumentException("systemd version " + major + " is not one portajava knows");
        }
    }

    /** Parses systemd's {@code Version} property, such as {@code 252.39-1~deb12u2} or {@code 254}. */
    public static SystemdVersion parse(String version) {
        String text = version == null ? "" : version.strip();
        int start = text.startsWith("v") ? 1 : 0; // the leading digits, after a 'v' if there is one
        int end = AsciiNames.digits(text, start);
        if (end == start) {
            throw new IllegalArgumentException("'" + version + "' is not a systemd version");
        }
        return new SystemdVersion(Integer.parseInt(text.substring(start, end)));
    }

    /** systemd 254 stopped binding the host's os-release into portable services and logs the image's version. */
    public boolean bindsHostOsRelease() {
        return major < 254;
    }

    /** systemd 254 stopped linking images that are in the image search path into /etc/portables. */
    public boolean linksImagesInSearchPath() {
        return major < 254;
    }

    /**
     * systemd 260 pins in {@code 20-portable.conf} the image policy of a raw image, as its dissection found it
     * ({@code RootImagePolicy=}).
     */
    public boolean pinsRootImagePolicy() {
        return major >= 260;
    }

    /** systemd 256 added {@code --copy mixed}, which copies an image outside the search path into /etc/portables. */
    public boolean copiesMixed() {
        return major >= 256;
    }

    /** systemd 254 added {@code fdstore} to what {@code CleanUnit} may remove. */
    public boolean cleansFileDescriptorStore() {
        return major >= 254;
    }

    /** systemd 256's portablectl added {@code detach --clean}; earlier ones lack it, though their manager can clean. */
    public boolean portablectlCleans() {
        return major >= 256;
    }

    @Override
    public String toString() {
        return Integer.toString(major);
    }
}
