package dev.ferry.core.store;

/** The user has no token with this id (revoked already, never existed, or another user's). */
public final class TokenNotFound extends StoreException {

    private final String tokenId;

    public TokenNotFound(String tokenId) {
        super("token_not_found", "Couldn't find a token with the id " + tokenId + ".");
        this.tokenId = tokenId;
    }

    public String tokenId() {
        return tokenId;
    }
}
