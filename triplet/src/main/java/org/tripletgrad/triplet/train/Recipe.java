package org.tripletgrad.triplet.train;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tripletgrad.autograd.nn.Init;
import org.tripletgrad.triplet.Mining;

/**
 * Everything that decides what a training run computes: the network, the loss and its mining, the optimiser's
 * schedule, the batch shape, the preprocessing, the number of epochs and the seed. Two runs with equal recipes on the
 * same data end with the same weights bit for bit (the thread count does not matter).
 *
 * <p>The network is an MLP: {@code Linear} layers of the {@code hidden} widths, each followed by ReLU, then a final
 * linear layer to {@code dim} outputs, then (when {@code normalize}) {@code L2Normalize}. Weights come from
 * {@code init} seeded with {@code seed}. The optimiser is Adam at {@code learningRate}, decayed exponentially as in
 * Hermans, Beyer and Leibe (2017) from the start of epoch {@code decayFromEpoch} + 1 (step decayFromEpoch B, with B
 * batches an epoch) to 0.001 times the rate at step decayToEpoch B; with both 0 the rate stays constant.
 *
 * <p>The loss is the triplet loss with {@code mining}, the hinge with {@code margin} or the soft margin. With
 * batch-hard mining and {@code curriculumEpochs} R &gt; 0 it follows a hardness curriculum: at step t the loss is
 * (1 - w) batchAll + w batchHard with w = min(1, t / (R B)), rising linearly from 0 to 1 over the first R epochs,
 * then pure batch-hard.
 *
 * @param mining batch-hard or batch-all
 * @param curriculumEpochs R, the epochs over which the curriculum moves from batch-all to batch-hard; 0 for none
 * @param soft the soft margin ln(1 + e^(d(a,p) - d(a,n))) instead of the hinge
 * @param margin the hinge margin (kept but unused with the soft margin)
 * @param normalize whether embeddings are scaled to unit length
 * @param standardization how pixels are standardised
 * @param learningRate Adam's initial learning rate
 * @param decayFromEpoch the epoch after which the exponential decay starts; 0 with decayToEpoch 0 for no decay
 * @param decayToEpoch the epoch at whose end the rate reaches 0.001 times the initial one (and stays there)
 * @param p classes per batch
 * @param k samples per class
 * @param dim the embedding dimension
 * @param hidden the widths of the hidden layers, input side first
 * @param init the weight initialisation
 * @param epochs the epochs to train in all
 * @param seed the seed of the initial weights and of every batch
 */
