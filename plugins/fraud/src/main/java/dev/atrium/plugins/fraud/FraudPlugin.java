package dev.atrium.plugins.fraud;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.DashboardPanel;
import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.ModelRequirement;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.RouteHandler;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.plugin.api.tabular.TrainingParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Fraud analytics: scores payments in milliseconds with reasons from online features, an
 * unsupervised baseline or the tenant's promoted gradient-boosted model, and the tenant's CEL
 * rules; opens alerts that analysts work as cases; trains, backtests and reports. Routes live under
 * {@code /v1/fraud/}.
 */
public final class FraudPlugin implements AtriumPlugin {
  static final String SCORED = "transactions_scored";
  static final String TRAINING_MINUTES = "training_minutes";
  static final String REPORTS = "reports";
  private static final long FLUSH_MILLIS = 1000;
  private static final LocalDate DEMO_EARLIEST = LocalDate.of(2000, 1, 1);

  /**
   * The largest demo history (accounts × days, about 450,000 payments), since it is generated in
   * memory; and one is generated at a time, whichever tenant asks.
   */
  private static final int DEMO_MAX_ACCOUNT_DAYS = 250_000;

  private final Semaphore demoGeneration = new Semaphore(1);

  private final PluginContext context;
  private final Map<String, TenantScoring> tenants = new ConcurrentHashMap<>();
  private volatile boolean closing;

