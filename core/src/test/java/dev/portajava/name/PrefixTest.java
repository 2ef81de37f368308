package dev.portajava.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixTest {

    private final Prefix foo = new Prefix("foo");

    @ParameterizedTest
    @ValueSource(strings = {"foo.service", "foo-worker.service", "foo@.service", "foo@1.service", "foo.socket"})
    void matches_whenPrefixIsFollowedByDotDashOrAt_isTrue(String unit) {
        assertTrue(foo.matches(unit), unit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foobar.service", "foo", "bar-foo.service", "fo.service", "Foo.service", "foo_x.service"})
    void matches_whenNameOnlyStartsWithPrefixOrDiffers_isFalse(String unit) {
        assertFalse(foo.matches(unit), unit);
    }

    @org.junit.jupiter.api.Test
    void selects_noPrefixes_selectsEveryUnit_elseOnlyThoseOfOneOfThem() {
        List<Prefix> fooOrBar = List.of(foo, new Prefix("bar"));

        assertTrue(Prefix.selects(List.of(), "anything.service"));
        assertTrue(Prefix.selects(fooOrBar, "bar-worker.service"));
        assertTrue(Prefix.selects(fooOrBar, "foo.socket"));
        assertFalse(Prefix.selects(fooOrBar, "baz.service"));
        assertFalse(Prefix.selects(fooOrBar, "foobar.service"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "foo bar", "foo/bar", ".foo", "foo..bar"})
    void constructor_whenValueIsNotAPrefix_refusesNamingIt(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Prefix(value));
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @Test
    void declaredIn_joinsTheReleaseFilesPrefixes_onceEachAndSorted() {
        List<Map<String, String>> releases = List.of(Map.of("ID", "debian", "PORTABLE_PREFIXES", " web  app\tweb"),
                Map.of("ID", "_any"), Map.of("PORTABLE_PREFIXES", "base app"));

        assertEquals(Optional.of(new TreeSet<>(List.of("app", "base", "web"))), Prefix.declaredIn(releases));
    }

    @Test
    void declaredIn_isEmptyWhenNoReleaseHasTheField_butAnEmptyFieldDeclaresNone() {
        assertEquals(Optional.empty(), Prefix.declaredIn(List.of(Map.of("ID", "debian"), Map.of())));
        assertEquals(Optional.of(new TreeSet<>()), Prefix.declaredIn(List.of(Map.of("PORTABLE_PREFIXES", ""))));
    }

    @Test
    void implied_isWhatTheReleasesDeclare_elseTheImagesNames() {
        List<ImageName> names = List.of(new ImageName("app"), new ImageName("plugin"), new ImageName("app"));

        assertEquals(List.of("base", "web"), Prefix.values(Prefix.implied(
                List.of(Map.of("PORTABLE_PREFIXES", "web base"), Map.of("ID", "_any")), names)));
        assertEquals(List.of("app", "plugin"), Prefix.values(Prefix.implied(List.of(Map.of("ID", "debian")), names)));
        assertEquals(List.of("app", "plugin"), Prefix.values(Prefix.implied(
                List.of(Map.of("PORTABLE_PREFIXES", " ")), names)), "an empty field declares none");
    }

    @Test
    void implied_whenADeclaredPrefixIsNoPrefix_refusesNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Prefix.implied(
                List.of(Map.of("PORTABLE_PREFIXES", "web ../x")), List.of(new ImageName("app"))));
        assertTrue(e.getMessage().contains("'../x'"), e.getMessage());
    }
}
