package dev.portajava.name;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The file name of a portable image, read as systemd reads it: {@code NAME.raw} or {@code NAME_VERSION.raw} for a raw
 * image, {@code NAME} or {@code NAME_VERSION} for a directory image.
 *
 * <ul>
 *   <li>the {@linkplain #name() image name} is the file name cut at its first {@code _}, else with {@code .raw}
 *       stripped, as portablectl derives the default prefix and detach compares images: {@code a_b_c.raw} is
 *       {@code a}, {@code my.app_1.2.raw} is {@code my.app};</li>
 *   <li>the {@linkplain #version() version} is what follows that {@code _}, {@code .raw} stripped;</li>
 *   <li>the {@linkplain #sidecar(Sidecar) sidecars} systemd looks for next to the image are named after the file name
 *       with a trailing {@code .raw} replaced by their suffix ({@code build_auxiliary_path()} of systemd's dissect
 *       code): {@code app_1.raw} has {@code app_1.roothash}.</li>
 * </ul>
 *
 * @param fileName the file name, without any directory
 */
public record ImageFile(String fileName) {

    /** The suffix of a raw image's file name. */
    public static final String RAW = ".raw";

    /** The files systemd looks for next to an image, each named {@link #stem()} + its suffix. */
    public enum Sidecar {
        /** The dm-verity hash device of a squashfs image. */
        VERITY(".verity"),
        /** The root hash, in hex. */
        ROOT_HASH(".roothash"),
        /** The detached PKCS#7 signature of the hex root hash. */
        ROOT_HASH_SIGNATURE(".roothash.p7s");

        private final String suffix;

        Sidecar(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    public ImageFile {
        if (!isFileName(fileName)) {
            throw new IllegalArgumentException("'" + fileName + "' is not a file name");
        }
    }

    /** The file name of {@code path}. */
    public static ImageFile of(Path path) {
        Optional<ImageFile> file = named(path);
        if (file.isEmpty()) {
            throw new IllegalArgumentException("'" + path + "' has no file name");
        }
        return file.get();
    }

    /** The file name of {@code path}, if it has one that can name an image (not {@code /}, {@code ..} nor empty). */
    public static Optional<ImageFile> named(Path path) {
        Path name = path.getFileName();
        return name != null && isFileName(name.toString()) ? Optional.of(new ImageFile(name.toString()))
                : Optional.empty();
    }

    /**
     * The file names a bare image name is looked up as in each directory of the image search path, in order:
     * {@code NAME.raw}, then {@code NAME} (a directory image). A name that is no file name ({@code ..},
     * {@code a/b}) is looked up as nothing.
     */
    public static List<ImageFile> lookup(String imageName) {
        if (!isFileName(imageName)) {
            return List.of();
        }
        return List.of(new ImageFile(imageName + RAW), new ImageFile(imageName));
    }

    /** Whether the name is that of a raw image: it ends in {@code .raw}. */
    public boolean raw() {
        return fileName.endsWith(RAW);
    }

    /** The file name without {@code .raw}: what systemd lists the image as, and what its sidecars are named after. */
    public String stem() {
        return raw() ? fileName.substring(0, fileName.length() - RAW.length()) : fileName;
    }

    /**
     * The image name: the file name cut at its first {@code _}, else with {@code .raw} stripped.
     *
     * @throws IllegalArgumentException when what remains is not an image name ({@code _1.raw}, {@code .raw})
     */
    public ImageName name() {
        int underscore = fileName.indexOf('_');
        return new ImageName(underscore < 0 ? stem() : fileName.substring(0, underscore));
    }

    /**
     * What follows the first {@code _}, with {@code .raw} stripped: {@code 1.0~rc1} of {@code app_1.0~rc1.raw},
     * {@code b_c} of {@code a_b_c.raw}, nothing of {@code app_.raw}; empty when the name has no {@code _}. It is not
     * checked to be a version.
     */
    public Optional<String> version() {
        String stem = stem();
        int underscore = stem.indexOf('_');
        return underscore < 0 ? Optional.empty() : Optional.of(stem.substring(underscore + 1));
    }

    /** The file name of {@code sidecar}: {@code NAME.roothash} for {@code NAME.raw}. */
    public String sidecar(Sidecar sidecar) {
        return stem() + sidecar.suffix();
    }

    /** Where {@code sidecar} of the image at {@code image} is: next to it. */
    public static Path sidecar(Path image, Sidecar sidecar) {
        return image.resolveSibling(of(image).sidecar(sidecar));
    }

    private static boolean isFileName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\0') < 0;
    }

    @Override
    public String toString() {
        return fileName;
    }
}
