package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.attach.AttachConflictException;
import dev.portajava.attach.AttachException;
import dev.portajava.attach.BusUnavailableException;
import dev.portajava.attach.ForeignBusException;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.NotAttachedException;
import dev.portajava.attach.NotAuthorizedException;
import dev.portajava.attach.PortabledUnavailableException;
import dev.portajava.attach.UnsupportedBySystemdException;
import dev.portajava.attach.UserMountUnavailableException;
import dev.portajava.attach.UnitFailedException;
import dev.portajava.attach.UnreadableImageException;
import dev.portajava.attach.polkit.PolkitGroup;
import dev.portajava.attach.polkit.PolkitRules;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidOutputException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.MissingToolException;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.ddi.DamagedImageException;
import dev.portajava.ddi.NotAVerityImageException;
import dev.portajava.ddi.SigningKeyException;
import dev.portajava.feed.FeedConflictException;
import dev.portajava.oci.HostileLayerException;
import dev.portajava.oci.MissingBlobException;
import dev.portajava.oci.OciException;
import dev.portajava.profiles.UnknownProfileException;
import dev.portajava.squashfs.CorruptImageException;
import dev.portajava.squashfs.SquashfsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

    private static final Path FILE = Path.of("/work/app/portable.toml");

    @Test
    void of_badInput_is2() {
        for (Exception e : List.of(new InvalidSpecException(FILE, "x"), new InvalidOutputException(FILE, "x"),
                new UnknownProfileException("x", List.of()), new ImageNotFoundException("x"),
                new InvalidImageException("x"), new UnreadableImageException("x"), new CorruptImageException("x"), new SigningKeyException(FILE, "x"),
                new NotAVerityImageException(FILE, "x"), OciException.invalid("x"), new MissingBlobException("x"),
                new HostileLayerException(dev.portajava.oci.Digest.parse("sha256:" + "0".repeat(64)), "x", "y"),
                new UsageException("x"), unknownGroup(), new FeedConflictException("x"))) {
            assertEquals(ExitStatus.BAD_INPUT, ExitStatus.of(e), e.getClass().getName());
        }
    }

    @Test
    void of_environment_is3() {
        for (Exception e : List.of(new OutputWriteException(FILE, "No space left on device", new IOException()),
                new MissingToolException("mksquashfs", "x"), new BusUnavailableException("x"),
                new ForeignBusException("x"),
                new PortabledUnavailableException("x"), new NotAuthorizedException("x"),
                new UnsupportedBySystemdException("x"), new UserMountUnavailableException("x", null),
                OciException.unavailable("x", null))) {
            assertEquals(ExitStatus.ENVIRONMENT, ExitStatus.of(e), e.getClass().getName());
        }
    }

    @Test
    void of_failedOperation_is1() {
        for (Exception e : List.of(new AttachException("x"), new AttachConflictException("x"),
                new NotAttachedException("x"), new UnitFailedException("x"), new ImageBuildException("x"),
                new DamagedImageException(FILE, "x"), new SquashfsException("x"))) {
            assertEquals(ExitStatus.FAILED, ExitStatus.of(e), e.getClass().getName());
        }
    }

    private static Exception unknownGroup() {
        try {
            new PolkitRules(Path.of("/nonexistent-root")).grant(PolkitGroup.parse("portable"));
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("a root without /etc/group has no group portable");
    }

    @Test
    void of_anythingElse_isAnInternalError() {
        assertEquals(ExitStatus.INTERNAL, ExitStatus.of(new IllegalStateException("boom")));
        assertEquals(ExitStatus.INTERNAL, ExitStatus.of(new IOException("boom")));
    }
}
