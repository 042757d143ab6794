package org.diego.cell.garden;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

/**
 * The bytes of the regular files under a directory, without following links: the cheap stand-in for a
 * container's disk use (Garden reports its quota tool's count). Files that vanish during the walk, or
 * cannot be read, count as nothing.
 */
public final class DirectorySize {
    private DirectorySize() {
    }

    /** The size of {@code dir}, skipping any file or directory {@code skip} accepts (and everything below it). */
    public static long of(Path dir, Predicate<Path> skip) {
        long[] total = {0};
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && skip.test(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !skip.test(file)) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a partial count is still a usable approximation
        }
        return total[0];
    }
}
