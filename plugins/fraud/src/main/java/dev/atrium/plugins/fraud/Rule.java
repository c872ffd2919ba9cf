package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * A tenant's rule: a CEL expression and what a match does ({@code allow}, {@code review}, {@code
 * block}, or {@code score}: add {@code score} to the risk score).
 */
record Rule(
    String id,
    String name,
    String expression,
    String action,
    double score,
    boolean enabled,
    RuleCompiler.Program program) {
  static final Set<String> ACTIONS = Set.of("allow", "review", "block", "score");

  /** A rule from a tenant's JSON, compiled; refused with a problem when anything is wrong. */
  static Rule fromJson(String id, JsonObject json, boolean enabled) {
    for (String name : json.fieldNames()) {
      if (!Set.of("name", "expression", "action", "score").contains(name)) {
        throw FraudProblem.badRequest(
            "unknown_field",
            "Unknown field '" + name + "'; a rule has name, expression, action, score.");
      }
    }
    Object name = json.getValue("name");
    if (!(name instanceof String text) || StrictJson.isBlank(text) || text.length() > 200) {
      throw FraudProblem.badRequest(
          "invalid_field", "'name' must be a string of 1 to 200 characters.");
    }
    Object expression = json.getValue("expression");
    if (!(expression instanceof String)) {
      throw FraudProblem.badRequest(
          "invalid_rule", "'expression' must be a CEL expression string.");
    }
    Object action = json.getValue("action");
    if (!(action instanceof String verb) || !ACTIONS.contains(verb.toLowerCase(Locale.ROOT))) {
      throw FraudProblem.badRequest(
          "invalid_field", "'action' must be one of allow, review, block, score.");
    }
    Object score = json.getValue("score", 0);
    if (!(score instanceof Number delta) || Math.abs(delta.doubleValue()) > 1) {
      throw FraudProblem.badRequest("invalid_field", "'score' must be a number between -1 and 1.");
    }
    if (verb.equalsIgnoreCase("score") && delta.doubleValue() == 0) {
      throw FraudProblem.badRequest("invalid_field", "A 'score' rule needs a non-zero 'score'.");
    }
    return new Rule(
        id,
        text.strip(),
        (String) expression,
        verb.toLowerCase(Locale.ROOT),
        delta.doubleValue(),
        enabled,
        RuleCompiler.compile((String) expression));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("expression", expression)
        .put("action", action)
        .put("score", score)
        .put("enabled", enabled);
  }

  /** The JSON the tenant wrote (for {@link #fromJson}). */
  JsonObject definition() {
    return new JsonObject()
        .put("name", name)
        .put("expression", expression)
        .put("action", action)
        .put("score", score);
  }

  Rule enabled(boolean on) {
    return new Rule(id, name, expression, action, score, on, program);
  }
}
