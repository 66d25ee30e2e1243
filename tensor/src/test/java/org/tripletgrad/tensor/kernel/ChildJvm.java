package org.tripletgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of these tests in a fresh JVM with chosen options, for behaviour fixed at class loading. */
final class ChildJvm {
    /** What the child printed, trimmed stdout and all of stderr. */
    final String stdout;
    final String stderr;

    private ChildJvm(String stdout, String stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs {@code main} with the tensor classes and these test classes on the class path; it must exit with 0. */
    static ChildJvm run(Class<?> main, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(location(Kernels.class) + File.pathSeparator + location(main));
        command.add(main.getName());
        Path err = Files.createTempFile("tripletgrad-child", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish: " + command);
            String stderr = Files.readString(err);
            assertEquals(0, process.exitValue(), stderr);
            return new ChildJvm(out, stderr);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no file location for " + type, e);
        }
    }
}
