package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.persistence.Database;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.plugins.PluginBlobRepository;
import dev.atrium.persistence.plugins.StoredBlob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin blobs on the embedded H2 database: stored, replaced and read back byte for byte. */
class PluginBlobRepositoryTest {

  @Test
  void aBlobIsStoredReplacedAndReadBackOnH2(@TempDir Path dir) {
    try (Database database = Database.open(Database.embeddedUrl(dir), "", "", 2)) {
      UUID tenant = UUID.randomUUID();
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      new TenantRepository(database.dsl()).insert(new Tenant(tenant, "Blobs", now));
      PluginBlobRepository blobs = new PluginBlobRepository(database.dsl());

      blobs.put(tenant, "content", blob("first 版本", now));
      blobs.put(tenant, "content", blob("second 版本, longer", now));

      StoredBlob stored = blobs.get(tenant, "content", "batch.csv").orElseThrow();
      assertThat(new String(stored.content(), StandardCharsets.UTF_8))
          .isEqualTo("second 版本, longer");
      assertThat(stored.size()).isEqualTo(stored.content().length);
      assertThat(blobs.get(tenant, "other-plugin", "batch.csv")).isEmpty();
    }
  }

  private static StoredBlob blob(String text, OffsetDateTime at) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new StoredBlob("batch.csv", "text/csv", bytes.length, bytes, at);
  }
}
