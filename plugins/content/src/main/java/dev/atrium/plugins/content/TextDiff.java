package dev.atrium.plugins.content;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level diff of two texts (Chinese by character), as a list of {@code equal}, {@code delete}
 * and {@code insert} runs that rebuild the old text (equal + delete) and the new one (equal +
 * insert). The common head and tail are stripped first; a middle too large for the longest common
 * subsequence table is shown as one deletion and one insertion.
 */
final class TextDiff {
  private static final Pattern TOKEN = Pattern.compile("\\p{IsHan}|[^\\s\\p{IsHan}]+|\\s+");
  private static final long MAX_CELLS = 4_000_000;

  private TextDiff() {}

  static JsonArray diff(String before, String after) {
    List<String> a = tokens(before);
    List<String> b = tokens(after);
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    Runs runs = new Runs();
    runs.add("equal", a.subList(0, head));
    List<String> midA = a.subList(head, a.size() - tail);
    List<String> midB = b.subList(head, b.size() - tail);
    if ((long) midA.size() * midB.size() > MAX_CELLS) {
      runs.add("delete", midA);
      runs.add("insert", midB);
    } else {
      middle(midA, midB, runs);
    }
    runs.add("equal", a.subList(a.size() - tail, a.size()));
    return runs.json;
  }

  private static void middle(List<String> a, List<String> b, Runs runs) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        runs.add("equal", List.of(a.get(i++)));
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        runs.add("insert", List.of(b.get(j++)));
      } else {
        runs.add("delete", List.of(a.get(i++)));
      }
    }
  }

  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  /** Runs of one operation, merged with the previous run of the same operation. */
  private static final class Runs {
    final JsonArray json = new JsonArray();

    void add(String op, List<String> tokens) {
      if (tokens.isEmpty()) {
        return;
      }
      String text = String.join("", tokens);
      if (!json.isEmpty()) {
        JsonObject last = json.getJsonObject(json.size() - 1);
        if (last.getString("op").equals(op)) {
          last.put("text", last.getString("text") + text);
          return;
        }
      }
      json.add(new JsonObject().put("op", op).put("text", text));
    }
  }
}
