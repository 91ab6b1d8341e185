package dev.ferry.kubernetes.runtime;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The resources of a process type's containers from its {@code app.json} formation size, with Heroku's dyno sizes
 * as names: memory requested and limited to the size's, CPU requested (never limited, so a pod may burst):
 * {@code eco} and {@code basic} 512 MiB and 0.25 CPU, {@code standard-1x} 512 MiB and 0.5, {@code standard-2x}
 * 1 GiB and 1, {@code performance-m} 2.5 GiB and 2, {@code performance-l} 14 GiB and 8. Without a size, or with one
 * not listed, containers get no requests or limits of their own (the namespace's LimitRange, if any, applies).
 */
final class DynoSizes {

    private static final Map<String, String[]> SIZES = Map.of(
            "eco", new String[] {"512Mi", "250m"},
            "basic", new String[] {"512Mi", "250m"},
            "standard-1x", new String[] {"512Mi", "500m"},
            "standard-2x", new String[] {"1Gi", "1"},
            "performance-m", new String[] {"2560Mi", "2"},
            "performance-l", new String[] {"14Gi", "8"});

    private DynoSizes() {
    }

    /** The resources of {@code size}; empty for none or an unknown one. */
    static Optional<ResourceRequirements> of(Optional<String> size) {
        return size.map(s -> SIZES.get(s.strip().toLowerCase(Locale.ROOT))).map(r -> new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity(r[0])).addToRequests("cpu", new Quantity(r[1]))
                .addToLimits("memory", new Quantity(r[0])).build());
    }
}
