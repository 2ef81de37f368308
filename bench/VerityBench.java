import dev.portajava.ddi.internal.HashTreeLayout;
import dev.portajava.ddi.internal.HashTreeWriter;
import dev.portajava.ddi.internal.VeritySuperblock;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * Times portajava's dm-verity hash tree on a data file, as veritysetup format does it (same salt and uuid), RUNS
 * times in one JVM. Prints one line per run: seconds, MB/s and the root hash.
 *
 * java -cp cli/target/portajava.jar bench/VerityBench.java DATA HASH SALT_HEX UUID_HEX RUNS
 */
public class VerityBench {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path hash = Path.of(args[1]);
        byte[] salt = HexFormat.of().parseHex(args[2]);
        byte[] uuid = HexFormat.of().parseHex(args[3]);
        int runs = Integer.parseInt(args[4]);
        long size = Files.size(data);
        for (int run = 1; run <= runs; run++) {
            Files.deleteIfExists(hash);
            long start = System.nanoTime();
            byte[] root;
            try (FileChannel in = FileChannel.open(data);
                    FileChannel out = FileChannel.open(hash, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                            StandardOpenOption.WRITE)) {
                VeritySuperblock superblock = new VeritySuperblock(uuid, salt, HashTreeLayout.forDataSize(size).dataBlocks());
                root = HashTreeWriter.write(in, 0, superblock, out, 0);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("run %d: %.3f s, %.0f MB/s, root %s%n", run, seconds, size / 1e6 / seconds,
                    HexFormat.of().formatHex(root));
        }
    }
}
