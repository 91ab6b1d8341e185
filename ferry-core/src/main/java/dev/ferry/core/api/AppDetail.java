package dev.ferry.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/apps/{app}}: an app with its collaborators, hostnames, current release, formation and recent
 * events. Unlike other records, a {@code null} {@code release} is written as JSON {@code null}.
 *
 * @param name          the app's name
 * @param owner         the owner's e-mail address
 * @param webUrl        {@code http://<app>.<domain>}
 * @param createdAt     ISO-8601 UTC
 * @param collaborators the owner first, then the collaborators
 * @param domains       the default host then the custom domains
 * @param release       the current release; {@code null} before the first
 * @param formation     process type to quantity
 * @param events        the most recent events, newest first
 */
public record AppDetail(String name, String owner, String webUrl, String createdAt, List<CollaboratorInfo> collaborators,
                        List<String> domains, ReleaseInfo release, Map<String, Integer> formation,
                        List<EventInfo> events) {

    public AppDetail {
        collaborators = collaborators == null ? List.of() : List.copyOf(collaborators);
        domains = domains == null ? List.of() : List.copyOf(domains);
        formation = formation == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(formation));
        events = events == null ? List.of() : List.copyOf(events);
    }
}
