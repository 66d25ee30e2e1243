package org.tripletgrad.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.tensor.Tensor;

class StateFileTest {
    @TempDir
    Path dir;

    private static StateDict sample() {
        return new StateDict()
                .putText("epoch", "3")
                .putText("note", "Fashion-MNIST \u2013 ünïcode")
                .put("0.weight", Tensor.randn(new SplittableRandom(1), 4, 3))
                .put("special", Tensor.vector(Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.MIN_VALUE))
                .put("scalar", Tensor.scalar(2.5))
                .put("empty", Tensor.zeros(0, 5));
    }

    @Test
    void roundTripsNamesOrderAndValuesBitForBit() throws IOException {
        Path file = dir.resolve("state.tgs");
        StateDict state = sample();
        StateFile.write(file, state);

        StateDict back = StateFile.read(file);

        assertEquals(state, back);
        assertEquals(List.copyOf(state.tensors().keySet()), List.copyOf(back.tensors().keySet()));
        assertEquals(List.copyOf(state.text().keySet()), List.copyOf(back.text().keySet()));
        double[] special = back.tensor("special").toArray();
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(special[1]));
        assertTrue(Double.isNaN(special[0]));
    }

    @Test
    void theFileStartsWithTheMagicAndVersionAndEndsWithItsCrc() throws IOException {
        Path file = dir.resolve("state.tgs");
        StateFile.write(file, sample());
        byte[] bytes = Files.readAllBytes(file);

        assertArrayEquals("TGSTATE\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(bytes, 8));
        assertEquals(1, ByteBuffer.wrap(bytes).getInt(8));
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(bytes).getInt(bytes.length - 4));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("state.tgs");
        StateFile.write(file, sample());
        StateDict second = new StateDict().putLong("epoch", 4);
        StateFile.write(file, second);

        assertEquals(second, StateFile.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("state.tgs"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }

    @Test
    void everyTruncationIsRefusedWithOneMessageNamingTheFile() throws IOException {
        Path file = dir.resolve("state.tgs");
        StateFile.write(file, sample());
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.tgs");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            IOException e = assertThrows(IOException.class, () -> StateFile.read(cut), "length " + length);
            assertTrue(e.getMessage().startsWith("state file " + cut + ": "), e.getMessage());
        }
    }

    @Test
    void aFlippedBitIsRefusedAsCorrupt() throws IOException {
        Path file = dir.resolve("state.tgs");
        StateFile.write(file, sample());
        byte[] bytes = Files.readAllBytes(file);
        for (int at = 12; at < bytes.length; at += 7) {
            byte[] bad = bytes.clone();
            bad[at] ^= 0x10;
            Files.write(file, bad);
            IOException e = assertThrows(IOException.class, () -> StateFile.read(file), "byte " + at);
            assertEquals("state file " + file + ": checksum mismatch: the file is truncated or corrupt",
                    e.getMessage());
        }
    }

    @Test
    void aFileOfAnotherKindIsRefusedByItsMagic() throws IOException {
        Path file = dir.resolve("weights.npy");
        Files.write(file, "\u0093NUMPY\u0001\u0000 array data".getBytes(StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> StateFile.read(file));
        assertEquals("state file " + file + ": not a tripletgrad state file (the first bytes are not \"TGSTATE\")",
                e.getMessage());
    }

    @Test
    void anotherVersionIsRefusedNamingBoth() throws IOException {
        Path file = dir.resolve("state.tgs");
        StateFile.write(file, sample());
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 7);
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> StateFile.read(file));
        assertEquals("state file " + file + ": format version 7, this build reads version 1", e.getMessage());
    }

    @Test
    void aHugeDeclaredTensorWithAValidChecksumIsRefusedBeforeAllocating() throws IOException {
        StateDict one = new StateDict().put("w", Tensor.vector(1, 2));
        byte[] bytes = StateFile.encode(one);
        // The dimension of "w" sits after magic, version, text count, tensor count, name length, name and rank.
        int dimAt = 8 + 4 + 4 + 4 + 4 + 1 + 4;
        ByteBuffer.wrap(bytes).putInt(dimAt, Integer.MAX_VALUE);
        Path file = writeWithValidChecksum("huge.tgs", bytes);

        IOException e = assertThrows(IOException.class, () -> StateFile.read(file));
        assertTrue(e.getMessage().contains("tensor w needs 17179869176 bytes, 16 are left"), e.getMessage());
    }

    @Test
    void anEmptyTensorWhoseDimensionsOverflowIsRefusedAsCorrupt() throws IOException {
        StateDict empty = new StateDict().put("z", Tensor.zeros(1, 1, 0));
        byte[] bytes = StateFile.encode(empty);
        // The three dimensions of "z" sit after magic, version, text count, tensor count, name length, name and rank.
        int dimsAt = 8 + 4 + 4 + 4 + 4 + 1 + 4;
        ByteBuffer.wrap(bytes).putInt(dimsAt, Integer.MAX_VALUE).putInt(dimsAt + 4, Integer.MAX_VALUE);
        Path file = writeWithValidChecksum("overflow.tgs", bytes);

        IOException e = assertThrows(IOException.class, () -> StateFile.read(file));
        assertTrue(e.getMessage().startsWith("state file " + file + ": corrupt: tensor z: "), e.getMessage());
    }

    @Test
    void aModuleLoadsItsOwnStateAndRefusesAnotherShapeNamingTheParameter() throws IOException {
        Sequential small = new Sequential(new Linear(4, 3, Init.HE_UNIFORM, new SplittableRandom(1)));
        Sequential other = new Sequential(new Linear(4, 3, Init.HE_UNIFORM, new SplittableRandom(2)));
        Sequential wide = new Sequential(new Linear(4, 5, Init.HE_UNIFORM, new SplittableRandom(3)));
        Path file = dir.resolve("model.tgs");
        StateFile.write(file, small.stateDict());

        other.loadStateDict(StateFile.read(file));
        assertEquals(small.stateDict(), other.stateDict());

        Tensor before = wide.parameters().get("0.weight").value();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wide.loadStateDict(StateFile.read(file)));
        assertEquals("load: parameter 0.weight: expected shape [4, 5] (the model's), got [4, 3] (the state's)",
                e.getMessage());
        assertEquals(before, wide.parameters().get("0.weight").value(), "nothing changed on a failed load");
    }

    @Test
    void loadRefusesMissingAndUnexpectedParameters() {
        Linear layer = new Linear(2, 2, Init.XAVIER_UNIFORM, new SplittableRandom(1));
        StateDict state = new StateDict().put("weight", Tensor.zeros(2, 2)).put("extra", Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.loadStateDict(state));
        assertEquals("load: the state does not match the model's parameters; missing [bias], unexpected [extra]",
                e.getMessage());
    }

    /** Writes {@code bytes} after recomputing their trailing CRC-32C, so that only the edited content is wrong. */
    private Path writeWithValidChecksum(String name, byte[] bytes) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return Files.write(dir.resolve(name), bytes);
    }
}
