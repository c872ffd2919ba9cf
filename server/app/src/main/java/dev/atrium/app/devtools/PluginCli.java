package dev.atrium.app.devtools;

import dev.atrium.host.PluginRefusedException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plugin developer's commands behind {@code ./atrium plugin}: {@code new <id> [--package p]
 * [--dir d]}, {@code validate <archive>...} and {@code dev <project-dir> [--server url] [--email e
 * --password p | --token t]}. Relative paths are taken from where {@code ./atrium} was called
 * ({@code atrium.cwd}).
 */
public final class PluginCli {
  private PluginCli() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(List.of(args)));
  }

  static int run(List<String> args) throws InterruptedException {
    Deque<String> rest = new ArrayDeque<>(args);
    String command = rest.isEmpty() ? "help" : rest.pop();
    Map<String, String> options = new HashMap<>();
    List<String> operands = new ArrayList<>();
    while (!rest.isEmpty()) {
      String arg = rest.pop();
      if (arg.startsWith("--") && !rest.isEmpty()) {
        options.put(arg.substring(2), rest.pop());
      } else {
        operands.add(arg);
      }
    }
    try {
      return switch (command) {
        case "new" -> scaffold(operands, options);
        case "validate" -> validate(operands, options);
        case "dev" -> dev(operands, options);
        default -> usage();
      };
    } catch (IllegalArgumentException | IllegalStateException | PluginRefusedException e) {
      System.err.println("atrium plugin " + command + ": " + e.getMessage());
      return 2;
    }
  }

  private static int scaffold(List<String> operands, Map<String, String> options) {
    if (operands.size() != 1) {
      return usage();
    }
    String id = operands.get(0);
    String javaPackage = options.getOrDefault("package", PluginScaffold.defaultPackage(id));
    Path target = path(options.getOrDefault("dir", id));
    new PluginScaffold(Path.of("plugins", PluginScaffold.TEMPLATE_ID))
        .create(id, javaPackage, target);
    System.out.printf(
        "Created plugin %s in %s (package %s, class %s).%n"
            + "Build it against the published SDK: cd %s && mvn package"
            + " (see docs/plugin-development.md, \"Publishing the SDK\").%n",
        id, target, javaPackage, PluginScaffold.className(id), target);
    return 0;
  }

  private static int validate(List<String> operands, Map<String, String> options) {
    if (operands.isEmpty()) {
      return usage();
    }
    PluginValidator validator = validator(options);
    boolean all = true;
    for (String archive : operands) {
      Path file = path(archive);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + " is not a file");
      }
      all &= validator.report(file, System.out);
    }
    return all ? 0 : 1;
  }

  private static int dev(List<String> operands, Map<String, String> options)
      throws InterruptedException {
    if (operands.size() != 1) {
      return usage();
    }
    URI server = URI.create(options.getOrDefault("server", "http://localhost:8080"));
    String token = options.get("token");
    if (token == null) {
      String email = options.get("email");
      String password = options.get("password");
      if (email == null || password == null) {
        throw new IllegalArgumentException(
            "give the operator's --email and --password (the dev profile prints them) or --token");
      }
      token = PluginDevLoop.login(server, email, password);
    }
    PluginDevLoop loop =
        new PluginDevLoop(path(operands.get(0)), server, token, validator(options), System.out);
    loop.run(Duration.ofMillis(500), () -> false);
    return 0;
  }

  private static PluginValidator validator(Map<String, String> options) {
    long maxBytes =
        Long.parseLong(
            options.getOrDefault(
                "max-archive-bytes", String.valueOf(PluginValidator.DEFAULT_MAX_ARCHIVE_BYTES)));
    String allowed = options.getOrDefault("allowed-libraries", "");
    return new PluginValidator(
        maxBytes,
        Arrays.stream(allowed.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet()));
  }

  private static Path path(String given) {
    return Path.of(System.getProperty("atrium.cwd", ".")).resolve(given).normalize();
  }

  private static int usage() {
    System.err.println(
        """
        Usage: ./atrium plugin <command>
          new <id> [--package p] [--dir d]   A plugin project from the template, every name changed
          validate <archive.zip>...           The server's install-time checks, offline
                   [--max-archive-bytes n] [--allowed-libraries sha256,...]
          dev <project-dir> [--server url] (--email e --password p | --token t)
                                              Installs, then upgrades, the newest archive of
                                              <project-dir>/target on a running server""");
    return 2;
  }
}
