package dev.portajava.builder.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.portajava.builder.FileMode;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads {@code portable.toml} onto {@link ImageSpec}, turning every problem into one line that names the file. */
public final class SpecLoader {

    public static final String SPEC_FILE_NAME = "portable.toml";

    private static final PropertyNamingStrategies.NamingBase KEBAB =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;

    private static final TomlMapper MAPPER = TomlMapper.builder()
            .propertyNamingStrategy(KEBAB)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .addModule(new SimpleModule("portajava-spec")
                    .addDeserializer(FileMode.class, new FileModeDeserializer())
                    .addSerializer(FileMode.class, new FileModeSerializer()))
            .build();

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
        try {
            JsonNode tree = MAPPER.readTree(Files.readString(file));
            Optional<String> unknown = unknownKey(tree, ImageSpec.class, "");
            if (unknown.isPresent()) {
                throw new InvalidSpecException(file, unknown.get());
            }
            return MAPPER.treeToValue(tree, ImageSpec.class);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(file, "no such spec file");
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new InvalidSpecException(file, "unknown key '" + location(e.getPath()) + "'"
                    + (known.isEmpty() ? "" : " (known keys here: " + known + ")"), e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String where = location(e.getPath());
            throw new InvalidSpecException(file, (where.isEmpty() ? "" : where + ": ") + firstLine(cause.getMessage()), e);
        } catch (MismatchedInputException e) {
            throw new InvalidSpecException(file, "wrong value for '" + location(e.getPath()) + "': "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new InvalidSpecException(file, "'" + location(e.getPath()) + "': " + firstLine(message), e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new InvalidSpecException(file, where + "not valid TOML: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new InvalidSpecException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The first key in {@code node} that {@code type} (a record) has no component for, searched depth first, as a
     * message that names it and the keys known there.
     * Jackson reports unknown keys only once a record's own validation has passed; this reports a misspelt key as
     * such, whatever else is wrong.
     */
    private static Optional<String> unknownKey(JsonNode node, Type type, String where) {
        if (!(type instanceof Class<?> record) || !record.isRecord() || !node.isObject()) {
            return Optional.empty();
        }
        Map<String, RecordComponent> components = new HashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            components.put(KEBAB.translate(component.getName()), component);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = where.isEmpty() ? field.getKey() : where + "." + field.getKey();
            RecordComponent component = components.get(field.getKey());
            if (component == null) {
                return Optional.of("unknown key '" + path + "' (known keys here: "
                        + components.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            Type componentType = component.getGenericType();
            if (componentType instanceof ParameterizedType list && list.getRawType() == List.class) {
                Type element = list.getActualTypeArguments()[0];
                for (int i = 0; i < field.getValue().size(); i++) {
                    Optional<String> found = unknownKey(field.getValue().get(i), element, path + "[" + (i + 1) + "]");
                    if (found.isPresent()) {
                        return found;
                    }
                }
            } else {
                Optional<String> found = unknownKey(field.getValue(), componentType, path);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The spec as TOML, as {@link #load} reads it back. */
    public static String write(ImageSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec", e);
        }
    }

    private static String location(List<JsonMappingException.Reference> path) {
        StringBuilder where = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                where.append(where.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                where.append('[').append(ref.getIndex() + 1).append(']');
            }
        }
        return where.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    private static final class FileModeDeserializer extends JsonDeserializer<FileMode> {
        @Override
        public FileMode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    return new FileMode(parser.getIntValue()); // TOML octal integer: mode = 0o755
                }
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    return FileMode.parse(parser.getText());
                }
            } catch (IllegalArgumentException e) {
                throw MismatchedInputException.from(parser, FileMode.class, e.getMessage());
            }
            throw MismatchedInputException.from(parser, FileMode.class,
                    "a mode is an octal string such as \"0755\" or a TOML octal integer such as 0o755");
        }
    }

    private static final class FileModeSerializer extends JsonSerializer<FileMode> {
        @Override
        public void serialize(FileMode mode, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(mode.toString());
        }
    }
}
