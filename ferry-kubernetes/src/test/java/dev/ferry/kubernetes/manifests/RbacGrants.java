package dev.ferry.kubernetes.manifests;

import dev.ferry.kubernetes.testing.ApiCalls.Call;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the manifests' RBAC grants one ServiceAccount, rule by rule, with the scope of the binding: a ClusterRole bound
 * by a ClusterRoleBinding grants in every namespace and on cluster-scoped resources; a Role or ClusterRole bound by a
 * RoleBinding grants in the binding's namespace only. {@link #allows} is the API server's decision for one call.
 */
record RbacGrants(List<Grant> grants) {

    /** One rule and where it applies ({@code namespace} null: everywhere). */
    record Grant(PolicyRule rule, String namespace, String source) {

        boolean allows(Call call) {
            return allowsVerb(call, call.verb());
        }

        boolean allowsVerb(Call call, String verb) {
            boolean inScope = namespace == null || namespace.equals(call.namespace());
            boolean named = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    || (call.name() != null && rule.getResourceNames().contains(call.name()));
            return inScope && named && rule.getApiGroups().contains(call.group())
                    && rule.getResources().contains(call.resource()) && rule.getVerbs().contains(verb);
        }

        @Override
        public String toString() {
            return source + " " + rule.getVerbs() + " " + rule.getApiGroups() + " " + rule.getResources()
                    + (rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? "" : " named " + rule.getResourceNames())
                    + (namespace == null ? "" : " in " + namespace);
        }
    }

    static RbacGrants of(List<HasMetadata> manifests, String namespace, String serviceAccount) {
        List<Grant> grants = new ArrayList<>();
        for (HasMetadata o : manifests) {
            if (o instanceof ClusterRoleBinding b && bindsTo(b.getSubjects(), namespace, serviceAccount)) {
                grants.addAll(rules(manifests, b.getRoleRef(), null, null, "ClusterRoleBinding " + name(b)));
            } else if (o instanceof RoleBinding b && bindsTo(b.getSubjects(), namespace, serviceAccount)) {
                String ns = b.getMetadata().getNamespace();
                grants.addAll(rules(manifests, b.getRoleRef(), ns, ns, "RoleBinding " + name(b)));
            }
        }
        return new RbacGrants(grants);
    }

    boolean allows(Call call) {
        return grants.stream().anyMatch(g -> g.allows(call));
    }

    private static List<Grant> rules(List<HasMetadata> manifests, RoleRef ref, String roleNamespace, String scope, String source) {
        for (HasMetadata o : manifests) {
            if (ref.getKind().equals("ClusterRole") && o instanceof ClusterRole r && name(r).equals(ref.getName())) {
                return r.getRules().stream().map(rule -> new Grant(rule, scope, source + " -> ClusterRole " + name(r))).toList();
            }
            if (ref.getKind().equals("Role") && o instanceof Role r && name(r).equals(ref.getName())
                    && Objects.equals(r.getMetadata().getNamespace(), roleNamespace)) {
                return r.getRules().stream().map(rule -> new Grant(rule, scope, source + " -> Role " + name(r))).toList();
            }
        }
        throw new AssertionError(source + " refers to " + ref.getKind() + " " + ref.getName() + ", which the manifests lack");
    }

    private static boolean bindsTo(List<Subject> subjects, String namespace, String serviceAccount) {
        return subjects != null && subjects.stream().anyMatch(s -> s.getKind().equals("ServiceAccount")
                && s.getName().equals(serviceAccount) && namespace.equals(s.getNamespace()));
    }

    private static String name(HasMetadata o) {
        return o.getMetadata().getName();
    }
}
