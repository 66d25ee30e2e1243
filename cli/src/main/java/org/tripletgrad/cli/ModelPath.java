package org.tripletgrad.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.tripletgrad.triplet.train.Checkpoint;

/** Where a run's checkpoint is: {@code --model} and {@code --resume} take the file itself or the run's folder. */
final class ModelPath {
    private ModelPath() {
    }

    /**
     * The checkpoint file named by {@code fileOrDir}: the file, or {@value Checkpoint#FILE_NAME} in the folder.
     *
     * @throws InputException naming the option and the path when there is no such file
     */
    static Path checkpoint(Path fileOrDir, String option) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(Checkpoint.FILE_NAME) : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new InputException(option + " " + fileOrDir + ": " + (Files.isDirectory(fileOrDir)
                    ? "the folder holds no " + Checkpoint.FILE_NAME + " (is it a training run's --out folder?)"
                    : "no such file or folder"));
        }
        return file;
    }
}
