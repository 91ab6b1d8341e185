package dev.ferry.kubernetes.runtime;

import java.util.Map;

/**
 * The labels and annotations Ferry puts on what it creates, so that it finds its objects again and a person reading
 * the cluster sees what each one is: every object carries {@link #MANAGED_BY} and {@link #APP}; pods, Deployments
 * and Jobs also {@link #PROCESS_TYPE} and {@link #RELEASE}.
 */
public final class FerryLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String FERRY = "ferry";
    public static final String APP = "ferry.dev/app";
    public static final String PROCESS_TYPE = "ferry.dev/process-type";
    public static final String RELEASE = "ferry.dev/release";
    /** On a pod template: changed to restart every pod of a Deployment, as {@code kubectl rollout restart} does. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** On a pod: the one a scale-down removes first. */
    public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private FerryLabels() {
    }

    /** The labels of an app's namespace, Secrets and Service. */
    public static Map<String, String> ofApp(String app) {
        return Map.of(MANAGED_BY, FERRY, APP, app);
    }

    /** What selects the pods of one process type, whatever their release. */
    public static Map<String, String> selectorOf(String app, String type) {
        return Map.of(APP, app, PROCESS_TYPE, type);
    }

    /** The labels of one process type's pods of one release. */
    public static Map<String, String> ofRelease(String app, String type, int release) {
        return Map.of(MANAGED_BY, FERRY, APP, app, PROCESS_TYPE, type, RELEASE, Integer.toString(release));
    }
}
