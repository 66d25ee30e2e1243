package org.tripletgrad.cli;

import java.util.Locale;
import java.util.stream.Collectors;

import org.tripletgrad.autograd.nn.Init;
import org.tripletgrad.triplet.train.Recipe;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of {@code train}'s recipe options, read from {@link Recipe#DEFAULT} so that the library's default
 * recipe is the only place they are set; help texts show them through {@code ${DEFAULT-VALUE}}.
 *
 * <p>{@code --[no-]normalize} has none: picocli reads a provided default of a negatable option as the value of its
 * negated form, so that option is a {@code Boolean} that stays null unless given.
 */
final class RecipeDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec)) {
            return null;
        }
        Recipe d = Recipe.DEFAULT;
        switch (((OptionSpec) arg).longestName()) {
            case "--mining":
                return d.mining().id();
            case "--curriculum-epochs":
                return Integer.toString(d.curriculumEpochs());
            case "--margin":
                return Double.toString(d.margin());
            case "--standardize":
                return d.standardization().id();
            case "--lr":
                return Double.toString(d.learningRate());
            case "--decay-from":
                return Integer.toString(d.decayFromEpoch());
            case "--decay-to":
                return Integer.toString(d.decayToEpoch());
            case "--p":
                return Integer.toString(d.p());
            case "--k":
                return Integer.toString(d.k());
            case "--dim":
                return Integer.toString(d.dim());
            case "--hidden":
                return d.hidden().stream().map(String::valueOf).collect(Collectors.joining(","));
            case "--init":
                return initId(d.init());
            case "--epochs":
                return Integer.toString(d.epochs());
            case "--seed":
                return Long.toString(d.seed());
            default:
                return null;
        }
    }

    /** The command-line name of an initialisation: FAN_IN_UNIFORM is "fan-in-uniform". */
    static String initId(Init init) {
        return init.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The initialisation named {@code id}.
     *
     * @throws InputException naming the accepted names when there is none of that name
     */
    static Init parseInit(String id) {
        for (Init i : Init.values()) {
            if (initId(i).equals(id)) {
                return i;
            }
        }
        throw new InputException("--init: expected one of fan-in-uniform, he-uniform, he-normal, xavier-uniform,"
                + " got '" + id + "'");
    }
}
