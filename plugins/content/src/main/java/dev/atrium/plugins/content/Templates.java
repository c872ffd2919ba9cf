package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** One tenant's templates: the built-in library, then the tenant's own (collection templates). */
final class Templates {
  static final String COLLECTION = "templates";
  static final int MAX_TENANT_TEMPLATES = 500;

  private final DocumentStore documents;
  private final TemplateLibrary library;

  Templates(DocumentStore documents, TemplateLibrary library) {
    this.documents = requireNonNull(documents, "documents is null");
    this.library = requireNonNull(library, "library is null");
  }

  /** The template, or 404 {@code template_not_found}. */
  Template get(String id) {
    return find(id).orElseThrow(() -> ContentProblem.notFound("template", id));
  }

  Optional<Template> find(String id) {
    Optional<Template> builtIn = library.find(id);
    if (builtIn.isPresent()) {
      return builtIn;
    }
    if (!id.startsWith("tpl-")) {
      return Optional.empty();
    }
    return Await.result(documents.get(COLLECTION, id))
        .map(d -> Template.read(d.id(), d.data(), false));
  }

  List<Template> all() {
    List<Template> all = new ArrayList<>(library.all());
    for (Document d : Await.result(documents.list(COLLECTION, MAX_TENANT_TEMPLATES))) {
      all.add(Template.read(d.id(), d.data(), false));
    }
    return all;
  }

  Template create(JsonObject definition) {
    if (Await.result(documents.list(COLLECTION, MAX_TENANT_TEMPLATES)).size()
        >= MAX_TENANT_TEMPLATES) {
      throw new ContentProblem(
          409,
          "too_many_templates",
          "A tenant keeps at most " + MAX_TENANT_TEMPLATES + " templates.");
    }
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return save("tpl-" + HexFormat.of().formatHex(random), definition);
  }

  /** Replaces a tenant template; built-in ones are read-only (409), unknown ones 404. */
  Template replace(String id, JsonObject definition) {
    ownTemplate(id);
    return save(id, definition);
  }

  void delete(String id) {
    ownTemplate(id);
    Await.result(documents.delete(COLLECTION, id));
  }

  private void ownTemplate(String id) {
    if (library.find(id).isPresent()) {
      throw new ContentProblem(
          409,
          "builtin_template",
          "Template '" + id + "' is built in and cannot be changed; create your own instead.");
    }
    if (find(id).isEmpty()) {
      throw ContentProblem.notFound("template", id);
    }
  }

  private Template save(String id, JsonObject definition) {
    Template template = Template.read(id, definition, false);
    Await.result(documents.put(COLLECTION, id, template.definition()));
    return template;
  }
}
