package dev.portajava.squashfs.internal;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Block-sized arrays used again once their block is written, so that a large image does not allocate, and the
 * garbage collector copy, a fresh array for every block read and every block compressed.
 */
final class BufferPool {

    private final int size;
    private final ArrayBlockingQueue<byte[]> free;

    /** Arrays of {@code size} bytes; at most {@code keep} are kept when given back. */
    BufferPool(int size, int keep) {
        this.size = size;
        this.free = new ArrayBlockingQueue<>(keep);
    }

    /** An array of the pool's size, not necessarily zeroed. */
    byte[] take() {
        byte[] buffer = free.poll();
        return buffer != null ? buffer : new byte[size];
    }

    /** Gives an array back; one of another size, or null, is ignored. */
    void give(byte[] buffer) {
        if (buffer != null && buffer.length == size) {
            free.offer(buffer);
        }
    }
}
