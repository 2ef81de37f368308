package dev.portajava.builder.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.portajava.builder.FileMode;
import dev.portajava.builder.ImageKind;
import dev.portajava.name.PortableScope;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.health.HealthCheck;
import dev.portajava.text.TimeSpan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * Reads {@code portable.toml} onto {@link ImageSpec}, turning every problem into one line that names the file.
 *
 * <p>Jackson reads the TOML syntax into a tree (it refuses repeated keys and tables, and says where); the spec's
 * tables are then read from the tree by {@link SpecTable}, strictly, rather than bound by Jackson's data binding:
 * binding converts between scalars (a number into a string, {@code 400} into a mode) and its messages name Java
 * types, while the tree keeps each value's TOML type, so a refusal can name the key as the spec wrote it and say
 * what to write instead.
 */
public final class SpecLoader {

    public static final String SPEC_FILE_NAME = "portable.toml";

    /**
     * Writes specs ({@link #write}); reading them takes the TOML parser alone ({@link TomlTree}). A class of its own,
     * so that a build does not set up an {@code ObjectMapper}.
     */
    private static final class Writer {
        private static final TomlMapper MAPPER = TomlMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                // no empty array or table is written, but an empty string is: content = "" is an empty file
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
                        JsonInclude.Include.ALWAYS))
                .withConfigOverride(String.class, string -> string.setInclude(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS)))
                .addModule(new SimpleModule("portajava-spec").addSerializer(FileMode.class, new FileModeSerializer())
                        .addSerializer(ImageKind.class, new ImageKindSerializer())
                        .addSerializer(PortableScope.class, new PortableScopeSerializer())
                        .addSerializer(HealthCheck.class, new HealthCheckSerializer()))
                .build();
    }

    private SpecLoader() {
    }

    /** The spec file a command-line argument names: the file itself, or {@code portable.toml} in a directory. */
    public static Path specFile(Path fileOrDirectory) throws InvalidSpecException {
        Path file = Files.isDirectory(fileOrDirectory) ? fileOrDirectory.resolve(SPEC_FILE_NAME) : fileOrDirectory;
        if (!Files.isRegularFile(file)) {
            throw new InvalidSpecException(file, Files.isDirectory(fileOrDirectory)
                    ? "no " + SPEC_FILE_NAME + " in this directory" : "no such spec file");
        }
        return file;
    }

    public static ImageSpec load(Path file) throws InvalidSpecException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            if (size > SpecText.MAX_BYTES) {
                throw SpecText.tooLarge(file, size);
            }
            bytes = in.readNBytes(SpecText.MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(file, "no such spec file");
        } catch (IOException e) {
            throw new InvalidSpecException(file, "cannot read: " + e.getMessage(), e);
        }
        return read(file, bytes);
    }

    /** Reads a spec from its bytes; {@code file} is where it came from, for messages and relative paths. */
    public static ImageSpec read(Path file, byte[] bytes) throws InvalidSpecException {
        SpecText text = SpecText.decode(file, bytes);
        return spec(SpecTable.root(file, text, SpecLoader::literal, parse(file, text)));
    }

    /**
     * The names of the top-level tables and keys of the spec in {@code bytes}, as written, before any other check
     * ({@code image}, {@code copy} …): a spec that is only part of one can be told what it may not hold.
     */
    public static Set<String> topLevelNames(Path file, byte[] bytes) throws InvalidSpecException {
        Set<String> names = new LinkedHashSet<>();
        parse(file, SpecText.decode(file, bytes)).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ObjectNode parse(Path file, SpecText text) throws InvalidSpecException {
        try {
            return TomlTree.read(text.text());
        } catch (JsonProcessingException e) {
            throw TomlSyntax.refusal(file, text, e, SpecLoader::syntaxError);
        } catch (DateTimeParseException e) {
            throw TomlSyntax.badDate(file, text, e.getParsedString());
        }
    }

    private static ImageSpec spec(SpecTable root) throws InvalidSpecException {
        root.allowOnly("image", "from", "extension", "os-release", "copy", "file", "symlink", "directory", "health");
        Optional<SpecTable> imageTable = root.table("image");
        ImageSpec.Image image = imageTable.isEmpty() ? null : image(imageTable.get());
        Optional<SpecTable> fromTable = root.table("from");
        ImageSpec.From from = fromTable.isEmpty() ? null : from(fromTable.get());
        Optional<SpecTable> extensionTable = root.table("extension");
        ImageSpec.Extension extension = extensionTable.isEmpty() ? null : extension(extensionTable.get());
        var osRelease = root.stringTable("os-release");
        List<ImageSpec.CopyTree> copies = new ArrayList<>();
        for (SpecTable t : root.tables("copy")) {
            t.allowOnly("from", "to", "allow-setuid");
            String source = t.string("from");
            String to = t.string("to");
            Boolean allowSetuid = t.bool("allow-setuid");
            copies.add(t.build(() -> new ImageSpec.CopyTree(source, to, allowSetuid)));
        }
        List<ImageSpec.FileEntry> files = new ArrayList<>();
        for (SpecTable t : root.tables("file")) {
            t.allowOnly("from", "content", "to", "mode", "xattrs");
            String source = t.string("from");
            String content = t.text("content");
            String to = t.string("to");
            FileMode mode = t.mode("mode");
            var xattrs = t.stringTable("xattrs");
            files.add(t.build(() -> new ImageSpec.FileEntry(source, content, to, mode, xattrs)));
        }
        List<ImageSpec.SymlinkEntry> symlinks = new ArrayList<>();
        for (SpecTable t : root.tables("symlink")) {
            t.allowOnly("path", "target");
            String path = t.string("path");
            String target = t.string("target");
            symlinks.add(t.build(() -> new ImageSpec.SymlinkEntry(path, target)));
        }
        List<ImageSpec.DirectoryEntry> directories = new ArrayList<>();
        for (SpecTable t : root.tables("directory")) {
            t.allowOnly("path", "mode", "xattrs");
            String path = t.string("path");
            FileMode mode = t.mode("mode");
            var xattrs = t.stringTable("xattrs");
            directories.add(t.build(() -> new ImageSpec.DirectoryEntry(path, mode, xattrs)));
        }
        Optional<SpecTable> healthTable = root.table("health");
        HealthCheck health = healthTable.isEmpty() ? null : health(healthTable.get());
        return root.build(() -> new ImageSpec(image, from, extension, osRelease, copies, files, symlinks, directories,
                health));
    }

    private static ImageSpec.Image image(SpecTable t) throws InvalidSpecException {
        t.allowOnly("name", "version", "kind", "scope", "pretty-name", "prefixes", "units");
        String name = t.string("name");
        String version = t.string("version");
        String kindLabel = t.string("kind");
        ImageKind kind = kindLabel == null ? null : ImageKind.parse(kindLabel).orElseThrow(() -> t.invalid(
                "[image] kind = " + SpecText.quoted(kindLabel) + " is not a kind of image; use \"portable\" or"
                        + " \"extension\""));
        String scopeLabel = t.string("scope");
        PortableScope scope = scopeLabel == null ? null : PortableScope.parse(scopeLabel).orElseThrow(() -> t.invalid(
                "[image] scope = " + SpecText.quoted(scopeLabel) + " is not a scope; use \"system\" or \"user\""));
        String prettyName = t.string("pretty-name");
        List<String> prefixes = t.strings("prefixes");
        List<String> units = t.strings("units");
        return t.build(() -> new ImageSpec.Image(name, version, prettyName, prefixes, units, kind, scope));
    }

    private static ImageSpec.Extension extension(SpecTable t) throws InvalidSpecException {
        t.allowOnly("base-id", "base-version-id", "base-sysext-level", "release-name", "strict");
        String baseId = t.string("base-id");
        String baseVersionId = t.string("base-version-id");
        String baseSysextLevel = t.string("base-sysext-level");
        String releaseName = t.string("release-name");
        Boolean strict = t.bool("strict");
        return t.build(() -> new ImageSpec.Extension(baseId, baseVersionId, baseSysextLevel, releaseName, strict));
    }

    private static HealthCheck health(SpecTable t) throws InvalidSpecException {
        t.allowOnly("command", "url", "timeout");
        String command = t.string("command");
        String url = t.string("url");
        String timeout = t.string("timeout");
        return t.build(() -> HealthCheck.parse(command, url, timeout));
    }

    private static ImageSpec.From from(SpecTable t) throws InvalidSpecException {
        t.allowOnly("image", "allow-setuid");
        String image = t.string("image");
        Boolean allowSetuid = t.bool("allow-setuid");
        return t.build(() -> new ImageSpec.From(image, allowSetuid));
    }

    /** The message of the TOML syntax error in {@code text}, or null if it has none. */
    private static String syntaxError(String text) {
        try {
            TomlTree.read(text);
            return null;
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        } catch (DateTimeParseException e) {
            return e.getMessage();
        }
    }

    /** The value TOML reads from {@code literal}, or null if it is no value. */
    private static JsonNode literal(String literal) {
        try {
            return TomlTree.read("v = " + literal).get("v");
        } catch (JsonProcessingException | DateTimeParseException e) {
            return null;
        }
    }

    /** The spec as TOML, as {@link #load} reads it back. */
    public static String write(ImageSpec spec) {
        try {
            return Writer.MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec", e);
        }
    }

    private static final class ImageKindSerializer extends JsonSerializer<ImageKind> {
        @Override
        public void serialize(ImageKind kind, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(kind.label());
        }
    }

    private static final class PortableScopeSerializer extends JsonSerializer<PortableScope> {
        @Override
        public void serialize(PortableScope scope, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(scope.label());
        }
    }

    /** The {@code [health]} table as the spec writes it: command or url, and the timeout as a time span. */
    private static final class HealthCheckSerializer extends JsonSerializer<HealthCheck> {
        @Override
        public void serialize(HealthCheck check, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeStartObject();
            if (check.command() != null) {
                generator.writeStringField("command", check.command());
            } else {
                generator.writeStringField("url", check.url().toString());
            }
            generator.writeStringField("timeout", TimeSpan.format(check.timeout()));
            generator.writeEndObject();
        }
    }

    private static final class FileModeSerializer extends JsonSerializer<FileMode> {
        @Override
        public void serialize(FileMode mode, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(mode.toString());
        }
    }
}
