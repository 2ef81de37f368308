package dev.portajava.attach.local;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.UnreadableImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Opens an image for reading by what it is: a directory, or a raw file whose first bytes say its format. Squashfs
 * is read in Java; other raw formats (GPT disk images, ext4, erofs) need portabled.
 */
public final class ImageReaders {

    private static final byte[] SQUASHFS_MAGIC = {'h', 's', 'q', 's'};

    private ImageReaders() {
    }

    public static ImageReader open(Path image) throws AttachException {
        if (Files.isDirectory(image)) {
            return new DirectoryImageReader(image);
        }
        if (!Files.isRegularFile(image)) {
            throw new ImageNotFoundException("No image '" + image + "' found.");
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(image)) {
            if (in.readNBytes(magic, 0, magic.length) < magic.length) {
                throw new UnreadableImageException(image + " is too short to be a file system image");
            }
        } catch (IOException e) {
            throw new AttachException("cannot read " + image + ": " + e.getMessage(), e);
        }
        if (java.util.Arrays.equals(magic, SQUASHFS_MAGIC)) {
            try {
                return SquashfsImageReader.open(image);
            } catch (IOException e) {
                throw new InvalidImageException("cannot read squashfs image " + image + ": " + e.getMessage(), e);
            }
        }
        throw new UnreadableImageException(image + " is not a squashfs file system (it starts with 0x"
                + HexFormat.of().formatHex(magic) + "); the native backend reads squashfs raw images and directory"
                + " images only, use --backend portabled for GPT disk images, ext4 or erofs");
    }
}
