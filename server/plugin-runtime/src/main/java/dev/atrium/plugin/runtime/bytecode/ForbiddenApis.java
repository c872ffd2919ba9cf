package dev.atrium.plugin.runtime.bytecode;

import static dev.atrium.plugin.runtime.bytecode.ApiCategory.CLASS_LOADING;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.ENVIRONMENT;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.EXIT;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.FILES;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.HOST_INTERNALS;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.INSTRUMENTATION;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.JVM_STATE;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.NATIVE;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.NETWORK;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.PROCESS;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.REFLECTION;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.SYSTEM_PROPERTIES;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.THREADS;
import static dev.atrium.plugin.runtime.bytecode.ApiCategory.UNSAFE;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deny-list plugin bytecode is checked against: JDK (and Vert.x) members by owner and name,
 * written as internal names. An owner ending in {@code /} covers a whole package tree; a member of
 * {@code *} covers every member of the owner, constructors included. The first matching rule wins,
 * so narrow rules come before the package-wide ones.
 */
final class ForbiddenApis {
  private record Rule(String owner, Set<String> members, String descriptorPrefix, ApiCategory why) {
    boolean matches(String owner, String member, String descriptor) {
      boolean ownerMatches =
          this.owner.endsWith("/") ? owner.startsWith(this.owner) : owner.equals(this.owner);
      return ownerMatches
          && (members.contains("*") || members.contains(member))
          && (descriptorPrefix == null || descriptor.startsWith(descriptorPrefix));
    }
  }

  /** System properties plugin code may read with a constant key: none of them is a secret. */
  static final Set<String> READABLE_PROPERTIES =
      Set.of(
          "java.version",
          "java.specification.version",
          "java.vendor",
          "java.vm.name",
          "line.separator",
          "file.separator",
          "path.separator",
          "file.encoding",
          "native.encoding",
          "os.name",
          "os.arch",
          "os.version");

  /** Class names {@code Class.forName} may not be given as constants (host or JDK internals). */
  static final List<String> HIDDEN_CLASS_PREFIXES =
      List.of(
          "dev.atrium.app.",
          "dev.atrium.shared.",
          "dev.atrium.config.",
          "dev.atrium.db.",
          "dev.atrium.http.",
          "dev.atrium.accounts.",
          "dev.atrium.host.",
          "dev.atrium.billing.http.",
          "dev.atrium.inference.http.",
          "jdk.internal.",
          "sun.",
          "com.sun.",
          "org.pf4j.",
          "org.jooq.");

