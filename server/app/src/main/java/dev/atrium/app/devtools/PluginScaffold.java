package dev.atrium.app.devtools;

import static java.util.Objects.requireNonNull;

import dev.atrium.host.PluginManifest;
import dev.atrium.plugin.api.SdkVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code atrium plugin new}: a new plugin project from the template ({@code plugins/example-echo})
 * with every name changed (plugin id, Java package and class names, Maven coordinates) and the
 * source tree's parent replaced by the published {@code atrium-plugin-parent} of this SDK, so the
 * copy builds on its own against the repository the SDK is deployed to.
 */
public final class PluginScaffold {
  static final String TEMPLATE_ID = "example-echo";
  static final String TEMPLATE_PACKAGE = "com.example.atrium.echo";
  static final String TEMPLATE_CLASS = "EchoPlugin";
  private static final Pattern PARENT = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);
  private static final Pattern JAVA_PACKAGE =
      Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  private final Path template;

  public PluginScaffold(Path template) {
    this.template = requireNonNull(template, "template is null");
  }

  /** The package a plugin gets when none is given: {@code com.example.<id without dashes>}. */
  public static String defaultPackage(String id) {
    return "com.example." + id.replace("-", "");
  }

  /** The plugin class name for {@code id}: {@code my-plugin} is {@code MyPluginPlugin}. */
  public static String className(String id) {
    StringBuilder name = new StringBuilder();
    for (String part : id.split("-")) {
      if (!part.isEmpty()) {
        name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return name + "Plugin";
  }

  /**
   * Writes the project of plugin {@code id} in package {@code javaPackage} into {@code target},
   * which must not exist or be empty; answers {@code target}.
   */
  public Path create(String id, String javaPackage, Path target) {
    PluginManifest.checkId(id);
    if (!JAVA_PACKAGE.matcher(javaPackage).matches()) {
      throw new IllegalArgumentException(
          "'"
              + javaPackage
              + "' is not a Java package such as com.acme.plugins (lower case, dots)");
    }
    try {
      if (Files.exists(target)) {
        try (Stream<Path> entries = Files.list(target)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException(target + " exists and is not empty");
          }
        }
      }
      Files.createDirectories(target);
      Files.writeString(target.resolve("pom.xml"), pom(id, javaPackage));
      copySources(id, javaPackage, target);
      Files.writeString(target.resolve(".gitignore"), "target/\n");
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plugin project to " + target, e);
    }
  }

  private String pom(String id, String javaPackage) throws IOException {
    String pom = Files.readString(template.resolve("pom.xml"), StandardCharsets.UTF_8);
    Matcher parent = PARENT.matcher(pom);
    if (!parent.find()) {
      throw new IllegalStateException("the template's pom.xml has no <parent>");
    }
    String published =
        """
        <parent>
            <!-- The SDK: Java release, SDK versions (its BOM), test libraries, archive layout. -->
            <groupId>dev.atrium</groupId>
            <artifactId>atrium-plugin-parent</artifactId>
            <version>%s</version>
            <relativePath/>
          </parent>

          <!-- Your plugin's own coordinates; plugin.version in plugin.properties follows the version. -->
          <groupId>%s</groupId>"""
            .formatted(SdkVersion.CURRENT, javaPackage);
    String coordinates =
        parent
            .replaceFirst(Matcher.quoteReplacement(published))
            .replaceFirst(
                "<artifactId>atrium-plugin-" + TEMPLATE_ID + "</artifactId>",
                "<artifactId>" + id + "</artifactId>\n  <version>0.1.0</version>")
            .replaceFirst("<name>[^<]*</name>", "<name>Atrium plugin " + id + "</name>");
    return rename(
        coordinates.replaceFirst(
            "(?s)<!--.*?-->",
            Matcher.quoteReplacement(
                "<!-- Atrium plugin "
                    + id
                    + ": `mvn package` builds target/"
                    + id
                    + "-<version>.zip against the plugin SDK (docs/plugin-development.md). -->")),
        id,
        javaPackage);
  }

  private void copySources(String id, String javaPackage, Path target) throws IOException {
    Path sources = template.resolve("src");
    String fromDir = TEMPLATE_PACKAGE.replace('.', '/');
    String toDir = javaPackage.replace('.', '/');
    try (Stream<Path> walk = Files.walk(sources)) {
      for (Path source : walk.filter(Files::isRegularFile).toList()) {
        String relative =
            template
                .relativize(source)
                .toString()
                .replace('\\', '/')
                .replace(fromDir, toDir)
                .replace(TEMPLATE_CLASS, className(id));
        Path copy = target.resolve(relative);
        Files.createDirectories(copy.getParent());
        String text = rename(Files.readString(source), id, javaPackage);
        Files.writeString(
            copy, relative.endsWith("plugin.properties") ? withoutTemplateMarks(text) : text);
      }
    }
  }

  /**
   * The descriptor without the template's {@code plugin.internal} line and its comment: the
   * template is hidden from tenants, a new plugin is meant to be offered.
   */
  static String withoutTemplateMarks(String descriptor) {
    return descriptor.replaceAll(
        "(?m)^# plugin\\.internal:.*\\R(#.*\\R)*plugin\\.internal=.*(\\R|$)", "");
  }

  private static String rename(String text, String id, String javaPackage) {
    return text.replace(TEMPLATE_PACKAGE, javaPackage)
        .replace(TEMPLATE_CLASS, className(id))
        .replace(TEMPLATE_ID, id);
  }
}
