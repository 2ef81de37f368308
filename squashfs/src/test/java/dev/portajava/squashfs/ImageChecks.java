package dev.portajava.squashfs;

import java.io.IOException;
import java.io.InputStream;

/** Reads everything of an untrusted image within a budget: the way inspect and verify read images. */
final class ImageChecks {

    private ImageChecks() {
    }

    /**
     * Walks the image and reads its files; returns normally or throws {@link CorruptImageException}. Any other
     * exception is a bug in the reader.
     */
    static void readAll(byte[] bytes) throws CorruptImageException {
        try (SquashfsImage image = SquashfsImage.open(bytes, "image")) {
            describeBlocks(image);
            int[] budget = {5000};
            image.walk(e -> {
                if (--budget[0] < 0) {
                    return false;
                }
                image.lookup(e.path());
                if (e.isFile()) {
                    try (InputStream in = image.open(e)) {
                        long left = 4L << 20;
                        byte[] buffer = new byte[65536];
                        for (int n; left > 0 && (n = in.read(buffer)) > 0; ) {
                            left -= n;
                        }
                    } catch (IOException x) {
                        if (x.getCause() instanceof CorruptImageException corrupt) {
                            throw corrupt;
                        }
                        throw new AssertionError("not a corrupt-image error", x);
                    }
                }
                return true;
            });
        } catch (CorruptImageException e) {
            throw e;
        } catch (SquashfsException e) {
            throw new AssertionError("not a corrupt-image error", e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Asks what holds each of the first 4 KiB blocks, as verify does for a bad one: an answer or a corrupt image. */
    private static void describeBlocks(SquashfsImage image) {
        for (long from = 0; from < Math.min(image.bytesUsed(), 64 * 4096); from += 4096) {
            try {
                image.holderOf(from, from + 4096);
            } catch (CorruptImageException cannotTell) {
                // verify names the block only
            }
        }
    }
}
