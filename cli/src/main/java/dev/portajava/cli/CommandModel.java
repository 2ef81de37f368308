package dev.portajava.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command takes and how {@code --help} describes it: the one declaration of its options and positional
 * parameters. {@link ArgumentParser} parses a command line with it; {@link PicocliSpecs} makes picocli's model of it
 * for the help, the man pages and shell completion. Every command also takes {@code -h}/{@code --help} and
 * {@code -V}/{@code --version}.
 *
 * @param footerHeading the heading of the footer ({@code Example:}), or null without footer
 * @param abbreviateSynopsis whether help's synopsis says {@code [OPTIONS]} rather than listing them
 * @param subcommands the names of the subcommands, in the order help lists them
 */
record CommandModel(String name, List<String> description, List<Option<?>> options, List<Positional<?>> positionals,
        List<String> subcommands, String footerHeading, List<String> footer, boolean abbreviateSynopsis) {

    CommandModel {
        description = List.copyOf(description);
        options = List.copyOf(options);
        positionals = List.copyOf(positionals);
        subcommands = List.copyOf(subcommands);
        footer = List.copyOf(footer);
    }

    /** A command that takes nothing yet. */
    static CommandModel of(String name, String... description) {
        return new CommandModel(name, List.of(description), List.of(), List.of(), List.of(), null, List.of(), false);
    }

    /** This model, taking these options too. */
    CommandModel options(Option<?>... added) {
        return options(List.of(added));
    }

    CommandModel options(List<Option<?>> added) {
        List<Option<?>> all = new ArrayList<>(options);
        all.addAll(added);
        return new CommandModel(name, description, all, positionals, subcommands, footerHeading, footer,
                abbreviateSynopsis);
    }

    /** This model, taking these positional parameters after its own. */
    CommandModel positionals(Positional<?>... added) {
        List<Positional<?>> all = new ArrayList<>(positionals);
        all.addAll(List.of(added));
        return new CommandModel(name, description, options, all, subcommands, footerHeading, footer,
                abbreviateSynopsis);
    }

    CommandModel subcommands(String... names) {
        return new CommandModel(name, description, options, positionals, List.of(names), footerHeading, footer,
                abbreviateSynopsis);
    }

    /** This model, with a footer under {@code heading}, such as {@code Examples}. */
    CommandModel footer(String heading, String... lines) {
        return new CommandModel(name, description, options, positionals, subcommands, heading, List.of(lines),
                abbreviateSynopsis);
    }

    CommandModel abbreviatedSynopsis() {
        return new CommandModel(name, description, options, positionals, subcommands, footerHeading, footer, true);
    }

    /** The option called {@code name}, or null. */
    Option<?> option(String name) {
        for (Option<?> option : options) {
            if (option.names().contains(name)) {
                return option;
            }
        }
        return null;
    }
}
