package dev.ferry.store.s3;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket of {@code --slug-store} cannot be used, said in one sentence a person can act on: the bucket does
 * not exist, the access key is unknown or its secret wrong, the key may not write there, or the endpoint does not
 * answer. Thrown by {@link S3Bucket#open}, so that a platform refuses to start (exit 1 with this sentence) and
 * changes nothing. Never repeats the secret key.
 */
public final class S3StoreUnavailableException extends IllegalStateException {

    private S3StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    static S3StoreUnavailableException of(S3Settings settings, SdkException e) {
        return new S3StoreUnavailableException("the slug store " + settings.location() + " cannot be used: "
                + reason(settings, e), e);
    }

    /** Why {@code e} happened, in words that follow a colon. */
    static String reason(S3Settings settings, SdkException e) {
        String endpoint = settings.endpointName();
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            return switch (code == null ? "" : code) {
                case "NoSuchBucket" -> "the bucket '" + settings.location().bucket() + "' does not exist at " + endpoint
                        + " (create it first, e.g. aws s3 mb s3://" + settings.location().bucket() + ")";
                case "InvalidAccessKeyId" -> endpoint + " does not know the access key " + settings.accessKeyId()
                        + " (" + S3Settings.ACCESS_KEY_VARIABLE + ")";
                case "SignatureDoesNotMatch" -> endpoint + " refused the secret key of access key "
                        + settings.accessKeyId() + " (" + S3Settings.SECRET_KEY_VARIABLE + ")";
                case "AccessDenied" -> "the access key " + settings.accessKeyId() + " may not write and read objects"
                        + " under " + settings.location() + " at " + endpoint;
                default -> endpoint + " answered " + s3.statusCode() + (code == null ? "" : " " + code)
                        + (s3.awsErrorDetails() == null || s3.awsErrorDetails().errorMessage() == null ? ""
                                : ": " + s3.awsErrorDetails().errorMessage());
            };
        }
        if (e instanceof SdkClientException) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "no answer from " + endpoint + " (" + (root.getMessage() == null ? root.getClass().getSimpleName()
                    : root.getMessage()) + "; is " + S3Settings.ENDPOINT_VARIABLE + " right?)";
        }
        return e.getMessage();
    }
}
