package dev.portajava.cli;

import dev.portajava.oci.CacheDirectory;
import dev.portajava.oci.CacheSession;
import dev.portajava.oci.CacheUsage;
import dev.portajava.oci.OciException;
import dev.portajava.text.ByteCount;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

final class CacheCommand implements Command {

    private static final CommandModel MODEL = CommandModel.of("cache",
            "Shows where the cache of container images is and what it holds, and prunes it.",
            "The cache is $XDG_CACHE_HOME/portajava, else ~/.cache/portajava.")
            .options(JsonOption.JSON)
            .subcommands("show", "prune")
            .footer("Examples", "  portajava cache", "  portajava cache prune", "  portajava cache prune --all");

    /** What each part of the cache holds, for people. */
    private static final Map<String, String> PARTS = Map.of(
            "blobs", "blobs fetched from registries",
            "layers", "the index of each unpacked layer",
            "files", "the contents of the layers' files",
            "checkouts", "left by earlier versions; prune removes it",
            "squashfs-blocks", "their compressed squashfs blocks",
            "tmp", "the temporaries of running builds");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public Command subcommand(String name) {
        return name.equals("show") ? new Show() : name.equals("prune") ? new Prune() : null;
    }

    @Override
    public int call(Invocation invocation) {
        return show(invocation.out(), cache(invocation), invocation.has(JsonOption.JSON));
    }

    static CacheDirectory cache(Invocation invocation) {
        return CacheDirectory.fromEnvironment(invocation.environment().variables());
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

    static final class Show implements Command {

        private static final CommandModel MODEL = CommandModel.of("show",
                "Prints the cache's location and the size of each of its parts (the default).")
                .options(JsonOption.JSON);

        @Override
        public CommandModel model() {
            return MODEL;
        }

        @Override
        public int call(Invocation invocation) {
            return show(invocation.out(), cache(invocation), invocation.has(JsonOption.JSON));
        }
    }

    static final class Prune implements Command {

        static final Option<Boolean> ALL = Option.flag("--all", "Remove everything: blobs, layers and files too.");

        private static final CommandModel MODEL = CommandModel.of("prune",
                "Removes what killed builds left behind, and the blocks that only make builds faster.",
                "The squashfs blocks are made again by later builds, and the checkouts that earlier versions left"
                    + " are removed; blobs, layers and files are kept, so no image is downloaded or unpacked again."
                    + " With --all, empties the cache. Refused while a build uses the cache.")
                .options(ALL, JsonOption.JSON);

        @Override
        public CommandModel model() {
            return MODEL;
        }

        @Override
        public int call(Invocation invocation) throws OciException {
            CacheSession.Pruned pruned = CacheSession.prune(cache(invocation), invocation.has(ALL));
            long removed = pruned.before().total() - pruned.after().total();
            PrintWriter out = invocation.out();
            if (invocation.has(JsonOption.JSON)) {
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
