package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.DashboardPanel;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.ModelRequirement;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.RouteHandler;
import dev.atrium.plugin.api.inference.InvalidInputException;
import dev.atrium.plugin.api.inference.Task;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Content generation: templates (built-in English and Chinese, and the tenant's own) filled with
 * typed variables, the tenant's brand voice in every prompt and enforced after generation, personal
 * data redaction, drafts with versions, diffs and approval, CSV batch jobs, and model-free writing
 * tools. Routes live under {@code /v1/content/}.
 */
public final class ContentPlugin implements AtriumPlugin {
  private final PluginContext context;
  private final TemplateLibrary library;

  public ContentPlugin(PluginContext context) {
    this.context = requireNonNull(context, "context is null");
    this.library = TemplateLibrary.load();
  }

  @Override
  public void routes(PluginRoutes routes) {
    TemplateRoutes templates = new TemplateRoutes(context, library);
    templates.declare(routes);
    new GenerationRoutes(context, library).declare(routes);
    new DraftRoutes(context).declare(routes);
    new BatchRoutes(context, library).declare(routes);
    new ToolRoutes(context).declare(routes);
    routes.get(
        "/panel",
        RouteDoc.of("The dashboard panel: the latest drafts as a table")
            .responds(200, "The panel's columns and rows", ContentSchemas.PANEL),
        guarded(request -> DraftRoutes.panel(context, request)));
  }

  @Override
  public JsonObject settingsSchema() {
    return ContentSettings.SCHEMA;
  }

  @Override
  public List<MeterDefinition> meters() {
    return List.of(
        new MeterDefinition(
            "documents_generated", "document", "Variants written and stored as drafts"),
        new MeterDefinition("batch_rows", "row", "Batch rows generated (failed rows excluded)"),
        new MeterDefinition("prompt_tokens", "token", "Prompt tokens of batch generations"),
        new MeterDefinition("completion_tokens", "token", "Tokens written by batch generations"),
        new MeterDefinition(
            "embedding_tokens",
            "token",
            "Tokens embedded to index batch drafts for duplicate detection"));
  }

  @Override
  public List<ModelRequirement> models() {
    return List.of(
        ModelRequirement.task(Task.GENERATION, "writing content from templates and briefs"),
        ModelRequirement.task(
            Task.EMBEDDING,
            "extractive summaries and near-duplicate detection, English and Chinese"));
  }

  @Override
  public Optional<DashboardPanel> dashboardPanel() {
    return Optional.of(
        new DashboardPanel(
            "Content",
            "Templates, brand voice, generation with variants, drafts with approval, batch jobs.",
            "/v1/content/panel",
            DashboardPanel.Kind.TABLE));
  }

  /**
   * Answers a {@link ContentProblem} thrown below a route with its problem, and an invalid
   * generation input (such as a JSON schema the grammar cannot express) with 400.
   */
  static RouteHandler guarded(RouteHandler handler) {
    return request -> {
      try {
        return handler.handle(request).recover(failure -> Future.succeededFuture(refusal(failure)));
      } catch (RuntimeException e) {
        return Future.succeededFuture(refusal(e));
      }
    };
  }

  private static PluginResponse refusal(Throwable failure) {
    if (failure instanceof ContentProblem problem) {
      return problem.response();
    }
    if (failure instanceof InvalidInputException invalid) {
      return new ContentProblem(400, "invalid_generation_input", invalid.getMessage()).response();
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new IllegalStateException(failure);
  }

  static String who(PluginRequest request) {
    return "key:" + request.keyId();
  }
}
