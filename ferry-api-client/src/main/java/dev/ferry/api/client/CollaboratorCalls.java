package dev.ferry.api.client;

import dev.ferry.core.api.CollaboratorInfo;
import dev.ferry.core.api.CollaboratorRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The typed calls about who may use an app: the owner and collaborators, adding and removing a collaborator. */
public final class CollaboratorCalls {

    private final ControlApiClient api;

    public CollaboratorCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/collaborators}, the owner first. */
    public List<CollaboratorInfo> list(String app) {
        return Arrays.asList(api.call("GET", AppPath.of(app, "/collaborators"), null, CollaboratorInfo[].class));
    }

    /** {@code POST /api/apps/{app}/collaborators}; answers the collaborator with the address as stored. */
    public CollaboratorInfo add(String app, String email) {
        return api.call("POST", AppPath.of(app, "/collaborators"), new CollaboratorRequest(email), CollaboratorInfo.class);
    }

    /** {@code DELETE /api/apps/{app}/collaborators/{email}}. */
    public void remove(String app, String email) {
        api.call("DELETE", AppPath.of(app, "/collaborators/" + AppPath.segment(email)), null);
    }
}
