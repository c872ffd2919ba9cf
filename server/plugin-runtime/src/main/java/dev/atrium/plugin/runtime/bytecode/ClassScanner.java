package dev.atrium.plugin.runtime.bytecode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads one class file and lists its uses of {@link ForbiddenApis}: method calls, field accesses,
 * method references and bootstrap arguments ({@code System::exit} is a handle, not a call), class
 * literals, and native methods it declares. {@code System.getProperty} with a constant key from
 * {@link ForbiddenApis#READABLE_PROPERTIES} is allowed; {@code Class.forName} with a constant host
 * or JDK-internal name is refused (other names meet the plugin class loader, which refuses host
 * classes).
 */
final class ClassScanner extends ClassVisitor {
  private final Set<ApiUse> uses = new LinkedHashSet<>();
  private String className = "?";

  private ClassScanner() {
    super(Opcodes.ASM9);
  }

  /** The forbidden uses in {@code classFile}; refuses bytes that are not a class file. */
  static List<ApiUse> scan(byte[] classFile) {
    ClassScanner scanner = new ClassScanner();
    new ClassReader(classFile).accept(scanner, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
    return new ArrayList<>(scanner.uses);
  }

  @Override
  public void visit(
      int version,
      int access,
      String name,
      String signature,
      String superName,
      String[] interfaces) {
    className = name.replace('/', '.');
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    if ((access & Opcodes.ACC_NATIVE) != 0) {
      uses.add(new ApiUse(className, name, "a native (JNI) method", ApiCategory.NATIVE));
    }
    return new MethodScanner(name);
  }

  /** One method's instructions; remembers the last two constants for the key and name checks. */
  private final class MethodScanner extends MethodVisitor {
    private final String method;
    private Object lastConstant;
    private Object constantBefore;

    MethodScanner(String method) {
      super(Opcodes.ASM9);
      this.method = method;
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      Optional<ApiCategory> why = ForbiddenApis.member(owner, name, descriptor);
      if (why.isPresent() && !readsAllowedProperty(owner, name, descriptor)) {
        use(owner, name, why.get());
      } else if (owner.equals("java/lang/Class")
          && name.equals("forName")
          && constantArgument(descriptor) instanceof String target
          && ForbiddenApis.HIDDEN_CLASS_PREFIXES.stream().anyMatch(target::startsWith)) {
        uses.add(
            new ApiUse(
                className,
                method,
                "java.lang.Class.forName(\"" + target + "\")",
                ApiCategory.REFLECTION));
      }
      forget();
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      ForbiddenApis.member(owner, name, descriptor).ifPresent(why -> use(owner, name, why));
      forget();
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrap, Object... arguments) {
      handle(bootstrap);
      for (Object argument : arguments) {
        constant(argument);
      }
      forget();
    }

    @Override
    public void visitLdcInsn(Object value) {
      constant(value);
      constantBefore = lastConstant;
      lastConstant = value;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      forget();
    }

    @Override
    public void visitInsn(int opcode) {
      forget();
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      forget();
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      forget();
    }

    @Override
    public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
      forget();
    }

    private void constant(Object value) {
      if (value instanceof Handle handle) {
        handle(handle);
      } else if (value instanceof Type type && type.getSort() == Type.OBJECT) {
        ForbiddenApis.type(type.getInternalName())
            .ifPresent(why -> use(type.getInternalName(), null, why));
      }
    }

    private void handle(Handle handle) {
      ForbiddenApis.member(handle.getOwner(), handle.getName(), handle.getDesc())
          .ifPresent(why -> use(handle.getOwner(), handle.getName(), why));
    }

    /** The constant passed as the call's only argument, or as the first of two constants. */
    private Object constantArgument(String descriptor) {
      int arguments = Type.getArgumentCount(descriptor);
      return arguments == 1 ? lastConstant : arguments == 2 ? constantBefore : null;
    }

    private boolean readsAllowedProperty(String owner, String name, String descriptor) {
      return owner.equals("java/lang/System")
          && name.equals("getProperty")
          && constantArgument(descriptor) instanceof String key
          && ForbiddenApis.READABLE_PROPERTIES.contains(key);
    }

    private void forget() {
      lastConstant = null;
      constantBefore = null;
    }

    private void use(String owner, String member, ApiCategory why) {
      String api = owner.replace('/', '.') + (member == null ? "" : "." + member);
      uses.add(new ApiUse(className, method, api, why));
    }
  }
}
