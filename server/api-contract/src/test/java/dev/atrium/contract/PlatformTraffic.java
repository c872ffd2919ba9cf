package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.contract.ValidatingClient.Call;
import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** One successful call of each platform operation, in an order that makes the ids they need. */
final class PlatformTraffic {
  private final ValidatingClient api;
  private final ContractTenant tenant;
  private final String operator;

  PlatformTraffic(ValidatingClient api, ContractTenant tenant, String operator) {
    this.api = api;
    this.tenant = tenant;
    this.operator = operator;
  }

  void run() {
    operations();
    accounts();
    billing();
    inference();
    plugins();
    privacy();
    invoices();
    assertThat(api.takeSurprises()).isEmpty();
  }

  private void operations() {
    expect(200, call("GET", "/health/live"));
    expect(200, call("GET", "/health/ready"));
    expect(200, call("GET", "/metrics").as(operator));
    expect(200, call("GET", "/openapi.json"));
  }

  private void accounts() {
    String owner = tenant.owner();
    expect(200, call("GET", "/api/me").as(owner));
    expect(200, call("GET", "/v1/me").as(tenant.apiKey()));
    expect(200, call("GET", "/api/scopes").as(owner));
    expect(200, call("GET", "/api/keys").as(owner));
    expect(200, call("GET", "/api/keys/" + tenant.keyId()).as(owner));
    String spare =
        expect(201, call("POST", "/api/keys").as(owner).json(new JsonObject().put("name", "spare")))
            .json()
            .getString("id");
    String rotated =
        expect(
                201,
                call("POST", "/api/keys/" + spare + "/rotate")
                    .as(owner)
                    .json(new JsonObject().put("gracePeriodSeconds", 0)))
            .json()
            .getString("id");
    expect(204, call("DELETE", "/api/keys/" + rotated).as(owner));
    String invite =
        expect(
                201,
                call("POST", "/api/users")
                    .as(owner)
                    .json(
                        new JsonObject()
                            .put("email", "dev@contract.test")
                            .put("role", "developer")))
            .json()
            .getString("inviteToken");
    expect(
        200,
        call("POST", "/api/auth/accept-invite")
            .json(new JsonObject().put("token", invite).put("password", "developer password")));
    JsonArray users = expect(200, call("GET", "/api/users").as(owner)).json().getJsonArray("data");
    String developer =
        users.stream()
            .map(JsonObject.class::cast)
            .filter(u -> u.getString("email").equals("dev@contract.test"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    expect(
        200,
        call("PATCH", "/api/users/" + developer)
            .as(owner)
            .json(new JsonObject().put("role", "viewer")));
    expect(200, call("GET", "/api/audit").as(owner));
    expect(200, call("GET", "/api/admin/audit").as(operator));
    expect(200, call("GET", "/api/admin/tenants").as(operator));
    ContractTenant paused = ContractTenant.signUp(api, "paused.test");
    String suspend = "/api/admin/tenants/" + paused.id() + "/suspend";
    String resume = "/api/admin/tenants/" + paused.id() + "/resume";
    JsonObject reason = new JsonObject().put("reason", "Unpaid invoices");
    expect(200, call("POST", suspend).as(operator).json(reason));
    expect(409, call("POST", suspend).as(operator).json(reason));
    expect(200, call("POST", resume).as(operator));
    expect(409, call("POST", resume).as(operator));
  }

  private void billing() {
    String owner = tenant.owner();
    expect(200, call("GET", "/api/plans").as(owner));
    expect(200, call("GET", "/api/meters").as(owner));
    expect(200, call("GET", "/api/subscription").as(owner));
    expect(200, call("GET", "/api/subscription/preview").as(owner).query("plan", "pro"));
    expect(200, call("GET", "/api/billing/summary").as(owner));
    expect(200, call("GET", "/api/usage").as(owner));
    expect(200, call("GET", "/api/admin/usage").as(operator));
    expect(200, call("GET", "/api/request-logs").as(owner));
    expect(
        200,
        call("PUT", "/api/budget").as(owner).json(new JsonObject().put("monthlyAmount", "100.00")));
    expect(200, call("GET", "/api/budget").as(owner));
    expect(200, call("GET", "/api/budget/alerts").as(owner));
    expect(204, call("DELETE", "/api/budget").as(owner));
    expect(200, call("GET", "/api/admin/billing/tenants").as(operator));
    JsonObject plan =
        expect(200, call("GET", "/api/plans").as(owner))
            .json()
            .getJsonArray("data")
            .getJsonObject(0);
    plan.remove("updatedAt");
    plan.remove("currency");
    plan.remove("id");
    expect(
        201, call("POST", "/api/admin/plans").as(operator).json(plan.copy().put("id", "contract")));
    expect(
        200,
        call("PUT", "/api/admin/plans/contract")
            .as(operator)
            .json(plan.copy().put("name", "Contract")));
    expect(409, call("POST", "/api/admin/plans").as(operator).json(plan.put("id", "contract")));
    expect(200, call("GET", "/api/admin/billing/tenants/" + tenant.id()).as(operator));
    expect(
        200,
        call("PUT", "/api/admin/tenants/" + tenant.id() + "/subscription")
            .as(operator)
            .json(new JsonObject().put("plan", "enterprise")));
    expect(200, call("GET", "/api/invoices").as(owner));
  }

  /** Moves billing time into next month, closes this one as drafts and walks an invoice. */
  void invoices() {
    String owner = tenant.owner();
    expect(200, call("GET", "/api/admin/billing/clock").as(operator));
    YearMonth month = YearMonth.now(ZoneOffset.UTC);
    expect(
        200,
        call("POST", "/api/admin/billing/clock")
            .as(operator)
            .json(
                new JsonObject()
                    .put(
                        "advanceTo",
                        month.plusMonths(1).atDay(1).atTime(1, 0).toString() + ":00Z")));
    String period = month.toString();
    expect(
        202,
        call("POST", "/api/admin/invoices/close")
            .as(operator)
            .query("period", period)
            .query("draft", "true"));
    Polling.until(
        () ->
            expect(
                    200,
                    call("GET", "/api/admin/invoices/close").as(operator).query("period", period))
                .json()
                .getString("state"),
        "done");
    JsonArray invoices =
        expect(200, call("GET", "/api/admin/invoices").as(operator).query("period", period))
            .json()
            .getJsonArray("data");
    String id =
        invoices.stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("tenantId").equals(tenant.id()))
            .findFirst()
            .orElseThrow()
            .getString("id");
    String path = "/api/admin/invoices/" + id;
    expect(200, call("GET", path).as(operator));
    expect(200, call("GET", path).as(operator).query("format", "csv"));
    expect(200, call("GET", path).as(operator).header("Accept", "text/html"));
    expect(200, call("POST", path + "/finalise").as(operator));
    expect(200, call("GET", "/api/invoices/" + id).as(owner));
    expect(200, call("GET", "/api/invoices/" + id).as(owner).query("format", "html"));
    expect(200, call("POST", path + "/void").as(operator));
    expect(409, call("POST", path + "/void").as(operator));
  }

  private void inference() {
    String key = tenant.apiKey();
    expect(200, call("GET", "/v1/models").as(key));
    expect(
        200,
        call("POST", "/v1/embeddings")
            .as(key)
            .json(new JsonObject().put("input", new JsonArray().add("Hello").add("你好"))));
    expect(200, call("GET", "/api/admin/pool").as(operator));
    expect(200, call("GET", "/api/admin/pool/stream").as(operator).firstEventOnly());
    JsonArray messages =
        new JsonArray().add(new JsonObject().put("role", "user").put("content", "Tell a story."));
    JsonObject chat =
        new JsonObject().put("model", "stories260k").put("messages", messages).put("max_tokens", 8);
    expect(200, call("POST", "/v1/chat/completions").as(key).json(chat));
    expect(200, call("POST", "/v1/chat/completions").as(key).json(chat.copy().put("stream", true)));
    expect(
        200,
        call("POST", "/v1/completions")
            .as(key)
            .json(
                new JsonObject()
                    .put("model", "stories260k")
                    .put("prompt", "Once upon a time")
                    .put("max_tokens", 8)));
    expect(
        404,
        call("POST", "/v1/embeddings")
            .as(key)
            .json(new JsonObject().put("model", "no-such-model").put("input", "Hello")));
  }

  private void plugins() {
    expect(200, call("GET", "/api/plugins").as(tenant.owner()));
    expect(200, call("GET", "/api/admin/plugins").as(operator));
    expect(200, call("GET", "/api/admin/plugins/fraud/logs").as(operator));
  }

  private void privacy() {
    String owner = tenant.owner();
    expect(200, call("GET", "/api/tenant/retention").as(owner));
    expect(
        200,
        call("PUT", "/api/tenant/retention")
            .as(owner)
            .json(new JsonObject().put("conversationDays", 30).put("auditLogDays", 365)));
    expect(200, call("GET", "/api/tenant/export").as(owner));
    String export =
        expect(202, call("POST", "/api/tenant/exports").as(owner)).json().getString("id");
    Polling.until(
        () ->
            expect(200, call("GET", "/api/tenant/exports/" + export).as(owner))
                .json()
                .getString("state"),
        "done");
    expect(200, call("GET", "/api/tenant/exports/" + export + "/archive").as(owner));
    ContractTenant leaving = ContractTenant.signUp(api, "leaving.test");
    expect(
        400,
        call("DELETE", "/api/tenant")
            .as(leaving.owner())
            .json(new JsonObject().put("confirm", "not the name")));
    expect(
        200,
        call("DELETE", "/api/tenant")
            .as(leaving.owner())
            .json(new JsonObject().put("confirm", "Contract leaving.test")));
    ContractTenant removed = ContractTenant.signUp(api, "removed.test");
    expect(
        200,
        call("DELETE", "/api/admin/tenants/" + removed.id())
            .as(operator)
            .json(new JsonObject().put("confirm", "Contract removed.test")));
  }

  private Exchange expect(int status, Call call) {
    return api.expect(status, call);
  }
}
