package dev.ferry.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposedStoreTest {

    private static final Set<Class<?>> PORTS = Set.of(AccountStore.class, AppStore.class, ReleaseStore.class,
            BuildStore.class, DrainStore.class, EventStore.class);

    private final List<String> calls = new ArrayList<>();

    @Test
    void theCompositeHasNoUseCaseOfItsOwnOnlyAccessorsOfPortsThatAreNotItsParents() {
        // its own methods only hand out the ports that are not its parents (certificates, usage records)
        assertThat(Store.class.getDeclaredMethods()).allSatisfy(m -> {
            assertThat(m.getParameterCount()).isZero();
            assertThat(m.getReturnType().getSimpleName()).endsWith("Store");
        });
        assertThat(Store.class.getInterfaces()).contains(PORTS.toArray(Class<?>[]::new)).contains(StoreLifecycle.class);
    }

    @Test
    void handsEveryCallWithItsArgumentsToThePortThatDeclaresItAndAnswersWhatThePortAnswered() throws Exception {
        Store store = new Composed(calls);
        Set<Class<?>> reached = new HashSet<>();
        for (Method m : Store.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || !PORTS.contains(m.getDeclaringClass())) {
                continue;
            }
            Object[] args = argumentsFor(m);
            calls.clear();
            Object answer = m.invoke(store, args);
            assertThat(calls).as(m.toString())
                    .containsExactly(m.getDeclaringClass().getSimpleName() + "." + m.getName() + Arrays.toString(args));
            assertThat(answer).as(m.toString()).isEqualTo(answerOf(m));
            reached.add(m.getDeclaringClass());
        }
        assertThat(reached).isEqualTo(PORTS);
    }

    /** A distinct value per parameter, so that a swapped or dropped argument shows. */
    private static Object[] argumentsFor(Method m) {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == String.class) {
                args[i] = "arg" + i;
            } else if (types[i] == int.class) {
                args[i] = i + 1;
            } else if (types[i] == boolean.class) {
                args[i] = i % 2 == 0;
            } else if (types[i] == AppName.class) {
                args[i] = AppName.of("app-" + i);
            } else if (types[i] == UserId.class) {
                args[i] = new UserId(i + 1);
            } else if (types[i] == Page.class) {
                args[i] = Page.first(i + 1);
            } else if (types[i] == BuildId.class) {
                args[i] = new BuildId(i + 1);
            }
        }
        return args;
    }

    /** What the port answers: a value naming the method where the type allows one, else null. */
    private static Object answerOf(Method m) {
        Class<?> type = m.getReturnType();
        if (type == Optional.class) {
            return Optional.of(m.getName());
        } else if (type == List.class) {
            return List.of(m.getName());
        } else if (type == Paged.class) {
            return new Paged<>(List.of(m.getName()), Optional.empty());
        } else if (type == boolean.class) {
            return true;
        }
        return null;
    }

    private static <T> T recording(Class<T> port, List<String> calls) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> port.getSimpleName();
                };
            }
            calls.add(port.getSimpleName() + "." + m.getName() + Arrays.toString(args == null ? new Object[0] : args));
            return answerOf(m);
        }));
    }

    private static final class Composed extends ComposedStore {

        Composed(List<String> calls) {
            super(recording(AccountStore.class, calls), recording(AppStore.class, calls),
                    recording(ReleaseStore.class, calls), recording(BuildStore.class, calls),
                    recording(DrainStore.class, calls), recording(EventStore.class, calls));
        }

        @Override
        public CertificateStore certificates() {
            throw new UnsupportedOperationException("not a port this test composes");
        }

        @Override
        public AcmeStore acme() {
            throw new UnsupportedOperationException("not a port this test composes");
        }

        @Override
        public dev.ferry.core.usage.UsageStore usage() {
            throw new UnsupportedOperationException("not a port this test composes");
        }

        @Override
        public dev.ferry.core.addons.AddonStore addons() {
            throw new UnsupportedOperationException("not a port this test composes");
        }

        @Override
        public dev.ferry.core.autoscale.AutoscaleStore autoscale() {
            throw new UnsupportedOperationException("not a port this test composes");
        }

        @Override
        public void checkWritable() {
        }

        @Override
        public void close() {
        }
    }
}