  public FraudPlugin(PluginContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  TenantScoring tenant(String tenantId) {
    return tenants.computeIfAbsent(
        tenantId,
        id -> {
          TenantScoring scoring = new TenantScoring(context, id);
          context
              .scheduler()
              .submit(id, "state-writer", progress -> writeBehind(scoring, progress));
          return scoring;
        });
  }

  @Override
  public void routes(PluginRoutes routes) {
    routes.post(
        "/score",
        RouteDoc.of("Score one transaction: risk score, decision, reasons (EN/ZH), rules hit")
            .body(FraudSchemas.TRANSACTION)
            .responds(200, "The score", FraudSchemas.SCORED)
            .responds(400, "Missing, malformed or invalid field (the problem names it)"),
        guarded(this::scoreOne));
    routes.post(
        "/score/batch",
        RouteDoc.of("Score transactions in order; all or none")
            .body(FraudSchemas.BATCH)
            .responds(200, "The scores, in order", FraudSchemas.SCORED_BATCH)
            .responds(400, "An invalid transaction (named by its index)")
            .responds(413, "More transactions than the tenant's maxBatch"),
        guarded(this::scoreBatch));
    routes.get(
        "/stream",
        RouteDoc.of("The newest scored transactions (?after=<seq> for the ones after)")
            .query("after", false, JsonSchema.integer(), "Only the entries after this seq")
            .responds(200, "Up to 100 entries, oldest first", FraudSchemas.STREAM)
            .responds(400, "'after' is not a whole number"),
        guarded(this::stream));
    routes.get(
        "/rules",
        RouteDoc.of("The tenant's rules").responds(200, "The rules", FraudSchemas.RULES),
        guarded(this::listRules));
    routes.post(
        "/rules",
        RouteDoc.of("Save a rule (disabled) and backtest it over the last 30 days")
            .body(FraudSchemas.RULE_DEFINITION)
            .responds(201, "Saved, with its backtest", FraudSchemas.RULE)
            .responds(400, "The rule does not compile or reads an unknown field (with position)"),
        guarded(this::createRule));
    routes.post(
        "/rules/backtest",
        RouteDoc.of("Backtest a rule expression over the last 30 days without saving it")
            .body(
                JsonSchema.object("expression", JsonSchema.string())
                    .put("additionalProperties", false))
            .responds(200, "The backtest", FraudSchemas.BACKTEST)
            .responds(400, "The expression does not compile"),
        guarded(this::backtestRule));
    routes.post(
        "/rules/{id}/enable",
        RouteDoc.of("Enable a saved rule")
            .responds(200, "The rule", FraudSchemas.RULE)
            .responds(404, "No such rule"),
        guarded(r -> toggleRule(r, true)));
    routes.post(
        "/rules/{id}/disable",
        RouteDoc.of("Disable a saved rule")
            .responds(200, "The rule", FraudSchemas.RULE)
            .responds(404, "No such rule"),
        guarded(r -> toggleRule(r, false)));
    routes.delete(
        "/rules/{id}",
        RouteDoc.of("Delete a rule").responds(204, "Deleted").responds(404, "No such rule"),
        guarded(this::deleteRule));
    routes.get(
        "/alerts",
        RouteDoc.of("Alerts, newest first (?status=open|assigned|confirmed|dismissed)")
            .query(
                "status",
                false,
                JsonSchema.string(),
                "Only the alerts in this state: open, assigned, confirmed or dismissed")
            .responds(200, "Up to 200 alerts", FraudSchemas.ALERTS)
            .responds(400, "An unknown status"),
        guarded(this::listAlerts));
    routes.get(
        "/alerts/{id}",
        RouteDoc.of("One alert (case) with its reasons and notes")
            .responds(200, "The alert", FraudSchemas.ALERT)
            .responds(404, "No such alert"),
        guarded(r -> ok(tenant(r.tenantId()).alerts.get(r.pathParam("id")))));
    routes.post(
        "/alerts/{id}/assign",
        RouteDoc.of("Assign the case ({\"assignee\"})")
            .body(FraudSchemas.ASSIGNMENT)
            .responds(200, "The assigned alert", FraudSchemas.ALERT)
            .responds(400, "No assignee, or one longer than 200 characters")
            .responds(404, "No such alert")
            .responds(409, "Already closed"),
        guarded(r -> ok(tenant(r.tenantId()).alerts.assign(r.pathParam("id"), r.bodyAsJson()))));
    routes.post(
        "/alerts/{id}/notes",
        RouteDoc.of("Add a note to the case ({\"text\"})")
            .body(FraudSchemas.NOTE)
            .responds(200, "The alert with the note", FraudSchemas.ALERT)
            .responds(400, "No text, or more than 4000 characters")
            .responds(404, "No such alert"),
        guarded(r -> ok(tenant(r.tenantId()).alerts.note(r.pathParam("id"), r.bodyAsJson()))));
    routes.post(
        "/alerts/{id}/resolve",
        RouteDoc.of(
                "Close the case: {\"outcome\": \"fraud\"|\"legitimate\"}; the outcome labels the transaction")
            .body(FraudSchemas.OUTCOME)
            .responds(200, "The closed alert", FraudSchemas.ALERT)
            .responds(400, "An outcome other than fraud or legitimate")
            .responds(404, "No such alert")
            .responds(409, "Already closed"),
        guarded(r -> ok(tenant(r.tenantId()).alerts.resolve(r.pathParam("id"), r.bodyAsJson()))));
    routes.get(
        "/jobs/{id}",
        RouteDoc.of("Progress of a background job")
            .responds(200, "The job", FraudSchemas.JOB)
            .responds(404, "No such job of this tenant"),
        guarded(this::job));
    routes.post(
        "/uploads",
        RouteDoc.of(
                "Upload historical payments as CSV (columns mapped by the csvColumns setting, optional label); scored in the background")
            .rawBody("text/csv")
            .responds(202, "Accepted: the job scoring the rows", FraudSchemas.UPLOAD)
            .responds(400, "Malformed CSV or an invalid row (named by its line)")
            .responds(413, "Too many rows"),
        guarded(this::upload));
    routes.post(
        "/models/train",
        RouteDoc.of(
                "Train a model version from labelled payments ({\"days\": 90}); a background job")
            .body(FraudSchemas.TRAINING)
            .responds(202, "Training started", FraudSchemas.JOB)
            .responds(400, "A limit out of range")
            .responds(503, "This server cannot train tabular models"),
        guarded(this::train));
    routes.get(
        "/models",
        RouteDoc.of("Model versions with their metrics, and the promoted one")
            .responds(200, "The versions, newest first", FraudSchemas.MODELS),
        guarded(r -> ok(tenant(r.tenantId()).models.list())));
    routes.post(
        "/models/{version}/promote",
        RouteDoc.of("Serve this version and score with it")
            .responds(200, "The versions, this one promoted", FraudSchemas.MODELS)
            .responds(404, "No such version"),
        guarded(r -> ok(tenant(r.tenantId()).models.promote(r.pathParam("version")))));
    routes.post(
        "/models/rollback",
        RouteDoc.of("Go back to the previously promoted version (or the unsupervised score)")
            .responds(200, "The versions after the rollback", FraudSchemas.MODELS)
            .responds(409, "No version is promoted"),
        guarded(r -> ok(tenant(r.tenantId()).models.rollback())));
    routes.post(
        "/backtest",
        RouteDoc.of(
                "Replay labelled payments ({\"days\": 30, \"budgetPercent\": 1}): ROC-AUC, PR-AUC, precision/recall at the budget, cost curve")
            .body(FraudSchemas.REPLAY)
            .responds(
                200, "The metrics of the decisions and of the rules alone", FraudSchemas.REPLAYED)
            .responds(400, "An unknown field or a value out of range")
            .responds(409, "No labelled payment in the period"),
        guarded(this::backtest));
    routes.get(
        "/reports/daily",
        RouteDoc.of("The daily report (?date=YYYY-MM-DD, default yesterday), EN and ZH")
            .query(
                "date",
                false,
                JsonSchema.string().put("format", "date"),
                "The day (UTC) to report on; yesterday by default")
            .responds(200, "The report", FraudSchemas.DAILY_REPORT)
            .responds(400, "Not a date"),
        guarded(this::report));
    routes.post(
        "/demo",
        RouteDoc.of("Fill the tenant with synthetic labelled history for trying the product")
            .body(FraudSchemas.DEMO)
            .responds(202, "The job scoring the generated payments", FraudSchemas.JOB),
        guarded(this::demo));
    routes.get(
        "/settings",
        RouteDoc.of("The tenant's effective settings (defaults filled in)")
            .responds(200, "The settings", FraudSchemas.SETTINGS),
        guarded(r -> ok(tenant(r.tenantId()).settings().toJson())));
  }

  @Override
  public JsonObject settingsSchema() {
    return FraudSettings.SCHEMA;
  }

  @Override
  public List<MeterDefinition> meters() {
    return List.of(
        new MeterDefinition(
            SCORED, "transaction", "Transactions scored (single, batch and uploads)"),
        new MeterDefinition(TRAINING_MINUTES, "minute", "Model training time, rounded up per job"),
        new MeterDefinition(REPORTS, "report", "Daily reports produced"));
  }

  @Override
  public List<ModelRequirement> models() {
    return List.of(
        ModelRequirement.task(
            Task.TABULAR_SCORING, "the tenant's promoted fraud model, once trained from labels"));
  }

  @Override
  public Optional<DashboardPanel> dashboardPanel() {
    return Optional.of(
        new DashboardPanel(
            "Fraud",
            "Live scores, alert queue and cases, rules with backtests, model versions and daily reports.",
            "/v1/fraud/alerts",
            DashboardPanel.Kind.TABLE));
  }

  private Future<PluginResponse> scoreOne(PluginRequest request) {
    TenantScoring scoring = tenant(request.tenantId());
    Transaction txn =
        new TransactionParser(scoring.settings().futureSkew())
            .parse(request.bodyAsJson(), "", Instant.now());
    TenantScoring.Scored scored = scoring.score(List.of(txn), true).get(0);
    return meterScored(request, 1).map(v -> PluginResponse.json(scored.toJson()));
  }

  private Future<PluginResponse> scoreBatch(PluginRequest request) {
    TenantScoring scoring = tenant(request.tenantId());
    FraudSettings settings = scoring.settings();
    JsonObject body = request.bodyAsJson();
    onlyFields(body, "transactions");
    if (!(body.getValue("transactions") instanceof JsonArray items)) {
      throw FraudProblem.badRequest(
          "missing_field", "'transactions' must be an array of transactions.");
    }
    if (items.isEmpty()) {
      throw FraudProblem.badRequest("empty_batch", "'transactions' holds no transaction.");
    }
    if (items.size() > settings.maxBatch()) {
      throw new FraudProblem(
          413,
          "batch_too_large",
          "The batch holds "
              + items.size()
              + " transactions; at most "
              + settings.maxBatch()
              + " are scored at once.");
    }
    TransactionParser parser = new TransactionParser(settings.futureSkew());
    Instant now = Instant.now();
    List<Transaction> txns = new ArrayList<>(items.size());
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Transaction txn = parser.parse(items.getValue(i), "transactions[" + i + "]", now);
      if (!ids.add(txn.id())) {
        throw FraudProblem.badRequest(
            "duplicate_id",
            "'transactions[" + i + "].id' repeats id '" + txn.id() + "' of the same batch.");
      }
      txns.add(txn);
    }
    List<TenantScoring.Scored> scored = scoring.score(txns, true);
    return meterScored(request, scored.size())
        .map(
            v ->
                PluginResponse.json(
                    new JsonObject()
                        .put(
                            "data",
                            new JsonArray(
                                scored.stream().map(s -> (Object) s.toJson()).toList()))));
  }

