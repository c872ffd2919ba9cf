package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.SdkVersion;
import dev.atrium.plugin.runtime.SdkRequirement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * A plugin's {@code plugin.properties}, in PF4J's keys: {@code plugin.id}, {@code plugin.version},
 * {@code plugin.class}, {@code plugin.requires} (the SDK versions it works with, e.g. {@code
 * >=1.0.0 & <2.0.0}), {@code plugin.provider}, {@code plugin.description}, {@code plugin.license};
 * and Atrium's own optional keys: {@code plugin.name} (the display name, else the id), {@code
 * plugin.name.<lang>} and {@code plugin.description.<lang>} (translations, e.g. {@code
 * plugin.name.zh}), {@code plugin.meter.<meter>.<lang>} (a meter's display name in a language, e.g.
 * {@code plugin.meter.answers.zh}; its English name is the description the plugin declares in its
 * {@code MeterDefinition}), and {@code plugin.internal} ({@code true} for templates and internal
 * plugins, which tenants see only when the operator offers them).
 *
 * @param translations language tag (e.g. {@code zh}) to the display name and description in it
 * @param meterNames meter name to language tag to the meter's display name in that language
 */
public record PluginManifest(
    String id,
    String version,
    String pluginClass,
    String requires,
    String provider,
    String description,
    String license,
    String name,
    Map<String, Display> translations,
    Map<String, Map<String, String>> meterNames,
    boolean internal) {

  /** A display name and description in one language; either may be empty (use the default). */
  public record Display(String name, String description) {}

  public static final String FILE = "plugin.properties";

  /** Lower-case letters, digits and '-': it is a URL path segment and a directory name. */
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

  private static final Pattern VERSION =
      Pattern.compile("\\d{1,6}\\.\\d{1,6}\\.\\d{1,6}(-[0-9A-Za-z.-]{1,40})?");
  private static final Pattern CLASS_NAME =
      Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)*[A-Za-z_$][A-Za-z0-9_$]*");
  private static final VersionManager VERSIONS = new DefaultVersionManager();

  /**
   * {@code plugin.name.<lang>} or {@code plugin.description.<lang>}: a language tag after the key.
   */
  private static final Pattern TRANSLATED = Pattern.compile("plugin\\.(name|description)\\.(.*)");

  /** {@code plugin.meter.<meter>.<lang>}: a meter's display name in a language. */
  private static final Pattern METER_NAME = Pattern.compile("plugin\\.meter\\.([^.]+)\\.(.*)");

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
  private static final int MAX_NAME = 80;
  private static final int MAX_DESCRIPTION = 1000;

  public PluginManifest {
    requireNonNull(id, "id is null");
    requireNonNull(version, "version is null");
    requireNonNull(pluginClass, "pluginClass is null");
    requireNonNull(requires, "requires is null");
    requireNonNull(provider, "provider is null");
    requireNonNull(description, "description is null");
    requireNonNull(license, "license is null");
    requireNonNull(name, "name is null");
    translations = Map.copyOf(requireNonNull(translations, "translations is null"));
    meterNames = Map.copyOf(requireNonNull(meterNames, "meterNames is null"));
  }

  /** Reads and checks the descriptor; refuses it with {@code invalid_descriptor} naming the key. */
  public static PluginManifest parse(Properties p) {
    String id = required(p, "plugin.id");
    checkId(id);
    String version = required(p, "plugin.version");
    if (!VERSION.matcher(version).matches()) {
      throw invalid("plugin.version '" + version + "' must be a semantic version such as 1.2.3");
    }
    String pluginClass = required(p, "plugin.class");
    if (!CLASS_NAME.matcher(pluginClass).matches()) {
      throw invalid("plugin.class '" + pluginClass + "' is not a Java class name");
    }
    String requires = required(p, "plugin.requires");
    String internal = p.getProperty("plugin.internal", "false").trim();
    if (!internal.equals("true") && !internal.equals("false")) {
      throw invalid("plugin.internal '" + internal + "' must be true or false");
    }
    return new PluginManifest(
        id,
        version,
        pluginClass,
        requires,
        p.getProperty("plugin.provider", "").trim(),
        text(p, "plugin.description", MAX_DESCRIPTION),
        p.getProperty("plugin.license", "").trim(),
        text(p, "plugin.name", MAX_NAME),
        translations(p),
        meterNames(p),
        Boolean.parseBoolean(internal));
  }

  /** The display name: {@code plugin.name}, else the id. */
  public String displayName() {
    return name.isEmpty() ? id : name;
  }

  private static Map<String, Display> translations(Properties p) {
    Map<String, String> names = new TreeMap<>();
    Map<String, String> descriptions = new TreeMap<>();
    forEachTranslation(
        p,
        TRANSLATED,
        (key, what, language) -> {
          if (what.equals("name")) {
            names.put(language, text(p, key, MAX_NAME));
          } else {
            descriptions.put(language, text(p, key, MAX_DESCRIPTION));
          }
        });
    Map<String, Display> out = new TreeMap<>();
    for (String language : union(names, descriptions)) {
      out.put(
          language,
          new Display(names.getOrDefault(language, ""), descriptions.getOrDefault(language, "")));
    }
    return out;
  }

  private static Map<String, Map<String, String>> meterNames(Properties p) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    forEachTranslation(
        p,
        METER_NAME,
        (key, meter, language) -> {
          String name = text(p, key, MAX_NAME);
          if (!name.isEmpty()) {
            out.computeIfAbsent(meter, m -> new TreeMap<>()).put(language, name);
          }
        });
    out.replaceAll((meter, names) -> Map.copyOf(names));
    return out;
  }

  /** Called for each key of a translation: what it translates and the language it is in. */
  private interface Translation {
    void accept(String key, String what, String language);
  }

  /**
   * Hands every key matching {@code pattern} (what it translates as group 1, the language tag as
   * group 2) to {@code translation}; refuses a malformed language tag.
   */
  private static void forEachTranslation(Properties p, Pattern pattern, Translation translation) {
    for (String key : p.stringPropertyNames()) {
      var m = pattern.matcher(key);
      if (!m.matches()) {
        continue;
      }
      String language = m.group(2);
      if (!LANGUAGE.matcher(language).matches()) {
        throw invalid(key + ": '" + language + "' is not a language tag such as zh or pt-BR");
      }
      translation.accept(key, m.group(1), language);
    }
  }

  private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
    Set<String> all = new TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    return all;
  }

  /** An optional text key, trimmed; refused when longer than {@code max} characters. */
  private static String text(Properties p, String key, int max) {
    String value = p.getProperty(key, "").trim();
    if (value.length() > max) {
      throw invalid(key + " is longer than " + max + " characters");
    }
    return value;
  }

  /** Refuses {@code id} with {@code invalid_descriptor} unless it is a valid plugin id. */
  public static void checkId(String id) {
    if (!ID.matcher(id).matches()) {
      throw invalid("plugin.id '" + id + "' must be 2-40 lower-case letters, digits or '-'");
    }
  }

  /**
   * Refuses with {@code incompatible_sdk} unless {@code requires} accepts {@code sdk}; a malformed
   * range is refused too.
   */
  public void checkCompatible(SdkVersion sdk) {
    boolean compatible;
    try {
      compatible = SdkRequirement.accepts(requires, sdk);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    if (!compatible) {
      throw new PluginRefusedException(
          "incompatible_sdk",
          "Plugin '"
              + id
              + "' requires SDK "
              + requires
              + " but this server offers SDK "
              + sdk
              + ".");
    }
  }

  /** Semantic order of the versions: negative when this one is older than {@code other}. */
  public int compareVersion(PluginManifest other) {
    return VERSIONS.compareVersions(version, other.version);
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw invalid(FILE + " has no " + key);
    }
    return value.trim();
  }

  private static PluginRefusedException invalid(String detail) {
    return new PluginRefusedException("invalid_descriptor", detail + ".");
  }
}
