package dev.portajava.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.AnnotationConsumer;

/**
 * Runs a {@code @ParameterizedTest} on every {@link SystemdImage}: its first parameter is the systemd version, the
 * others come from each of {@link #value()}'s comma-separated rows (as {@code @CsvSource} gives them), so every
 * version gets every row. Without rows, the test gets the version only.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(OnEverySystemd.Provider.class)
public @interface OnEverySystemd {

    /** The rows of the other parameters, such as {@code "raw,strict"}. */
    String[] value() default {};

    /** The versions times the rows. */
    final class Provider implements ArgumentsProvider, AnnotationConsumer<OnEverySystemd> {
        private String[] rows;

        @Override
        public void accept(OnEverySystemd annotation) {
            rows = annotation.value();
        }

        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
            return Arrays.stream(SystemdImage.values()).flatMap(systemd -> rows.length == 0
                    ? Stream.of(Arguments.of(systemd))
                    : Arrays.stream(rows).map(row -> Arguments.of(Stream.concat(Stream.of(systemd),
                            Arrays.stream(row.split(",", -1)).map(String::strip)).toArray())));
        }
    }
}
