package dev.portajava.feed;

import java.net.URI;

/**
 * The {@code systemd-sysupdate} transfer definition that keeps one image of a feed up to date on a machine: it
 * downloads {@code NAME_VERSION.raw} from the feed into {@code /var/lib/portables}, checks it against the signed
 * {@code SHA256SUMS}, and keeps {@code instances} versions. Its file is {@code NAME.transfer}, for
 * {@code /etc/sysupdate.d/}.
 */
public record TransferFile(String name, URI feed, int instances) {

    public TransferFile {
        if (instances < 1) {
            throw new IllegalArgumentException("a transfer keeps one version at least");
        }
    }

    public String fileName() {
        return name + ".transfer";
    }

    public String text(boolean signed) {
        String url = feed.toString();
        return "# Written by 'portajava publish': copy it into /etc/sysupdate.d/ and 'systemd-sysupdate update'\n"
                + "# keeps " + name + " up to date from " + url + "\n"
                + "[Transfer]\n"
                + "Verify=" + (signed ? "yes" : "no") + "\n"
                + "\n"
                + "[Source]\n"
                + "Type=url-file\n"
                + "Path=" + (url.endsWith("/") ? url : url + "/") + "\n"
                + "MatchPattern=" + name + "_@v.raw\n"
                + "\n"
                + "[Target]\n"
                + "Type=regular-file\n"
                + "Path=/var/lib/portables\n"
                + "MatchPattern=" + name + "_@v.raw\n"
                + "InstancesMax=" + instances + "\n";
    }
}
