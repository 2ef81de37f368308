package dev.portajava.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

/**
 * picocli's model of a command, made from its {@link CommandModel}: what {@code --help}, the man pages
 * (ManPageGenerator) and shell completion (AutoComplete) are written from. Nothing runs through it; only
 * {@code generate-completion}, picocli's own command, is executed by picocli.
 */
final class PicocliSpecs {

    private PicocliSpecs() {
    }

    /** {@code command} and its subcommands, as picocli's command line. */
    static CommandLine of(Command command) {
        return of(command, null);
    }

    /** {@code command} with only its subcommand {@code only} (and all of that one's), or with all if it is null. */
    static CommandLine of(Command command, String only) {
        CommandModel model = command.model();
        CommandSpec spec = CommandSpec.create().name(model.name());
        spec.usageMessage().description(model.description().toArray(new String[0]))
                .abbreviateSynopsis(model.abbreviateSynopsis());
        if (model.footerHeading() != null) {
            spec.usageMessage().footerHeading("%n" + model.footerHeading() + ":%n")
                    .footer(model.footer().toArray(new String[0]));
        }
        for (Option<?> option : model.options()) {
            spec.addOption(option(option));
        }
        spec.mixinStandardHelpOptions(true);
        int index = 0;
        for (Positional<?> positional : model.positionals()) {
            spec.addPositional(positional(positional, index));
            index += positional.max() == Positional.UNBOUNDED ? 0 : positional.max();
        }
        CommandLine commandLine = new CommandLine(spec);
        for (String name : model.subcommands()) {
            if (only == null || only.equals(name)) {
                commandLine.addSubcommand(name, subcommand(command, name));
            }
        }
        return commandLine;
    }

    private static CommandLine subcommand(Command command, String name) {
        Command subcommand = command.subcommand(name);
        return subcommand == null ? new CommandLine(new picocli.AutoComplete.GenerateCompletion()) : of(subcommand);
    }

    private static OptionSpec option(Option<?> option) {
        OptionSpec.Builder builder = OptionSpec.builder(option.names().toArray(new String[0]))
                .description(option.description().toArray(new String[0]))
                .required(option.required());
        if (option.completion().iterator().hasNext()) {
            builder.completionCandidates(option.completion());
        }
        if (option.isFlag()) {
            builder.type(boolean.class).arity("0");
        } else if (option.repeatable()) {
            builder.type(List.class).auxiliaryTypes(option.type().javaType()).arity("1").paramLabel(option.label());
        } else {
            builder.type(option.type().javaType()).arity("1").paramLabel(option.label());
        }
        if (option.defaultValue() != null) {
            builder.defaultValue(option.defaultValue());
        }
        if (option.inherited()) {
            builder.scopeType(ScopeType.INHERIT);
        }
        return builder.build();
    }

    private static PositionalParamSpec positional(Positional<?> positional, int index) {
        boolean many = positional.max() == Positional.UNBOUNDED;
        PositionalParamSpec.Builder builder = PositionalParamSpec.builder()
                .index(many ? index + "..*" : Integer.toString(index))
                .paramLabel(positional.label())
                .description(positional.description().toArray(new String[0]))
                .arity(positional.min() + ".." + (many ? "*" : Integer.toString(positional.max())));
        if (many) {
            builder.type(List.class).auxiliaryTypes(positional.type().javaType());
        } else {
            builder.type(positional.type().javaType());
        }
        return builder.build();
    }
}
