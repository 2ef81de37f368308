package dev.portajava.dist;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The application jar as the linux-x86_64 packages hold it: cli's jar without the native libraries its
 * dependencies (zstd-jni, lz4-java) carry for other systems and processors, a third of its size.
 */
final class ApplicationJar {

    private static final Pattern NATIVE = Pattern.compile(".*\\.(so|dll|dylib|jnilib)$");
    private static final Pattern THIS_PLATFORM = Pattern.compile("(.*/)?linux/amd64/[^/]+");

    private ApplicationJar() {
    }

    /** Copies {@code jar} to {@code output}, entry by entry, leaving out other platforms' native libraries. */
    static void copyForLinuxX8664(Path jar, Path output) throws IOException {
        try (InputStream file = Files.newInputStream(jar);
                ZipInputStream in = new ZipInputStream(file);
                OutputStream target = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
                ZipOutputStream out = new ZipOutputStream(target)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (NATIVE.matcher(entry.getName()).matches() && !THIS_PLATFORM.matcher(entry.getName()).matches()) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }
}
