package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.runtime.LuceneVectorIndex;
import dev.atrium.plugin.runtime.StorageRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * The open vector indexes, one per plugin, tenant and collection, kept under {@code
 * <root>/<plugin-id>/<tenant-id>/<collection>}. An index stays open across plugin upgrades (its
 * data belongs to the tenant, not to a plugin version) and is closed on uninstall and shutdown.
 */
public final class VectorIndexes implements AutoCloseable {
  private final Path root;
  private final ExecutorService io;
  private final Map<Path, LuceneVectorIndex> open = new ConcurrentHashMap<>();

  public VectorIndexes(Path root, ExecutorService io) {
    this.root = requireNonNull(root, "root is null").toAbsolutePath();
    this.io = requireNonNull(io, "io is null");
  }

  /** The index, opened on first use. */
  public LuceneVectorIndex index(String pluginId, UUID tenantId, String collection) {
    StorageRules.collection(collection);
    Path dir = root.resolve(pluginId).resolve(tenantId.toString()).resolve(collection);
    return open.computeIfAbsent(
        dir,
        d -> {
          try {
            Files.createDirectories(d);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return LuceneVectorIndex.open(d, io);
        });
  }

  /** Closes the plugin's open indexes (their files stay). */
  public void closePlugin(String pluginId) {
    Path pluginDir = root.resolve(pluginId);
    open.keySet()
        .removeIf(
            dir -> {
              if (dir.startsWith(pluginDir)) {
                open.get(dir).close();
                return true;
              }
              return false;
            });
  }

  /**
   * Closes the tenant's open indexes of every plugin and deletes their files; returns how many
   * index directories were deleted.
   */
  public int dropTenant(UUID tenantId) {
    String tenant = tenantId.toString();
    open.keySet()
        .removeIf(
            dir -> {
              if (dir.getParent().getFileName().toString().equals(tenant)) {
                open.get(dir).close();
                return true;
              }
              return false;
            });
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int dropped = 0;
    try (Stream<Path> plugins = Files.list(root)) {
      for (Path tenantDir : plugins.map(p -> p.resolve(tenant)).toList()) {
        if (Files.isDirectory(tenantDir)) {
          try (Stream<Path> collections = Files.list(tenantDir)) {
            dropped += (int) collections.count();
          }
          deleteTree(tenantDir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dropped;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public void close() {
    open.values().forEach(LuceneVectorIndex::close);
    open.clear();
  }
}