public record Recipe(Mining mining, int curriculumEpochs, boolean soft, double margin, boolean normalize,
        Standardization standardization, double learningRate, int decayFromEpoch, int decayToEpoch, int p, int k,
        int dim, List<Integer> hidden, Init init, int epochs, long seed) {

    /**
     * The default recipe: batch-hard reached through a 5-epoch curriculum from batch-all, hinge margin 0.2 on
     * L2-normalised 128-d embeddings of a 784-256-128 MLP, globally standardised pixels, Adam at 3e-4 decayed from
     * epoch 5 to epoch 10, P = 10 and K = 8, 10 epochs.
     */
    public static final Recipe DEFAULT = new Recipe(Mining.BATCH_HARD, 5, false, 0.2, true, Standardization.GLOBAL,
            3e-4, 5, 10, 10, 8, 128, List.of(256), Init.FAN_IN_UNIFORM, 10, 1);

    private static final String PREFIX = "recipe.";

    /** The largest batch P x K: the loss holds N x N distances, which must fit one array. */
    public static final int MAX_BATCH = 1 << 15;

    /**
     * Checks the recipe.
     *
     * @throws IllegalArgumentException naming the field, the expected and the actual value
     */
    public Recipe {
        Objects.requireNonNull(mining, "mining");
        Objects.requireNonNull(standardization, "standardization");
        Objects.requireNonNull(init, "init");
        hidden = List.copyOf(hidden);
        require(p >= 2, "P must be at least 2 (with one class per batch no anchor has a negative), got " + p);
        require(k >= 2, "K must be at least 2 (with one sample per class no anchor has a positive), got " + k);
        require((long) p * k <= MAX_BATCH,
                "expected a batch of P x K <= " + MAX_BATCH + " samples, got " + p + " x " + k);
        require(margin >= 0 && Double.isFinite(margin), "expected a finite margin >= 0, got " + margin);
        require(learningRate > 0 && Double.isFinite(learningRate),
                "expected a finite learning rate > 0, got " + learningRate);
        require(dim >= 1, "expected an embedding dimension >= 1, got " + dim);
        require(hidden.stream().allMatch(h -> h >= 1), "expected hidden widths >= 1, got " + hidden);
        require(epochs >= 1, "expected at least 1 epoch, got " + epochs);
        require(curriculumEpochs >= 0, "expected curriculum epochs >= 0, got " + curriculumEpochs);
        require(curriculumEpochs == 0 || mining == Mining.BATCH_HARD,
                "the curriculum leads to batch-hard; with " + mining + " mining it must be 0, got "
                        + curriculumEpochs);
        require((decayFromEpoch == 0 && decayToEpoch == 0) || (decayFromEpoch >= 0 && decayToEpoch > decayFromEpoch),
                "expected 0 <= decay start < decay end (or both 0 for no decay), got " + decayFromEpoch + " and "
                        + decayToEpoch);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("recipe: " + message);
        }
    }

    /** Whether the learning rate decays. */
    public boolean decays() {
        return decayToEpoch > 0;
    }

    /** The same recipe with another number of epochs. */
    public Recipe withEpochs(int e) {
        return toBuilder().epochs(e).build();
    }

    /** A builder holding this recipe's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The layer widths from input to embedding, for example [784, 256, 128]. */
    public List<Integer> widths(int inputs) {
        List<Integer> w = new ArrayList<>();
        w.add(inputs);
        w.addAll(hidden);
        w.add(dim);
        return w;
    }

    /** The loss in words, for example "batch-hard after a 5-epoch curriculum from batch-all, hinge margin 0.2". */
    public String lossDescription() {
        String m = curriculumEpochs > 0 ? "batch-hard after a " + curriculumEpochs + "-epoch curriculum from batch-all"
                : mining.id();
        return m + ", " + (soft ? "soft margin" : "hinge margin " + margin);
    }

    /** One line for a log: loss, network, optimiser, batch, preprocessing, epochs and seed. */
    public String describe(int inputs) {
        String net = widths(inputs).stream().map(String::valueOf).collect(Collectors.joining("-"))
                + (normalize ? " L2-normalised" : "");
        boolean plain = learningRate >= 1e-9 && learningRate < 1e9;
        String lr = "Adam " + (plain ? BigDecimal.valueOf(learningRate).stripTrailingZeros().toPlainString()
                : String.valueOf(learningRate))
                + (decays() ? " decayed over epochs " + decayFromEpoch + "-" + decayToEpoch : "");
        String initName = init.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return lossDescription() + "; MLP " + net + " (" + initName + " init); " + lr + "; P " + p + " K " + k + "; "
                + standardization + " standardization; " + epochs + (epochs == 1 ? " epoch" : " epochs")
                + "; seed " + seed;
    }

    /** The recipe as text entries {@code recipe.<field>}, values that {@link #fromMetadata} reads back exactly. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "mining", mining.id());
        m.put(PREFIX + "curriculumEpochs", Integer.toString(curriculumEpochs));
        m.put(PREFIX + "soft", Boolean.toString(soft));
        m.put(PREFIX + "margin", Double.toString(margin));
        m.put(PREFIX + "normalize", Boolean.toString(normalize));
        m.put(PREFIX + "standardization", standardization.id());
        m.put(PREFIX + "learningRate", Double.toString(learningRate));
        m.put(PREFIX + "decayFromEpoch", Integer.toString(decayFromEpoch));
        m.put(PREFIX + "decayToEpoch", Integer.toString(decayToEpoch));
        m.put(PREFIX + "p", Integer.toString(p));
        m.put(PREFIX + "k", Integer.toString(k));
        m.put(PREFIX + "dim", Integer.toString(dim));
        m.put(PREFIX + "hidden", hidden.stream().map(String::valueOf).collect(Collectors.joining(",")));
        m.put(PREFIX + "init", init.name());
        m.put(PREFIX + "epochs", Integer.toString(epochs));
        m.put(PREFIX + "seed", Long.toString(seed));
        return m;
    }

    /**
     * The recipe stored by {@link #toMetadata}; {@code meta} returns the value of a key (or throws).
     *
     * @throws IllegalArgumentException when an entry is missing or malformed, or the recipe is not valid
     */
    public static Recipe fromMetadata(Function<String, String> meta) {
        Function<String, String> get = f -> meta.apply(PREFIX + f);
        try {
            String h = get.apply("hidden");
            List<Integer> hidden = h.isEmpty() ? List.of()
                    : Arrays.stream(h.split(",")).map(Integer::valueOf).collect(Collectors.toList());
            return new Recipe(Mining.parse(get.apply("mining")), Integer.parseInt(get.apply("curriculumEpochs")),
                    Boolean.parseBoolean(get.apply("soft")), Double.parseDouble(get.apply("margin")),
                    Boolean.parseBoolean(get.apply("normalize")),
                    Standardization.parse(get.apply("standardization")),
                    Double.parseDouble(get.apply("learningRate")), Integer.parseInt(get.apply("decayFromEpoch")),
                    Integer.parseInt(get.apply("decayToEpoch")), Integer.parseInt(get.apply("p")),
                    Integer.parseInt(get.apply("k")), Integer.parseInt(get.apply("dim")), hidden,
                    Init.valueOf(get.apply("init")), Integer.parseInt(get.apply("epochs")),
                    Long.parseLong(get.apply("seed")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("recipe: a stored number is malformed: " + e.getMessage(), e);
        }
    }

    /** Builds a {@link Recipe} from another one's values; {@link #build} checks the result. */
    public static final class Builder {
        private Mining mining;
        private int curriculumEpochs;
        private boolean soft;
        private double margin;
        private boolean normalize;
        private Standardization standardization;
        private double learningRate;
        private int decayFromEpoch;
        private int decayToEpoch;
        private int p;
        private int k;
        private int dim;
        private List<Integer> hidden;
        private Init init;
        private int epochs;
        private long seed;

        private Builder(Recipe r) {
            mining = r.mining;
            curriculumEpochs = r.curriculumEpochs;
            soft = r.soft;
            margin = r.margin;
            normalize = r.normalize;
            standardization = r.standardization;
            learningRate = r.learningRate;
            decayFromEpoch = r.decayFromEpoch;
            decayToEpoch = r.decayToEpoch;
            p = r.p;
            k = r.k;
            dim = r.dim;
            hidden = r.hidden;
            init = r.init;
            epochs = r.epochs;
            seed = r.seed;
        }

        /** See {@link Recipe#mining()}. */
        public Builder mining(Mining v) {
            mining = v;
            return this;
        }

        /** See {@link Recipe#curriculumEpochs()}. */
        public Builder curriculumEpochs(int v) {
            curriculumEpochs = v;
            return this;
        }

        /** See {@link Recipe#soft()}. */
        public Builder soft(boolean v) {
            soft = v;
            return this;
        }

        /** See {@link Recipe#margin()}. */
        public Builder margin(double v) {
            margin = v;
            return this;
        }

        /** See {@link Recipe#normalize()}. */
        public Builder normalize(boolean v) {
            normalize = v;
            return this;
        }

        /** See {@link Recipe#standardization()}. */
        public Builder standardization(Standardization v) {
            standardization = v;
            return this;
        }

        /** See {@link Recipe#learningRate()}. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** See {@link Recipe#decayFromEpoch()} and {@link Recipe#decayToEpoch()}; (0, 0) for no decay. */
        public Builder decay(int fromEpoch, int toEpoch) {
            decayFromEpoch = fromEpoch;
            decayToEpoch = toEpoch;
            return this;
        }

        /** See {@link Recipe#p()}. */
        public Builder p(int v) {
            p = v;
            return this;
        }

        /** See {@link Recipe#k()}. */
        public Builder k(int v) {
            k = v;
            return this;
        }

        /** See {@link Recipe#dim()}. */
        public Builder dim(int v) {
            dim = v;
            return this;
        }

        /** See {@link Recipe#hidden()}. */
        public Builder hidden(List<Integer> v) {
            hidden = v;
            return this;
        }

        /** See {@link Recipe#init()}. */
        public Builder init(Init v) {
            init = v;
            return this;
        }

        /** See {@link Recipe#epochs()}. */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** See {@link Recipe#seed()}. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * The recipe.
         *
         * @throws IllegalArgumentException when it is not valid (see {@link Recipe#Recipe})
         */
        public Recipe build() {
            return new Recipe(mining, curriculumEpochs, soft, margin, normalize, standardization, learningRate,
                    decayFromEpoch, decayToEpoch, p, k, dim, hidden, init, epochs, seed);
        }
    }
}
