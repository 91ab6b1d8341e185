package dev.ferry.core.api;

/**
 * A text frame the server sends on {@code /api/apps/{app}/run/attach} (binary frames are the process's output):
 * exactly one component is set, with {@code code} beside {@code error}. {@code exit} or {@code error} is the last
 * frame.
 *
 * @param started the process's name once it runs, e.g. {@code run.3}
 * @param exit    its exit code
 * @param error   why it could not run or was stopped, for people
 * @param code    the error's code: {@code bad_request}, {@code no_release}, {@code access_revoked}, …
 */
public record RunEvent(String started, Integer exit, String error, String code) {

    public static RunEvent started(String process) {
        return new RunEvent(process, null, null, null);
    }

    public static RunEvent exited(int code) {
        return new RunEvent(null, code, null, null);
    }

    public static RunEvent failed(String message, String code) {
        return new RunEvent(null, null, message, code);
    }
}
