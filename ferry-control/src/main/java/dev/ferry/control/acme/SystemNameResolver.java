package dev.ferry.control.acme;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The system's resolver, as the JDK asks it (hosts file, then DNS, through the JDK's short cache). */
final class SystemNameResolver implements NameResolver {

    @Override
    public List<InetAddress> addresses(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        return "the system's resolver";
    }
}
