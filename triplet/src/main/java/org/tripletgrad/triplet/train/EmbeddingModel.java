package org.tripletgrad.triplet.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.tripletgrad.autograd.nn.L2Normalize;
import org.tripletgrad.autograd.nn.Linear;
import org.tripletgrad.autograd.nn.Module;
import org.tripletgrad.autograd.nn.ReLU;
import org.tripletgrad.autograd.nn.Sequential;
import org.tripletgrad.tensor.Tensor;

/**
 * A network that maps images to embeddings together with the input standardisation it was trained with: what
 * evaluation and export need to turn raw images (pixels in [0, 1]) into embeddings.
 *
 * <p>The network is the MLP a {@link Recipe} describes. A checkpoint stores the recipe, the input width and the
 * standardiser's statistics ({@link #metadata}, {@link #extras}), so {@link #fromCheckpoint} rebuilds the model
 * without any other information.
 */
public final class EmbeddingModel {
    /** Rows embedded at once by {@link #embed}: bounds the memory of the hidden activations. */
    public static final int CHUNK = 1000;

    private static final String INPUTS = "model.inputs";
    private static final String STD_KIND = "standardizer.kind";
    private static final String MEAN = "standardizer.mean";
    private static final String STD = "standardizer.std";

    private final Recipe recipe;
    private final int inputs;
    private final Standardizer standardizer;
    private final Sequential network;

    private EmbeddingModel(Recipe recipe, int inputs, Standardizer standardizer) {
        if (inputs < 1) {
            throw new IllegalArgumentException("embedding model: expected at least 1 input, got " + inputs);
        }
        if (standardizer.kind() != recipe.standardization()) {
            throw new IllegalArgumentException("embedding model: the recipe asks for " + recipe.standardization()
                    + " standardization, the standardizer is " + standardizer.kind());
        }
        this.recipe = recipe;
        this.inputs = inputs;
        this.standardizer = standardizer;
        this.network = build(recipe, inputs);
    }

    /**
     * A freshly initialised model for {@code inputs} input features; the weights are drawn, layer by layer, from
     * a generator seeded with the recipe's seed.
     *
     * @throws IllegalArgumentException when inputs &lt; 1 or the standardiser is not of the recipe's kind
     */
    public static EmbeddingModel create(Recipe recipe, int inputs, Standardizer standardizer) {
        return new EmbeddingModel(recipe, inputs, standardizer);
    }

    /**
     * The model saved in {@code checkpoint}: its recipe, input width, standardiser and weights.
     *
     * @throws IllegalArgumentException naming the checkpoint when an entry is missing or does not fit
     */
    public static EmbeddingModel fromCheckpoint(Checkpoint checkpoint) {
        Recipe recipe = Recipe.fromMetadata(checkpoint::meta);
        int inputs = (int) checkpoint.metaLong(INPUTS);
        Map<String, Tensor> extras = checkpoint.extras();
        Tensor mean = extras.get(MEAN);
        Tensor std = extras.get(STD);
        if (mean == null || std == null) {
            throw new IllegalArgumentException("checkpoint: no standardizer statistics (" + MEAN + ", " + STD + ")");
        }
        Standardizer s = new Standardizer(Standardization.parse(checkpoint.meta(STD_KIND)), mean, std);
        EmbeddingModel model = new EmbeddingModel(recipe, inputs, s);
        checkpoint.restoreModel(model.network);
        return model;
    }

    private static Sequential build(Recipe recipe, int inputs) {
        SplittableRandom rng = new SplittableRandom(recipe.seed());
        List<Integer> widths = recipe.widths(inputs);
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.size(); i++) {
            if (i > 0) {
                layers.add(new ReLU());
            }
            layers.add(new Linear(widths.get(i), widths.get(i + 1), recipe.init(), rng));
        }
        if (recipe.normalize()) {
            layers.add(new L2Normalize());
        }
        return new Sequential(layers.toArray(new Module[0]));
    }

    /** The recipe the model was built from. */
    public Recipe recipe() {
        return recipe;
    }

    /** The number of input features (pixels). */
    public int inputs() {
        return inputs;
    }

    /** The embedding dimension. */
    public int dim() {
        return recipe.dim();
    }

    /** The input standardisation. */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** The network, which takes standardised inputs; its parameters are the model's weights. */
    public Sequential network() {
        return network;
    }

    /**
     * The embeddings [N, dim] of raw images [N, inputs]: standardised, then passed through the network without
     * recording a graph, {@value #CHUNK} rows at a time (each row's embedding depends only on that row).
     *
     * @throws IllegalArgumentException when the images are not [N, inputs]
     */
    public Tensor embed(Tensor images) {
        if (images.rank() != 2 || images.dim(1) != inputs) {
            throw new IllegalArgumentException("embed: expected images of shape [N, " + inputs + "], got "
                    + images.shape());
        }
        int n = images.dim(0);
        double[] out = new double[n * dim()];
        for (int r0 = 0; r0 < n; r0 += CHUNK) {
            int rows = Math.min(CHUNK, n - r0);
            Tensor e = network.apply(standardizer.apply(images.narrow(0, r0, rows)));
            System.arraycopy(e.data(), 0, out, r0 * dim(), rows * dim());
        }
        return Tensor.wrap(out, n, dim());
    }

    /** The text entries a checkpoint needs to rebuild the model besides its weights: the recipe, inputs, kind. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>(recipe.toMetadata());
        m.put(INPUTS, Integer.toString(inputs));
        m.put(STD_KIND, standardizer.kind().id());
        return m;
    }

    /** The tensors a checkpoint needs besides the weights: the standardiser's mean and deviation. */
    public Map<String, Tensor> extras() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(MEAN, standardizer.mean());
        m.put(STD, standardizer.std());
        return m;
    }

    @Override
    public String toString() {
        return "EmbeddingModel(" + recipe.describe(inputs) + ")";
    }
}
