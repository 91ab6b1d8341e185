package dev.ferry.router.tls;

import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.ServingCertificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link TlsSource} a test changes, telling the router as the store would after a commit. */
public final class MutableTlsSource implements TlsSource {

    private final Map<String, ServingCertificate> certificates = new ConcurrentHashMap<>();
    private final Map<String, HttpsSettings> settings = new ConcurrentHashMap<>();
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    private final Map<String, String> tlsAlpn = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void challenge(String token, String keyAuthorization) {
        challenges.put(token, keyAuthorization);
        listeners.forEach(Runnable::run);
    }

    public void tlsAlpnChallenge(String host, String keyAuthorization) {
        tlsAlpn.put(host, keyAuthorization);
        listeners.forEach(Runnable::run);
    }

    public void removeTlsAlpnChallenge(String host) {
        tlsAlpn.remove(host);
        listeners.forEach(Runnable::run);
    }

    public void put(ServingCertificate c) {
        certificates.put(c.certificate().name(), c);
        listeners.forEach(Runnable::run);
    }

    public void remove(String name) {
        certificates.remove(name);
        listeners.forEach(Runnable::run);
    }

    public void settings(String host, HttpsSettings s) {
        settings.put(host, s);
        listeners.forEach(Runnable::run);
    }

    @Override
    public List<ServingCertificate> certificates() {
        return List.copyOf(certificates.values());
    }

    @Override
    public Map<String, HttpsSettings> settingsByHost() {
        return Map.copyOf(settings);
    }

    @Override
    public Map<String, String> challengeAnswers() {
        return Map.copyOf(challenges);
    }

    @Override
    public Map<String, String> tlsAlpnChallenges() {
        return Map.copyOf(tlsAlpn);
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