  private static final List<Rule> RULES =
      List.of(
          rule("java/lang/System", EXIT, "exit"),
          rule("java/lang/Runtime", EXIT, "exit", "halt", "addShutdownHook", "removeShutdownHook"),
          rule("java/lang/Runtime", PROCESS, "exec"),
          rule("java/lang/ProcessBuilder", PROCESS, "*"),
          rule("java/lang/ProcessHandle", PROCESS, "*"),
          rule("java/lang/ProcessHandle$Info", PROCESS, "*"),
          rule("java/lang/System", NATIVE, "load", "loadLibrary"),
          rule("java/lang/Runtime", NATIVE, "load", "loadLibrary"),
          rule("java/lang/foreign/", NATIVE, "*"),
          rule("java/lang/System", ENVIRONMENT, "getenv"),
          rule("java/lang/instrument/", INSTRUMENTATION, "*"),
          rule("com/sun/tools/attach/", INSTRUMENTATION, "*"),
          rule("java/lang/management/", INSTRUMENTATION, "*"),
          rule("javax/management/", INSTRUMENTATION, "*"),
          rule("com/sun/management/", INSTRUMENTATION, "*"),
          rule("java/io/File", FILES, "*"),
          rule("java/io/FileInputStream", FILES, "*"),
          rule("java/io/FileOutputStream", FILES, "*"),
          rule("java/io/FileReader", FILES, "*"),
          rule("java/io/FileWriter", FILES, "*"),
          rule("java/io/RandomAccessFile", FILES, "*"),
          rule("java/io/FileDescriptor", FILES, "*"),
          new Rule("java/io/PrintStream", Set.of("<init>"), "(Ljava/lang/String;", FILES),
          new Rule("java/io/PrintWriter", Set.of("<init>"), "(Ljava/lang/String;", FILES),
          new Rule("java/util/Formatter", Set.of("<init>"), "(Ljava/lang/String;", FILES),
          rule("java/nio/file/", FILES, "*"),
          rule("java/nio/channels/FileChannel", FILES, "*"),
          rule("java/nio/channels/AsynchronousFileChannel", FILES, "*"),
          rule("java/util/zip/ZipFile", FILES, "*"),
          rule("java/util/jar/JarFile", FILES, "*"),
          rule("java/util/logging/FileHandler", FILES, "*"),
          rule("java/net/Socket", NETWORK, "*"),
          rule("java/net/ServerSocket", NETWORK, "*"),
          rule("java/net/DatagramSocket", NETWORK, "*"),
          rule("java/net/MulticastSocket", NETWORK, "*"),
          rule("java/net/URL", NETWORK, "openConnection", "openStream", "getContent"),
          rule("java/net/URL", JVM_STATE, "setURLStreamHandlerFactory"),
          rule("java/net/URLConnection", NETWORK, "*"),
          rule("java/net/HttpURLConnection", NETWORK, "*"),
          rule("java/net/InetAddress", NETWORK, "getByName", "getAllByName", "getLocalHost"),
          rule("java/net/http/", NETWORK, "*"),
          rule("java/nio/channels/SocketChannel", NETWORK, "*"),
          rule("java/nio/channels/ServerSocketChannel", NETWORK, "*"),
          rule("java/nio/channels/DatagramChannel", NETWORK, "*"),
          rule("java/nio/channels/AsynchronousSocketChannel", NETWORK, "*"),
          rule("java/nio/channels/AsynchronousServerSocketChannel", NETWORK, "*"),
          rule("java/nio/channels/spi/", NETWORK, "*"),
          rule("javax/net/", NETWORK, "*"),
          rule("jdk/net/", NETWORK, "*"),
          rule("java/rmi/", NETWORK, "*"),
          rule("javax/naming/", NETWORK, "*"),
          rule(
              "java/lang/System",
              SYSTEM_PROPERTIES,
              "getProperty",
              "getProperties",
              "setProperty",
              "setProperties",
              "clearProperty"),
          rule("java/lang/Integer", SYSTEM_PROPERTIES, "getInteger"),
          rule("java/lang/Long", SYSTEM_PROPERTIES, "getLong"),
          rule("java/lang/Boolean", SYSTEM_PROPERTIES, "getBoolean"),
          rule("java/lang/System", JVM_STATE, "setOut", "setErr", "setIn", "setSecurityManager"),
          rule("java/lang/Thread", JVM_STATE, "setDefaultUncaughtExceptionHandler"),
          rule("java/util/Locale", JVM_STATE, "setDefault"),
          rule("java/util/TimeZone", JVM_STATE, "setDefault"),
          rule("java/lang/reflect/Method", REFLECTION, "invoke"),
          rule("java/lang/reflect/Constructor", REFLECTION, "newInstance"),
          rule("java/lang/Class", REFLECTION, "newInstance"),
          rule(
              "java/lang/reflect/Field",
              REFLECTION,
              "get",
              "getBoolean",
              "getByte",
              "getChar",
              "getShort",
              "getInt",
              "getLong",
              "getFloat",
              "getDouble",
              "set",
              "setBoolean",
              "setByte",
              "setChar",
              "setShort",
              "setInt",
              "setLong",
              "setFloat",
              "setDouble"),
          rule("java/lang/reflect/", REFLECTION, "setAccessible", "trySetAccessible"),
          rule("java/lang/reflect/AccessibleObject", REFLECTION, "setAccessible"),
          rule("java/lang/reflect/Proxy", REFLECTION, "newProxyInstance", "getProxyClass"),
          rule("java/lang/invoke/MethodHandles$Lookup", REFLECTION, "*"),
          rule("java/lang/invoke/MethodHandles", REFLECTION, "privateLookupIn", "reflectAs"),
          rule("java/lang/invoke/MethodHandleProxies", REFLECTION, "*"),
          rule("sun/misc/Unsafe", UNSAFE, "*"),
          rule("jdk/internal/", UNSAFE, "*"),
          rule("sun/", UNSAFE, "*"),
          rule("com/sun/", UNSAFE, "*"),
          rule(
              "java/lang/ClassLoader",
              CLASS_LOADING,
              "<init>",
              "defineClass",
              "getSystemClassLoader",
              "getParent",
              "getSystemResource",
              "getSystemResources",
              "getSystemResourceAsStream",
              "loadClass"),
          rule("java/net/URLClassLoader", CLASS_LOADING, "*"),
          rule("java/security/SecureClassLoader", CLASS_LOADING, "*"),
          rule("java/lang/ModuleLayer", CLASS_LOADING, "*"),
          // Class.getClassLoader stays allowed (plugins read their own resources with it); what
          // would turn a host loader into host classes is refused: loadClass, forName with a
          // loader, and ServiceLoader with a loader.
          new Rule(
              "java/lang/Class",
              Set.of("forName"),
              "(Ljava/lang/String;ZLjava/lang/ClassLoader;)",
              CLASS_LOADING),
          new Rule(
              "java/util/ServiceLoader",
              Set.of("load"),
              "(Ljava/lang/Class;Ljava/lang/ClassLoader;)",
              CLASS_LOADING),
          rule("java/lang/Thread", CLASS_LOADING, "getContextClassLoader", "setContextClassLoader"),
          rule("java/lang/Thread", THREADS, "<init>", "start", "ofVirtual", "ofPlatform"),
          rule("java/lang/Thread", THREADS, "startVirtualThread"),
          rule("java/lang/Thread$Builder", THREADS, "*"),
          rule("java/lang/Thread$Builder$OfVirtual", THREADS, "*"),
          rule("java/lang/Thread$Builder$OfPlatform", THREADS, "*"),
          rule("java/lang/ThreadGroup", THREADS, "<init>"),
          rule("java/util/concurrent/Executors", THREADS, "*"),
          rule("java/util/concurrent/ThreadPoolExecutor", THREADS, "<init>"),
          rule("java/util/concurrent/ScheduledThreadPoolExecutor", THREADS, "<init>"),
          rule("java/util/concurrent/ForkJoinPool", THREADS, "<init>"),
          rule("java/util/concurrent/StructuredTaskScope", THREADS, "*"),
          rule("java/util/Timer", THREADS, "<init>"),
          rule("io/vertx/core/Vertx", HOST_INTERNALS, "*"),
          rule("io/vertx/core/impl/", HOST_INTERNALS, "*"),
          rule("io/vertx/core/internal/", HOST_INTERNALS, "*"),
          rule("io/vertx/core/spi/", HOST_INTERNALS, "*"));

  private ForbiddenApis() {}

  private static Rule rule(String owner, ApiCategory why, String... members) {
    return new Rule(owner, Set.of(members), null, why);
  }

  /** Why calling or reading {@code owner.member} is forbidden, if it is. */
  static Optional<ApiCategory> member(String owner, String member, String descriptor) {
    for (Rule rule : RULES) {
      if (rule.matches(owner, member, descriptor)) {
        return Optional.of(rule.why());
      }
    }
    return Optional.empty();
  }

  /**
   * Why a reference to the class itself ({@code Unsafe.class}) is forbidden: only for classes all
   * of whose members are.
   */
  static Optional<ApiCategory> type(String internalName) {
    for (Rule rule : RULES) {
      if (rule.members().contains("*") && rule.matches(internalName, "*", "")) {
        return Optional.of(rule.why());
      }
    }
    return Optional.empty();
  }
}
