package dev.medley.speech;

/**
 * Reports a remote transcription that another attempt would not fix: the server refused the
 * request (a 4xx other than 408 and 429) or kept answering something unreadable.
 */
final class RemoteException extends Exception {

    RemoteException(String message) {
        super(message);
    }

    RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
