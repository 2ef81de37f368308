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
}
