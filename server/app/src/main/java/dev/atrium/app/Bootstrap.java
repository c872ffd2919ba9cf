package dev.atrium.app;

import dev.atrium.accounts.auth.PasswordHasher;
import dev.atrium.accounts.auth.Secrets;
import dev.atrium.config.AtriumConfig;
import dev.atrium.persistence.ApiKey;
import dev.atrium.persistence.ApiKeyRepository;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.User;
import dev.atrium.persistence.UserRepository;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds what a fresh installation needs: the operator account from {@code operator.email} and
 * {@code operator.password} (created once, never overwritten), and in the dev profile a demo tenant
 * with an owner and an API key. Dev credentials are generated once, kept in {@code
 * dev-credentials.properties} in the data dir (mode 600) and printed on stdout at each start; they
 * never go to the log.
 */
final class Bootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
  static final String DEV_OPERATOR = "operator@atrium.local";
  static final String DEMO_OWNER = "demo@atrium.local";

  private final AtriumConfig config;
  private final Database database;
  private final PasswordHasher hasher;

  Bootstrap(AtriumConfig config, Database database, PasswordHasher hasher) {
    this.config = config;
    this.database = database;
    this.hasher = hasher;
  }

  void run() {
    boolean dev = config.isDevProfile();
    Properties devCredentials = dev ? loadDevCredentials() : new Properties();
    String operatorEmail = config.string("operator.email").trim().toLowerCase(Locale.ROOT);
    String operatorPassword = config.string("operator.password");
    if (operatorEmail.isEmpty() && dev) {
      operatorEmail = DEV_OPERATOR;
      operatorPassword = devSecret(devCredentials, "operator.password");
    }
    if (!operatorEmail.isEmpty()) {
      ensureOperator(operatorEmail, operatorPassword);
    }
    if (dev) {
      ensureDemoTenant(devCredentials);
      saveDevCredentials(devCredentials);
      printDevBanner(operatorEmail, config.string("operator.email").isBlank(), devCredentials);
    }
  }

  private void ensureOperator(String email, String password) {
    UserRepository users = new UserRepository(database.dsl());
    if (users.findByEmail(email).isPresent()) {
      return;
    }
    if (password.length() < 8) {
      throw new IllegalStateException(
          "operator.email is set but operator.password is missing or shorter than 8 characters");
    }
    users.insert(
        new User(
            UUID.randomUUID(), null, email, hasher.hash(password), "operator", "active", now()),
        null,
        null);
    LOG.info("Created the platform operator account {}", email);
  }

  private void ensureDemoTenant(Properties devCredentials) {
    if (new UserRepository(database.dsl()).findByEmail(DEMO_OWNER).isPresent()) {
      return;
    }
    String password = devSecret(devCredentials, "demo.password");
    String key = Secrets.newApiKey();
    devCredentials.setProperty("demo.api-key", key);
    database
        .dsl()
        .transaction(
            c -> {
              Tenant tenant = new Tenant(UUID.randomUUID(), "Demo Company", now());
              User owner =
                  new User(
                      UUID.randomUUID(),
                      tenant.id(),
                      DEMO_OWNER,
                      hasher.hash(password),
                      "owner",
                      "active",
                      now());
              new TenantRepository(c.dsl()).insert(tenant);
              new UserRepository(c.dsl()).insert(owner, null, null);
              new ApiKeyRepository(c.dsl())
                  .insert(
                      new ApiKey(
                          UUID.randomUUID(),
                          tenant.id(),
                          "Demo key",
                          Secrets.visiblePrefix(key),
                          Secrets.sha256(key),
                          List.of("*"),
                          owner.id(),
                          now(),
                          null,
                          null,
                          null,
                          null));
            });
    LOG.info("Seeded the demo tenant (dev profile)");
  }

  private static String devSecret(Properties devCredentials, String name) {
    String value = devCredentials.getProperty(name);
    if (value == null) {
      value = Secrets.randomToken().substring(0, 20);
      devCredentials.setProperty(name, value);
    }
    return value;
  }

  private Path devCredentialsFile() {
    return config.dataDir().resolve("dev-credentials.properties");
  }

  private Properties loadDevCredentials() {
    Properties p = new Properties();
    Path file = devCredentialsFile();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return p;
  }

  private void saveDevCredentials(Properties p) {
    try {
      Path file = devCredentialsFile();
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(out, "Development-profile credentials generated by Atrium. Never used in prod.");
      }
      DataDir.restrictToOwner(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void printDevBanner(
      String operatorEmail, boolean generatedOperator, Properties p) {
    StringBuilder banner = new StringBuilder();
    banner.append("\n=== Atrium dev profile: demo credentials (not printed in prod) ===\n");
    banner.append("  Operator     ").append(operatorEmail);
    banner.append(
        generatedOperator
            ? " / " + p.getProperty("operator.password")
            : " (password from ATRIUM_OPERATOR_PASSWORD)");
    banner.append('\n');
    banner
        .append("  Demo owner   ")
        .append(DEMO_OWNER)
        .append(" / ")
        .append(p.getProperty("demo.password"))
        .append('\n');
    if (p.getProperty("demo.api-key") != null) {
      banner.append("  Demo API key ").append(p.getProperty("demo.api-key")).append('\n');
    }
    banner.append("==================================================================\n");
    System.out.println(banner);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
