import dev.portajava.squashfs.Compression;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.SquashfsWriter;
import java.nio.file.Path;

/** bench/squashfs.sh's Java side: TREE IMAGE COMPRESSION [LEVEL] [BLOCK_SIZE], as mksquashfs -all-root -all-time 0. */
public final class SquashfsWrite {
    public static void main(String[] args) throws Exception {
        Compression compression = Compression.parse(args[2]);
        SquashfsOptions options = SquashfsOptions.defaults().withCompression(compression).withOwner(0).withTime(0);
        if (args.length > 3) {
            options = options.withLevel(Integer.parseInt(args[3]));
        }
        if (args.length > 4) {
            options = options.withBlockSize(Integer.parseInt(args[4]));
        }
        SquashfsWriter.of(options).write(Path.of(args[0]), Path.of(args[1]));
    }
}
