package org.tripletgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API kernels with vectors narrower than this machine's, as on AVX2 (256 bits) or NEON (128 bits), where
 * the 4-row register tile is used; each width runs in a fresh JVM because the width is fixed at class loading.
 */
class NarrowVectorTilesTest {
    @ParameterizedTest
    @ValueSource(ints = {128, 256})
    void narrowVectorsGiveTheFmaChainToo(int bits) throws Exception {
        ChildJvm p = ChildJvm.run(NarrowVectorProbe.class,
                List.of("--add-modules", Kernels.VECTOR_MODULE, "-D" + VectorPanels.BITS_PROPERTY + "=" + bits));
        int lanes = Math.min(bits, 512) / 64;
        assertEquals("ok vector (" + lanes + " float64 lanes, 4 x " + 3 * lanes + " register tile)", p.stdout);
    }
}
