package dev.atrium.ingestion;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts sections into chunks of whole sentences, at most {@code maxTokens} (estimated) each, never
 * across a heading. Consecutive chunks of a section share one sentence, so an answer that spans a
 * boundary is still found whole. A sentence longer than a chunk is cut at the limit.
 */
public final class Chunker {
  private final int maxTokens;

  public Chunker(int maxTokens) {
    if (maxTokens < 16) {
      throw new IllegalArgumentException("maxTokens must be at least 16");
    }
    this.maxTokens = maxTokens;
  }

  public List<Chunk> chunk(List<Section> sections) {
    List<Chunk> chunks = new ArrayList<>();
    for (Section section : sections) {
      List<String> current = new ArrayList<>();
      int tokens = 0;
      for (String sentence : fitting(Sentences.split(section.text()))) {
        int cost = Sentences.estimateTokens(sentence);
        if (!current.isEmpty() && tokens + cost > maxTokens) {
          chunks.add(new Chunk(chunks.size(), section.headings(), join(current)));
          String overlap = current.get(current.size() - 1);
          current.clear();
          tokens = 0;
          if (Sentences.estimateTokens(overlap) + cost <= maxTokens) {
            current.add(overlap);
            tokens = Sentences.estimateTokens(overlap);
          }
        }
        current.add(sentence);
        tokens += cost;
      }
      if (!current.isEmpty()) {
        chunks.add(new Chunk(chunks.size(), section.headings(), join(current)));
      }
    }
    return List.copyOf(chunks);
  }

  /** Sentences, with any longer than a chunk cut into pieces that fit. */
  private List<String> fitting(List<String> sentences) {
    List<String> pieces = new ArrayList<>();
    for (String sentence : sentences) {
      String rest = sentence;
      while (Sentences.estimateTokens(rest) > maxTokens) {
        int cut = cutPoint(rest);
        pieces.add(rest.substring(0, cut).strip());
        rest = rest.substring(cut).strip();
      }
      if (!rest.isEmpty()) {
        pieces.add(rest);
      }
    }
    return pieces;
  }

  /** The longest prefix within the limit, ending at a space when there is one. */
  private int cutPoint(String text) {
    int low = 1;
    int high = text.length();
    while (low < high) {
      int mid = (low + high + 1) / 2;
      if (Sentences.estimateTokens(text.substring(0, mid)) <= maxTokens) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    int space = text.lastIndexOf(' ', low);
    return space > low / 2 ? space : Math.max(1, low);
  }

  private static String join(List<String> sentences) {
    StringBuilder text = new StringBuilder();
    for (String sentence : sentences) {
      int last = text.isEmpty() ? ' ' : text.codePointBefore(text.length());
      if (!text.isEmpty() && !Sentences.isCjk(last) && "。！？；”」』）".indexOf(last) < 0) {
        text.append(' ');
      }
      text.append(sentence);
    }
    return text.toString();
  }
}
