package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.inference.Sampling;
import dev.atrium.plugin.api.inference.TextLanguage;
import dev.atrium.plugin.api.safety.PiiEntity;
import dev.atrium.plugin.api.safety.Redaction;
import dev.atrium.plugin.api.safety.TextSafety;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One tenant's generation: a template with its variables (or a free brief) checked, personal data
 * redacted from the inputs if the tenant chose so, the brand voice put in the prompt, variants
 * written and moderated, each stored as a draft and indexed for near-duplicate search, and the
 * usage metered ({@code documents_generated}, {@code prompt_tokens}, {@code completion_tokens}).
 */
final class Studio {
  static final int MAX_BRIEF = 4000;
  static final int MAX_VARIANTS = 5;

  /**
   * What to write, checked.
   *
   * @param task the instruction the model gets (the rendered template or the brief)
   * @param redactions personal data replaced in the inputs: field, type and offsets
   * @param origin how the drafts say they were made
   */
  record Brief(
      Optional<Template> template,
      String task,
      String language,
      String title,
      JsonArray redactions,
      JsonObject origin) {

    OutputShape shape() {
      return template.map(Template::output).orElse(OutputShape.TEXT);
    }
  }

  private final PluginContext context;
  private final TenantServices tenant;
  private final Moderation moderation;
  private final ContentSettings settings;
  private final BrandVoice voice;
  private final String by;
  private final Writer writer;
  private final TokenMeters tokens;

  Studio(
      PluginContext context,
      String tenantId,
      String by,
      Instant deadline,
      Future<?> cancelWhen,
      TokenMeters tokens) {
    this.context = requireNonNull(context, "context is null");
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.tenant = context.tenant(tenantId);
    this.moderation = new Moderation(context);
    this.settings = ContentSettings.from(Await.result(tenant.settings()));
    this.voice = BrandVoice.load(tenant.documents());
    this.by = requireNonNull(by, "by is null");
    this.writer = new Writer(context.inference(), moderation, tenantId, deadline, cancelWhen);
  }

  /** The studio of a route's request: its tenant, its caller, its deadline and cancellation. */
  static Studio of(PluginContext context, dev.atrium.plugin.api.PluginRequest request) {
    return new Studio(
        context,
        request.tenantId(),
        ContentPlugin.who(request),
        request.deadline(),
        request.done(),
        TokenMeters.BILLED_BY_HOST);
  }

  ContentSettings settings() {
    return settings;
  }

  /** A brief from a template and its values, redacted if the tenant chose so. */
  Brief fromTemplate(Template template, VariableValues values, String title, JsonObject origin) {
    JsonArray redactions = new JsonArray();
    VariableValues safe =
        settings.redactInputs()
            ? values.map((name, value) -> redact(name, value, redactions))
            : values;
    String defaultTitle =
        template.name()
            + values.rendered().values().stream()
                .findFirst()
                .map(v -> ": " + shortened(v))
                .orElse("");
    return new Brief(
        Optional.of(template),
        safe.prompt(),
        template.language(),
        title == null ? defaultTitle : title,
        redactions,
        origin.copy().put("templateId", template.id()));
  }

  /** A brief from free text; the language is detected unless given. */
  Brief fromText(String text, String language, String title, JsonObject origin) {
    JsonArray redactions = new JsonArray();
    String safe = settings.redactInputs() ? redact("brief", text, redactions) : text;
    String lang = language != null ? language : TextLanguage.isChinese(text) ? "zh" : "en";
    return new Brief(
        Optional.empty(), safe, lang, title == null ? shortened(text) : title, redactions, origin);
  }

  private String redact(String field, String value, JsonArray redactions) {
    TextSafety safety = moderation.safety();
    Redaction redaction = safety.redact(value);
    for (PiiEntity e : redaction.entities()) {
      redactions.add(
          new JsonObject()
              .put("field", field)
              .put("type", e.type().name().toLowerCase(Locale.ROOT))
              .put("start", e.start())
              .put("end", e.end()));
    }
    return redaction.text();
  }

