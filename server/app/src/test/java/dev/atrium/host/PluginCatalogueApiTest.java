package dev.atrium.host;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a tenant reads of the catalogue: plugins' display names and translations from their
 * descriptors (UTF-8), internal plugins hidden unless offered, the key scopes that exist, and audit
 * actors as e-mails. Real archives, installed by the real host from {@code plugins.dir}.
 */
@ExtendWith(VertxExtension.class)
class PluginCatalogueApiTest {
  private static final String SHOWN = "display-probe";
  private static final String INTERNAL = "internal-probe";

  private static TestServer server;
  private static ApiClient api;
  private static PluginApiCalls plugins;
  private static ApiClient.SignedUpTenant tenant;

  @BeforeAll
  static void start(Vertx vertx) {
    Path dir =
        TestPlugins.pluginsDir(
            Map.of(
                SHOWN,
                TestPlugins.probeAs(
                    SHOWN,
                    """
                    plugin.name=Display probe
                    plugin.name.zh=展示探针
                    plugin.description.zh=用于测试的插件。
                    plugin.meter.probe_calls.zh=探针调用次数
                    """),
                INTERNAL,
                TestPlugins.probeAs(INTERNAL, "plugin.internal=true\n")));
    server = TestServer.start(Map.of("plugins.dir", dir.toString()));
    api = new ApiClient(vertx, server.port());
    plugins = new PluginApiCalls(api);
    tenant = api.signupWithKey("Catalogue Co", "catalogue.test");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void tenantsReadDisplayNamesAndTranslationsAndNeverSeeInternalPlugins() {
    JsonArray listed = data(api.get("/api/plugins", tenant.owner()));
    assertThat(ids(listed)).contains(SHOWN).doesNotContain(INTERNAL);
    JsonObject shown = byId(listed, SHOWN);
    assertThat(shown.getString("name")).isEqualTo("Display probe");
    assertThat(shown.getString("description")).isEqualTo("Plugin " + SHOWN);
    assertThat(shown.getJsonObject("translations"))
        .isEqualTo(
            new JsonObject()
                .put("zh", new JsonObject().put("name", "展示探针").put("description", "用于测试的插件。")));
    assertThat(shown.getBoolean("internal")).isFalse();
    JsonObject meter = shown.getJsonArray("meters").getJsonObject(0);
    assertThat(meter.getString("description")).isEqualTo("Calls to the probe");
    assertThat(meter.getJsonObject("translations")).isEqualTo(new JsonObject().put("zh", "探针调用次数"));

    // Hidden means hidden: enabling it is "no such plugin", as for one never installed.
    assertProblem(
        plugins.choose(tenant.owner(), INTERNAL, new JsonObject().put("enabled", true)),
        404,
        "plugin_not_found");
    // The operator's catalogue still lists it, marked internal.
    JsonObject internal =
        byId(data(api.get("/api/admin/plugins", plugins.operatorToken())), INTERNAL);
    assertThat(internal.getBoolean("internal")).isTrue();
    assertThat(internal.getString("name")).isEqualTo(INTERNAL);
  }

  @Test
  void theScopesThatExistAreListedForChoosingAKeys() {
    JsonArray scopes = data(api.get("/api/scopes", tenant.owner()));
    List<String> names = scopes.stream().map(s -> ((JsonObject) s).getString("scope")).toList();
    assertThat(names.get(0)).isEqualTo("*");
    assertThat(names)
        .contains("embeddings", "generation", "plugin:" + SHOWN)
        .doesNotContain("plugin:" + INTERNAL)
        .doesNotHaveDuplicates();
    assertThat(byScope(scopes, "plugin:" + SHOWN))
        .isEqualTo(
            new JsonObject()
                .put("scope", "plugin:" + SHOWN)
                .put("kind", "plugin")
                .put("plugin", SHOWN));
    assertThat(byScope(scopes, "embeddings").getString("kind")).isEqualTo("platform");
    // Every listed scope is one a key can be created with, and the key then carries it.
    JsonObject key =
        api.createKey(
            tenant.owner(),
            new JsonObject().put("name", "every scope").put("scopes", new JsonArray(names)));
    assertThat(key.getJsonArray("scopes").getList()).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void scopesAreForSignedInMembersOnly() {
    assertThat(api.get("/api/scopes", null).statusCode()).isEqualTo(401);
    assertProblem(api.get("/api/scopes", "not-a-token"), 401, "unauthorized");
    // An API key is not a dashboard session.
    assertThat(api.get("/api/scopes", tenant.key()).statusCode()).isIn(401, 403);
  }

  @Test
  void auditActorsAreShownAsTheirEmailsWithinTheTenantOnly() {
    api.createKey(tenant.owner(), new JsonObject().put("name", "audited"));
    JsonArray events = data(api.get("/api/audit?limit=50", tenant.owner()));
    JsonObject byOwner =
        events.stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getString("actor", "").startsWith("user:"))
            .findFirst()
            .orElseThrow();
    assertThat(byOwner.getString("actorEmail")).isEqualTo("catalogue-co@catalogue.test");

    // Another tenant's log never resolves this tenant's users, and its own actors are its own.
    ApiClient.SignedUpTenant other = api.signupWithKey("Other Co", "other-catalogue.test");
    JsonArray theirs = data(api.get("/api/audit?limit=50", other.owner()));
    assertThat(theirs.encode())
        .doesNotContain("catalogue-co@")
        .contains("other-co@other-catalogue.test");

    assertProblem(api.get("/api/audit?limit=abc", tenant.owner()), 400, "invalid_parameter");
  }

  @Test
  void malformedDisplayKeysAreRefusedAtInstall() {
    JsonObject problem =
        assertProblem(
            plugins.install(TestPlugins.probeAs("bad-locale", "plugin.name.Chinese!=名字\n")),
            400,
            "invalid_descriptor");
    assertThat(problem.getString("detail")).contains("plugin.name.Chinese!");
    assertProblem(
        plugins.install(TestPlugins.probeAs("bad-internal", "plugin.internal=maybe\n")),
        400,
        "invalid_descriptor");
    assertThat(plugins.installedIds()).doesNotContain("bad-locale", "bad-internal");
  }

  private static JsonArray data(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("data");
  }

  private static List<String> ids(JsonArray plugins) {
    return plugins.stream().map(p -> ((JsonObject) p).getString("id")).toList();
  }

  private static JsonObject byId(JsonArray plugins, String id) {
    return plugins.stream()
        .map(JsonObject.class::cast)
        .filter(p -> id.equals(p.getString("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + plugins));
  }

  private static JsonObject byScope(JsonArray scopes, String scope) {
    return scopes.stream()
        .map(JsonObject.class::cast)
        .filter(s -> scope.equals(s.getString("scope")))
        .findFirst()
        .orElseThrow();
  }
}
