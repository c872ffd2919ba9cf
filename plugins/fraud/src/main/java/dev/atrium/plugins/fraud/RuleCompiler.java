package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.StrictJson;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSource;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Compiles tenants' rules, written in Google CEL over {@code txn} (the transaction's fields) and
 * {@code features} (the online features), to programs that answer true or false. A rule that does
 * not parse, is not boolean, or reads a field {@code txn} or {@code features} does not have is
 * refused with the line and column of the fault. CEL is sandboxed: no I/O, no loops beyond its
 * bounded macros ({@code has}, {@code exists}, {@code all}, {@code map}, {@code filter}). Numbers
 * compare across int and double ({@code txn.amount > 5000} works).
 */
final class RuleCompiler {
  static final int MAX_LENGTH = 2000;
  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("txn", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar("features", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .setResultType(SimpleType.BOOL)
          .build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
  private static final Set<String> TXN_FIELDS = TransactionParser.FIELDS;
  private static final Set<String> FEATURE_FIELDS = Set.copyOf(Feature.NAMES);

  private RuleCompiler() {}

  /** A compiled rule, safe to run from many threads. */
  interface Program {
    boolean matches(Map<String, Object> variables) throws CelEvaluationException;
  }

  static Program compile(String expression) {
    if (expression == null || StrictJson.isBlank(expression) || expression.length() > MAX_LENGTH) {
      throw FraudProblem.badRequest(
          "invalid_rule", "A rule's expression must be 1 to " + MAX_LENGTH + " characters.");
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = COMPILER.compile(expression).getAst();
    } catch (CelValidationException e) {
      CelIssue first = e.getErrors().get(0);
      throw refused(
          "rule_compile_error",
          first.getMessage(),
          first.getSourceLocation().getLine(),
          first.getSourceLocation().getColumn());
    }
    checkFields(ast);
    try {
      dev.cel.runtime.CelRuntime.Program program = RUNTIME.createProgram(ast);
      return variables -> Boolean.TRUE.equals(program.eval(variables));
    } catch (dev.cel.common.CelException e) {
      throw FraudProblem.badRequest("rule_compile_error", e.getMessage());
    }
  }

  /** Refuses reads of {@code txn.x} or {@code features.x} (or {@code ["x"]}) for unknown x. */
  private static void checkFields(CelAbstractSyntaxTree ast) {
    Deque<CelExpr> pending = new ArrayDeque<>();
    pending.push(ast.getExpr());
    while (!pending.isEmpty()) {
      CelExpr expr = pending.pop();
      switch (expr.getKind()) {
        case SELECT -> {
          check(ast, expr, expr.select().operand(), expr.select().field());
          pending.push(expr.select().operand());
        }
        case CALL -> {
          var call = expr.call();
          if (call.function().equals("_[_]") && call.args().size() == 2) {
            CelExpr key = call.args().get(1);
            if (root(call.args().get(0)) != null) {
              if (key.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                  || key.constant().getKind() != dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
                throw at(
                    ast,
                    key,
                    "unknown_rule_field",
                    "a field of txn or features must be named by a string literal");
              }
              check(ast, expr, call.args().get(0), key.constant().stringValue());
            }
          }
          call.target().ifPresent(pending::push);
          call.args().forEach(pending::push);
        }
        case LIST -> expr.list().elements().forEach(pending::push);
        case MAP ->
            expr.map()
                .entries()
                .forEach(
                    e -> {
                      pending.push(e.key());
                      pending.push(e.value());
                    });
        case COMPREHENSION -> {
          var c = expr.comprehension();
          pending.push(c.iterRange());
          pending.push(c.accuInit());
          pending.push(c.loopCondition());
          pending.push(c.loopStep());
          pending.push(c.result());
        }
        default -> {}
      }
    }
  }

  private static String root(CelExpr operand) {
    if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT) {
      String name = operand.ident().name();
      if (name.equals("txn") || name.equals("features")) {
        return name;
      }
    }
    return null;
  }

  private static void check(
      CelAbstractSyntaxTree ast, CelExpr expr, CelExpr operand, String field) {
    String root = root(operand);
    if (root == null) {
      return;
    }
    Set<String> known = root.equals("txn") ? TXN_FIELDS : FEATURE_FIELDS;
    if (!known.contains(field)) {
      throw at(
          ast,
          expr,
          "unknown_rule_field",
          "undefined field '"
              + field
              + "' of "
              + root
              + " (known: "
              + String.join(", ", known.stream().sorted().toList())
              + ")");
    }
  }

  private static FraudProblem at(
      CelAbstractSyntaxTree ast, CelExpr expr, String code, String message) {
    CelSource source = ast.getSource();
    Integer offset = source.getPositionsMap().get(expr.id());
    int line = 1;
    int column = 0;
    if (offset != null) {
      var location = source.getOffsetLocation(offset);
      if (location.isPresent()) {
        line = location.get().getLine();
        column = location.get().getColumn();
      }
    }
    return refused(code, message, line, column);
  }

  /** A refusal with the 1-based line and column of the fault (CEL's column is 0-based). */
  private static FraudProblem refused(String code, String message, int line, int column) {
    return new FraudProblem(
        400,
        code,
        "The rule is refused at line " + line + ", column " + (column + 1) + ": " + message,
        new JsonObject()
            .put(
                "errors",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("line", line)
                            .put("column", column + 1)
                            .put("message", message))));
  }
}