  private Future<PluginResponse> stream(PluginRequest request) {
    long after = request.queryParam("after").map(FraudPlugin::number).orElse(0L);
    List<JsonObject> entries = tenant(request.tenantId()).log.recent(after, 100);
    return ok(new JsonObject().put("data", new JsonArray(new ArrayList<>(entries))));
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw FraudProblem.badRequest("invalid_query", "'" + text + "' is not a whole number.");
    }
  }

  private Future<PluginResponse> listRules(PluginRequest request) {
    List<Rule> rules = RuleBook.all(tenant(request.tenantId()).services().documents());
    return ok(
        new JsonObject()
            .put("data", new JsonArray(rules.stream().map(r -> (Object) r.toJson()).toList())));
  }

  private Future<PluginResponse> createRule(PluginRequest request) {
    TenantScoring scoring = tenant(request.tenantId());
    JsonObject definition = request.bodyAsJson();
    Rule rule = Rule.fromJson(UUID.randomUUID().toString(), definition, false);
    var documents = scoring.services().documents();
    if (documents.list(RuleBook.COLLECTION, RuleBook.MAX_RULES).await().size()
        >= RuleBook.MAX_RULES) {
      throw new FraudProblem(
          409, "too_many_rules", "A tenant keeps at most " + RuleBook.MAX_RULES + " rules.");
    }
    JsonObject backtest = RuleBacktest.run(scoring, rule);
    documents
        .put(
            RuleBook.COLLECTION,
            rule.id(),
            new JsonObject()
                .put("definition", rule.definition())
                .put("enabled", false)
                .put("backtest", backtest))
        .await();
    return Future.succeededFuture(
        PluginResponse.json(201, rule.toJson().put("backtest", backtest)));
  }

  private Future<PluginResponse> backtestRule(PluginRequest request) {
    JsonObject body = request.bodyAsJson();
    JsonObject definition =
        new JsonObject()
            .put("name", "backtest")
            .put("expression", body.getValue("expression"))
            .put("action", "review");
    onlyFields(body, "expression");
    Rule rule = Rule.fromJson("backtest", definition, false);
    return ok(RuleBacktest.run(tenant(request.tenantId()), rule));
  }

  private Future<PluginResponse> toggleRule(PluginRequest request, boolean on) {
    TenantScoring scoring = tenant(request.tenantId());
    var documents = scoring.services().documents();
    String id = request.pathParam("id");
    JsonObject stored =
        documents
            .get(RuleBook.COLLECTION, id)
            .await()
            .orElseThrow(() -> FraudProblem.notFound("Rule '" + id + "'"))
            .data();
    stored.put("enabled", on);
    documents.put(RuleBook.COLLECTION, id, stored).await();
    scoring.useRules(RuleBook.load(documents));
    return ok(
        Rule.fromJson(id, stored.getJsonObject("definition"), on)
            .toJson()
            .put("backtest", stored.getJsonObject("backtest")));
  }

  private Future<PluginResponse> deleteRule(PluginRequest request) {
    TenantScoring scoring = tenant(request.tenantId());
    var documents = scoring.services().documents();
    if (!documents.delete(RuleBook.COLLECTION, request.pathParam("id")).await()) {
      throw FraudProblem.notFound("Rule '" + request.pathParam("id") + "'");
    }
    scoring.useRules(RuleBook.load(documents));
    return Future.succeededFuture(PluginResponse.noContent());
  }

  private Future<PluginResponse> listAlerts(PluginRequest request) {
    String status = request.queryParam("status").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    if (status != null && !Set.of("open", "assigned", "confirmed", "dismissed").contains(status)) {
      throw FraudProblem.badRequest(
          "invalid_query", "'status' must be open, assigned, confirmed or dismissed.");
    }
    List<JsonObject> alerts = tenant(request.tenantId()).alerts.list(status, 200);
    return ok(new JsonObject().put("data", new JsonArray(new ArrayList<>(alerts))));
  }

  private Future<PluginResponse> job(PluginRequest request) {
    JobStatus status =
        context
            .scheduler()
            .status(request.pathParam("id"))
            .filter(s -> s.tenantId().equals(request.tenantId()))
            .orElseThrow(() -> FraudProblem.notFound("Job '" + request.pathParam("id") + "'"));
    return ok(Jobs.json(status));
  }

  private Future<PluginResponse> upload(PluginRequest request) {
    TenantScoring scoring = tenant(request.tenantId());
    List<CsvUpload.Row> rows = CsvUpload.read(request.body(), scoring.settings());
    JobStatus job =
        context
            .scheduler()
            .submit(
                request.tenantId(),
                "csv-upload",
                progress ->
                    meter(request.tenantId(), SCORED, CsvUpload.run(scoring, rows, progress)));
    return Future.succeededFuture(
        PluginResponse.json(
            202, new JsonObject().put("rows", rows.size()).put("job", Jobs.json(job))));
  }

  private Future<PluginResponse> train(PluginRequest request) {
    TenantScoring scoring = tenant(request.tenantId());
    JsonObject body = request.bodyAsJson();
    onlyFields(body, "days", "maxRounds", "maxDepth");
    int days = integer(body, "days", 90, 1, 3650);
    TrainingParams defaults = TrainingParams.defaults();
    TrainingParams params =
        new TrainingParams(
            integer(body, "maxRounds", defaults.maxRounds(), 1, 2000),
            defaults.earlyStoppingRounds(),
            integer(body, "maxDepth", defaults.maxDepth(), 1, 12),
            defaults.learningRate(),
            defaults.positiveWeight());
    scoring.models.engine();
    JobStatus job =
        context
            .scheduler()
            .submit(
                request.tenantId(),
                "train",
                progress -> {
                  long started = System.nanoTime();
                  scoring.models.train(days, params, progress);
                  long minutes =
                      Math.max(
                          1, (System.nanoTime() - started + 59_999_999_999L) / 60_000_000_000L);
                  meter(request.tenantId(), TRAINING_MINUTES, minutes);
                });
    return Future.succeededFuture(PluginResponse.json(202, Jobs.json(job)));
  }

  private Future<PluginResponse> backtest(PluginRequest request) {
    JsonObject body = request.bodyAsJson();
    onlyFields(body, "days", "budgetPercent");
    Object budget = body.getValue("budgetPercent", 1.0);
    if (!(budget instanceof Number percent)
        || percent.doubleValue() <= 0
        || percent.doubleValue() > 100) {
      throw FraudProblem.badRequest(
          "invalid_field", "'budgetPercent' must be a number in (0, 100].");
    }
    return ok(
        Backtest.run(
            tenant(request.tenantId()), integer(body, "days", 30, 1, 3650), percent.doubleValue()));
  }

  private Future<PluginResponse> report(PluginRequest request) {
    LocalDate day;
    try {
      day =
          request
              .queryParam("date")
              .map(LocalDate::parse)
              .orElse(LocalDate.now(ZoneOffset.UTC).minusDays(1));
    } catch (java.time.format.DateTimeParseException e) {
      throw FraudProblem.badRequest("invalid_query", "'date' must be a date such as 2026-01-31.");
    }
    return ok(dailyReport(tenant(request.tenantId()), day));
  }

  /** Builds, keeps and meters (once per day) a tenant's report. */
  JsonObject dailyReport(TenantScoring scoring, LocalDate day) {
    JsonObject report = DailyReport.build(scoring, day);
    scoring.services().documents().put(DailyReport.COLLECTION, day.toString(), report).await();
    context.usage().record(scoring.tenantId(), REPORTS, 1, "report:" + day).await();
    return report;
  }

  private Future<PluginResponse> demo(PluginRequest request) {
    JsonObject body = request.bodyAsJson();
    onlyFields(body, "days", "accounts", "seed", "start");
    int days = integer(body, "days", 30, 1, 90);
    int accounts = integer(body, "accounts", 300, 10, 50_000);
    int seed = integer(body, "seed", 1, 0, Integer.MAX_VALUE);
    if ((long) accounts * days > DEMO_MAX_ACCOUNT_DAYS) {
      throw FraudProblem.badRequest(
          "invalid_field",
          "'accounts' × 'days' must be at most "
              + DEMO_MAX_ACCOUNT_DAYS
              + " (about 1.8 payments each; a demo history is generated in memory): ask for fewer,"
              + " or for the next period with a later 'start'.");
    }
    Instant start = demoStart(body, days);
    TenantScoring scoring = tenant(request.tenantId());
    JobStatus job =
        context
            .scheduler()
            .submit(
                request.tenantId(),
                "demo-data",
                progress -> {
                  if (!demoGeneration.tryAcquire()) {
                    progress.update(0, "waiting for another demo history to be generated");
                    demoGeneration.acquire();
                  }
                  try {
                    progress.update(0, "generating the history");
                    List<SyntheticGenerator.Generated> generated =
                        SyntheticGenerator.generate(
                            new SyntheticGenerator.Params(
                                seed,
                                accounts,
                                Math.max(10, accounts / 8),
                                days,
                                Math.max(1, days / 7),
                                start),
                            "demo-" + seed);
                    meter(request.tenantId(), SCORED, scoreReleasing(scoring, generated, progress));
                  } finally {
                    demoGeneration.release();
                  }
                });
    return Future.succeededFuture(PluginResponse.json(202, Jobs.json(job)));
  }

  /**
   * Scores a generated history a chunk at a time, letting go of each chunk's payments once parsed,
   * so the history's memory shrinks as it is scored.
   */
  private static int scoreReleasing(
      TenantScoring scoring, List<SyntheticGenerator.Generated> generated, JobProgress progress) {
    TransactionParser parser = new TransactionParser(java.time.Duration.ZERO);
    Instant now = Instant.now();
    return CsvUpload.run(
        scoring,
        generated.size(),
        (from, to) -> {
          List<SyntheticGenerator.Generated> part = generated.subList(from, to);
          List<CsvUpload.Row> rows =
              part.stream()
                  .map(g -> new CsvUpload.Row(parser.parse(g.txn(), "", now), g.label()))
                  .toList();
          Collections.fill(part, null);
          return rows;
        },
        progress);
  }

  /**
   * The first day of a demo history: {@code start} if given, so a seed gives the same payments on
   * any day (the weekly cycle follows the calendar), else {@code days} before today, so the history
   * ends yesterday. A history may not reach today: its payments would lie in the future.
   */
  private static Instant demoStart(JsonObject body, int days) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate start;
    try {
      start =
          body.getValue("start") instanceof String text
              ? LocalDate.parse(text)
              : body.containsKey("start") ? null : today.minusDays(days);
    } catch (java.time.format.DateTimeParseException e) {
      start = null;
    }
    if (start == null || start.isBefore(DEMO_EARLIEST) || start.plusDays(days).isAfter(today)) {
      throw FraudProblem.badRequest(
          "invalid_field",
          "'start' must be a date such as 2026-01-31, from "
              + DEMO_EARLIEST
              + ", at least 'days' ("
              + days
              + ") before today ("
              + today
              + ").");
    }
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Refuses a body holding any member but {@code names} (400 {@code unknown_field}). */
  private static void onlyFields(JsonObject body, String... names) {
    for (String name : body.fieldNames()) {
      if (!List.of(names).contains(name)) {
        throw FraudProblem.badRequest(
            "unknown_field",
            "Unknown field '" + name + "'; send only " + String.join(", ", names) + ".");
      }
    }
  }

  private static int integer(JsonObject body, String name, int fallback, int min, int max) {
    Object value = body.getValue(name, fallback);
    if (!(value instanceof Integer || value instanceof Long)
        || ((Number) value).longValue() < min
        || ((Number) value).longValue() > max) {
      throw FraudProblem.badRequest(
          "invalid_field",
          "'" + name + "' must be a whole number from " + min + " to " + max + ".");
    }
    return ((Number) value).intValue();
  }

  /**
   * Records scored payments with the request's own usage: the host commits them in the request's
   * one usage entry under a key derived from the request (a retry bills once, an answer with an
   * error bills nothing); the key given here counts only on hosts before SDK 1.6.0. The answer
   * waits for it: usage recorded after the request is over would not be billed (the first use of a
   * meter in a process declares it in the database first).
   */
  private Future<Void> meterScored(PluginRequest request, long quantity) {
    return context
        .request(request)
        .usage()
        .record(request.tenantId(), SCORED, quantity, SCORED + ":" + UUID.randomUUID());
  }

  void meter(String tenantId, String meter, long quantity) {
    context.usage().record(tenantId, meter, quantity, meter + ":" + UUID.randomUUID()).await();
  }

  static Future<PluginResponse> ok(JsonObject body) {
    return Future.succeededFuture(PluginResponse.json(body));
  }

  private static RouteHandler guarded(RouteHandler handler) {
    return request -> {
      try {
        return handler.handle(request).recover(FraudPlugin::refused);
      } catch (FraudProblem problem) {
        return Future.succeededFuture(problem.response());
      }
    };
  }

  private static Future<PluginResponse> refused(Throwable failure) {
    return failure instanceof FraudProblem problem
        ? Future.succeededFuture(problem.response())
        : Future.failedFuture(failure);
  }

  /**
   * A tenant's background job (on the SDK's scheduler, so on the plugin's own threads): writes its
   * features, log and alerts behind the requests every second and builds its daily report after
   * midnight UTC, until the plugin stops.
   */
  private void writeBehind(TenantScoring scoring, JobProgress progress) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    progress.update(0, "writing features, the scoring log and alerts every second");
    while (!closing && !progress.cancelled()) {
      try {
        Thread.sleep(FLUSH_MILLIS);
        scoring.features.flush(FeatureStore.REWRITE_INTERVAL);
        scoring.log.flush();
        scoring.alerts.flush();
        LocalDate now = LocalDate.now(ZoneOffset.UTC);
        if (!now.equals(today)) {
          scheduleReport(scoring, today);
          today = now;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        context.logger().warn("fraud: flushing state failed, retrying: {}", e.toString());
      }
    }
  }

  /** A background job that builds the tenant's report of {@code day}. */
  private void scheduleReport(TenantScoring scoring, LocalDate day) {
    context
        .scheduler()
        .submit(
            scoring.tenantId(),
            "daily-report",
            progress -> {
              progress.update(0.1, "building the report of " + day);
              dailyReport(scoring, day);
              progress.update(1, "report of " + day + " ready");
            });
  }

  /** Writes every tenant's changed features, pending log entries and new alerts now. */
  void flushAll() {
    for (TenantScoring scoring : tenants.values()) {
      scoring.features.flush(Duration.ZERO);
      scoring.log.flush();
      scoring.alerts.flush();
    }
  }

  /**
   * The tenant's features, scoring log and alerts in memory go unwritten, and its models are freed:
   * its stored state is deleted, and its state writer already cancelled by the host.
   */
  @Override
  public void tenantDeleted(String tenantId) {
    TenantScoring gone = tenants.remove(tenantId);
    if (gone != null) {
      gone.models.close();
    }
  }

  @Override
  public void close() {
    closing = true;
    flushAll();
    tenants.values().forEach(t -> t.models.close());
  }
}
