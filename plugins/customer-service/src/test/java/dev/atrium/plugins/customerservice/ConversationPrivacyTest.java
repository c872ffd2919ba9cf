package dev.atrium.plugins.customerservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Personal data in stored conversations (issue 19): with {@code redactPersonalData} on (the
 * default) the stored questions, answers and feedback comments hold placeholders, through the
 * host's text safety the testkit provides; a tenant that turns it off keeps its texts verbatim.
 */
final class ConversationPrivacyTest {
  private static final String QUESTION = "我的手机号是13812345678，邮箱li.lei@example.com，订单202612031234还没到";
  private static final String REDACTED = "我的手机号是[PHONE]，邮箱[EMAIL]，订单202612031234还没到";

  private static TestingPluginContext context;
  private static PluginUnderTest<CustomerServicePlugin> plugin;

  @BeforeAll
  static void start() {
    context = new TestingPluginContext("customer-service");
    plugin = PluginUnderTest.start(context, CustomerServicePlugin.class);
  }

  @AfterAll
  static void stop() {
    if (plugin != null) {
      plugin.close();
    }
    context.close();
  }

  @Test
  void storedQuestionsAndCommentsHoldPlaceholdersByDefault() {
    String tenant = TestingPluginContext.newTenantId();
    String conversation = ask(tenant, QUESTION);

    PluginResponse feedback =
        plugin.post(
            "/feedback",
            tenant,
            new JsonObject()
                .put("conversationId", conversation)
                .put("turn", 0)
                .put("helpful", false)
                .put("comment", "Call me back on +44 20 7946 0958 or card 4111 1111 1111 1111"));

    assertThat(feedback.status()).isEqualTo(204);
    JsonObject turn = storedTurn(tenant, conversation);
    assertThat(turn.getString("question")).isEqualTo(REDACTED);
    assertThat(turn.getJsonObject("feedback").getString("comment"))
        .isEqualTo("Call me back on [PHONE] or card [CARD]");
    JsonObject summary =
        plugin.get("/conversations/" + conversation + "/summary", tenant).body().toJsonObject();
    assertThat(summary.getJsonArray("questions").getString(0)).isEqualTo(REDACTED);
    assertThat(summary.encode()).doesNotContain("13812345678").doesNotContain("li.lei@");
  }

  @Test
  void aTenantThatTurnsItOffKeepsItsTextsAndOtherTenantsAreUnaffected() {
    String verbatim = TestingPluginContext.newTenantId();
    String redacting = TestingPluginContext.newTenantId();
    context.setSettings(verbatim, new JsonObject().put("redactPersonalData", false));
    context.setSettings(redacting, new JsonObject().put("redactPersonalData", true));

    String kept = ask(verbatim, QUESTION);
    String hidden = ask(redacting, QUESTION);

    assertThat(storedTurn(verbatim, kept).getString("question")).isEqualTo(QUESTION);
    assertThat(storedTurn(redacting, hidden).getString("question")).isEqualTo(REDACTED);
    assertThat(plugin.get("/conversations/" + kept, redacting).status()).isEqualTo(404);
  }

  @Test
  void theSettingMustBeABoolean() {
    String tenant = TestingPluginContext.newTenantId();

    assertThatThrownBy(
            () -> context.setSettings(tenant, new JsonObject().put("redactPersonalData", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redactPersonalData");
  }

  private static String ask(String tenant, String question) {
    PluginResponse response =
        plugin.post("/answer", tenant, new JsonObject().put("question", question));
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body().toJsonObject().getString("conversationId");
  }

  private static JsonObject storedTurn(String tenant, String conversation) {
    PluginResponse stored = plugin.get("/conversations/" + conversation, tenant);
    assertThat(stored.status()).isEqualTo(200);
    return stored.body().toJsonObject().getJsonArray("turns").getJsonObject(0);
  }
}
