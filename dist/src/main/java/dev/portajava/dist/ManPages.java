package dev.portajava.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages: portajava(1) and one page per subcommand, written by picocli's ManPageGenerator from the same
 * annotations as {@code --help} (as AsciiDoc), then turned into roff by Asciidoctor's manpage backend.
 */
final class ManPages {

    private ManPages() {
    }

    /**
     * Writes {@code NAME.1} for the command and each of its subcommands into {@code man1}, dated {@code date}
     * (YYYY-MM-DD, the build's time rather than today's); returns the pages.
     */
    static List<Path> write(CommandLine commandLine, Path man1, Path work, String date) throws IOException {
        Path adoc = Files.createDirectories(work.resolve("adoc"));
        Files.createDirectories(man1);
        int code = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true,
                commandLine.getCommandSpec());
        if (code != 0) {
            throw new IOException("ManPageGenerator failed with exit code " + code);
        }
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create(); Stream<Path> pages = Files.list(adoc)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                asciidoctor.convertFile(page.toFile(), Options.builder().backend("manpage").safe(SafeMode.UNSAFE)
                        .toDir(man1.toFile()).mkDirs(true)
                        .attributes(Attributes.builder().attribute("docdate", date).attribute("revdate", date).build())
                        .build());
            }
        }
        try (Stream<Path> pages = Files.list(man1)) {
            return pages.filter(p -> p.toString().endsWith(".1")).sorted().toList();
        }
    }
}
