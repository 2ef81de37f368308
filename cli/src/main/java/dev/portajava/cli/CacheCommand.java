package dev.portajava.cli;

import dev.portajava.oci.CacheDirectory;
import dev.portajava.oci.CacheSession;
import dev.portajava.oci.CacheUsage;
import dev.portajava.oci.OciException;
import dev.portajava.text.ByteCount;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Shows where the cache of container images is and what it holds, and prunes it.",
            "The cache is $XDG_CACHE_HOME/portajava, else ~/.cache/portajava."},
        subcommands = {CacheCommand.Show.class, CacheCommand.Prune.class},
        footerHeading = "%nExamples:%n", footer = {"  portajava cache", "  portajava cache prune", "  portajava cache prune --all"})
final class CacheCommand implements Callable<Integer> {

    /** What each part of the cache holds, for people. */
    private static final Map<String, String> PARTS = Map.of(
            "blobs", "blobs fetched from registries",
            "layers", "the index of each unpacked layer",
            "files", "the contents of the layers' files",
            "checkouts", "those contents with an image's modes and owners",
            "squashfs-blocks", "their compressed squashfs blocks",
            "tmp", "the temporaries of running builds");

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return show(spec.commandLine().getOut(), cache(main), false);
    }

    static CacheDirectory cache(Main main) {
        return CacheDirectory.fromEnvironment(main.environment().variables());
    }

    static int show(PrintWriter out, CacheDirectory cache, boolean asJson) {
        CacheUsage usage = CacheUsage.of(cache);
        if (asJson) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("path", usage.root().toString());
            result.put("parts", usage.parts());
            result.put("total", usage.total());
            JsonOption.print(out, result);
            return 0;
        }
        out.println(usage.root());
        usage.parts().forEach((part, bytes) -> out.printf("  %-16s %10s  %s%n", part, ByteCount.of(bytes), PARTS.get(part)));
        out.printf("  %-16s %10s%n", "total", ByteCount.of(usage.total()));
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints the cache's location and the size of each of its parts (the default).")
    static final class Show implements Callable<Integer> {

        @ParentCommand
        CacheCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        public Integer call() {
            return show(spec.commandLine().getOut(), cache(parent.main), json.json);
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Removes what killed builds left behind, and the copies that only make builds faster.",
                "The copies (checkouts, squashfs-blocks) are made again by later builds; blobs, layers and files"
                    + " are kept, so no image is downloaded or unpacked again. With --all, empties the cache."
                    + " Refused while a build uses the cache."})
    static final class Prune implements Callable<Integer> {

        @ParentCommand
        CacheCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--all", description = "Remove everything: blobs, layers and files too.")
        boolean all;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        public Integer call() throws OciException {
            CacheSession.Pruned pruned = CacheSession.prune(cache(parent.main), all);
            long removed = pruned.before().total() - pruned.after().total();
            PrintWriter out = spec.commandLine().getOut();
            if (json.json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("path", pruned.after().root().toString());
                result.put("removed", removed);
                result.put("before", pruned.before().parts());
                result.put("after", pruned.after().parts());
                JsonOption.print(out, result);
            } else {
                out.println("Removed " + ByteCount.of(removed) + " from " + pruned.after().root() + "; "
                        + ByteCount.of(pruned.after().total()) + " left.");
            }
            return 0;
        }
    }

}
