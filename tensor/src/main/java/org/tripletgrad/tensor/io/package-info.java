/**
 * Reading and writing array data files: NumPy {@code .npy} ({@link org.tripletgrad.tensor.io.Npy}), IDX
 * ({@link org.tripletgrad.tensor.io.Idx}) and MNIST-style image folders
 * ({@link org.tripletgrad.tensor.io.MnistFolder}).
 *
 * <p>Readers return an {@link org.tripletgrad.tensor.io.NdArray} (element type, shape, values) that converts exactly
 * to a {@link org.tripletgrad.tensor.Tensor} or to integer labels. A file that cannot be read as what it claims to be
 * is a {@link org.tripletgrad.tensor.io.FileFormatException}, an {@link java.io.IOException} whose message starts with
 * the file; headers are checked against the file's size before any data is allocated. Writes are atomic
 * ({@link org.tripletgrad.tensor.io.AtomicFile}).
 */
package org.tripletgrad.tensor.io;
