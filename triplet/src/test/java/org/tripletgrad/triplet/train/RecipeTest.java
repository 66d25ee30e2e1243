package org.tripletgrad.triplet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.nn.Init;
import org.tripletgrad.triplet.Mining;

class RecipeTest {
    @Test
    void everyFieldSurvivesTheCheckpointMetadataExactly() {
        Recipe r = Recipe.DEFAULT.toBuilder().mining(Mining.BATCH_ALL).curriculumEpochs(0).soft(true).margin(0.1)
                .normalize(false).standardization(Standardization.PER_PIXEL).learningRate(0.1 + 0.2)
                .decay(2, 7).p(5).k(16).dim(32).hidden(List.of(512, 64)).init(Init.HE_NORMAL).epochs(3)
                .seed(-42).build();
        Map<String, String> meta = r.toMetadata();

        assertEquals(r, Recipe.fromMetadata(meta::get));
        assertEquals("0.30000000000000004", meta.get("recipe.learningRate"));
        assertEquals(Recipe.DEFAULT, Recipe.fromMetadata(Recipe.DEFAULT.toMetadata()::get));
    }

    @Test
    void aLinearNetworkWithoutHiddenLayersRoundTripsToo() {
        Recipe r = Recipe.DEFAULT.toBuilder().hidden(List.of()).build();
        assertEquals(List.of(784, 128), r.widths(784));
        assertEquals(r, Recipe.fromMetadata(r.toMetadata()::get));
    }

    @Test
    void theDefaultIsTheCurriculumToBatchHardOnNormalisedStandardisedEmbeddings() {
        Recipe d = Recipe.DEFAULT;
        assertEquals(List.of(784, 256, 128), d.widths(784));
        assertEquals(Mining.BATCH_HARD, d.mining());
        assertTrue(d.curriculumEpochs() > 0 && d.normalize() && d.decays());
        assertFalse(d.soft());
        assertEquals("batch-hard after a 5-epoch curriculum from batch-all, hinge margin 0.2", d.lossDescription());
    }

    @Test
    void invalidRecipesAreRefusedNamingTheFieldAndTheValue() {
        Recipe.Builder b = Recipe.DEFAULT.toBuilder();
        assertEquals("recipe: P must be at least 2 (with one class per batch no anchor has a negative), got 1",
                assertThrows(IllegalArgumentException.class, () -> b.p(1).build()).getMessage());
        assertEquals("recipe: K must be at least 2 (with one sample per class no anchor has a positive), got 1",
                assertThrows(IllegalArgumentException.class, () -> Recipe.DEFAULT.toBuilder().k(1).build())
                        .getMessage());
        assertEquals("recipe: expected a batch of P x K <= 32768 samples, got 10 x 2147483647",
                assertThrows(IllegalArgumentException.class,
                        () -> Recipe.DEFAULT.toBuilder().k(Integer.MAX_VALUE).build()).getMessage());
        assertEquals("recipe: expected a finite margin >= 0, got -0.1", assertThrows(IllegalArgumentException.class,
                () -> Recipe.DEFAULT.toBuilder().margin(-0.1).build()).getMessage());
        assertEquals("recipe: expected a finite learning rate > 0, got NaN", assertThrows(
                IllegalArgumentException.class, () -> Recipe.DEFAULT.toBuilder().learningRate(Double.NaN).build())
                .getMessage());
        assertEquals("recipe: the curriculum leads to batch-hard; with batch-all mining it must be 0, got 4",
                assertThrows(IllegalArgumentException.class,
                        () -> Recipe.DEFAULT.toBuilder().curriculumEpochs(4).mining(Mining.BATCH_ALL).build())
                        .getMessage());
        assertEquals("recipe: expected 0 <= decay start < decay end (or both 0 for no decay), got 5 and 5",
                assertThrows(IllegalArgumentException.class, () -> Recipe.DEFAULT.toBuilder().decay(5, 5).build())
                        .getMessage());
        assertEquals("recipe: expected hidden widths >= 1, got [256, 0]", assertThrows(IllegalArgumentException.class,
                () -> Recipe.DEFAULT.toBuilder().hidden(List.of(256, 0)).build()).getMessage());
    }
}