  /**
   * Writes {@code n} variants, stores each as a draft and meters it.
   *
   * @param listener receives the tokens as they are written; null for none
   */
  Future<JsonObject> generate(
      Brief brief, int n, Long seed, Integer maxTokens, Writer.Listener listener) {
    return generate(brief, n, seed, maxTokens, listener, true);
  }

  /**
   * {@link #generate(Brief, int, Long, Integer, Writer.Listener)}, leaving the drafts out of the
   * near-duplicate index when {@code indexNow} is false (a batch indexes its drafts together).
   */
  Future<JsonObject> generate(
      Brief brief,
      int n,
      Long seed,
      Integer maxTokens,
      Writer.Listener listener,
      boolean indexNow) {
    Writer.Task task = task(brief, maxTokens);
    long base = seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 40);
    List<Future<Variant>> writing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      writing.add(writer.write(task, i, base, listener));
    }
    return Future.all(writing)
        .compose(
            all -> {
              List<Future<JsonObject>> stored = new ArrayList<>();
              for (Future<Variant> f : writing) {
                stored.add(store(brief, f.result(), indexNow));
              }
              return Future.all(stored)
                  .map(
                      done -> {
                        JsonArray variants = new JsonArray();
                        stored.forEach(s -> variants.add(s.result()));
                        return new JsonObject()
                            .put("mode", "generated")
                            .put("templateId", brief.template().map(Template::id).orElse(null))
                            .put("language", brief.language())
                            .put("output", brief.shape().toJson())
                            .put("inputRedactions", brief.redactions())
                            .put("variants", variants);
                      });
            });
  }

  private Writer.Task task(Brief brief, Integer maxTokens) {
    int limit =
        Math.min(settings.maxTokens(), maxTokens == null ? settings.maxTokens() : maxTokens);
    Sampling sampling = Sampling.maxTokens(limit).withTemperature(0.8);
    Optional<io.vertx.core.json.JsonObject> schema = brief.shape().schema();
    if (schema.isPresent()) {
      sampling = sampling.withJsonSchema(schema.get().encode());
    }
    return new Writer.Task(
        Prompts.of(brief.task(), brief.language(), voice, schema.isPresent()),
        sampling,
        settings.model(),
        brief.shape(),
        voice,
        settings);
  }

  private Future<JsonObject> store(Brief brief, Variant variant, boolean indexNow) {
    String id = Drafts.newId();
    String title = brief.title() + (variant.index() > 0 ? " (" + (variant.index() + 1) + ")" : "");
    JsonObject moderationJson = variant.verdict().toJson();
    String tenantId = tenant.tenantId();
    return new Drafts(tenant.documents())
        .create(id, title, brief.language(), variant.text(), brief.origin(), moderationJson, by)
        .compose(
            draft ->
                Future.all(
                        context.usage().record(tenantId, "documents_generated", 1, "doc:" + id),
                        tokens.record(
                            "prompt_tokens", variant.promptTokens(), "prompt_tokens:" + id),
                        tokens.record(
                            "completion_tokens",
                            variant.completionTokens(),
                            "completion_tokens:" + id),
                        indexNow ? index(id, variant.text()) : Future.succeededFuture())
                    .map(
                        v ->
                            variant
                                .toJson(brief.shape().isJson())
                                .put("draftId", id)
                                .put("title", title)));
  }

  Future<Void> index(String draftId, String text) {
    return index(Map.of(draftId, text));
  }

  /** Adds drafts (id to latest text) to the near-duplicate index, embedded together. */
  Future<Void> index(Map<String, String> texts) {
    Map<String, String> kept = new LinkedHashMap<>(texts);
    kept.values().removeIf(String::isBlank);
    return kept.isEmpty()
        ? Future.succeededFuture()
        : new DraftIndex(tenant, context.inference(), tokens).index(kept);
  }

  /** Checks a text against the voice now (for edits and approval). */
  Moderation.Verdict check(String text) {
    return moderation.check(text, voice, settings.useDefaultLexicon());
  }

  private static String shortened(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 60 ? line : line.substring(0, 60) + "…";
  }
}
