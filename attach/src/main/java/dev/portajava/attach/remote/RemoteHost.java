package dev.portajava.attach.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code [USER@]HOST[:PORT]} of {@code -H}, read as systemd's {@code bus_set_address_system_remote} reads it: an
 * IPv6 address goes in brackets ({@code root@[::1]:22}), and ssh gets the host without them, the port as {@code -p}.
 */
public record RemoteHost(Optional<String> user, String host, Optional<Integer> port) {

    public RemoteHost {
        if (host.isEmpty() || host.startsWith("-") || host.chars().anyMatch(c -> c <= ' ' || c == '@' || c == 0x7f)) {
            throw new IllegalArgumentException("'" + host + "' is not a host name");
        }
        if (user.isPresent() && (user.get().isEmpty() || user.get().startsWith("-")
                || user.get().chars().anyMatch(c -> c <= ' ' || c == '@' || c == ':' || c == 0x7f))) {
            throw new IllegalArgumentException("'" + user.get() + "' is not a user name");
        }
        if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
            throw new IllegalArgumentException("port " + port.get() + " is not between 1 and 65535");
        }
    }

    /** {@code [USER@]HOST[:PORT]}, with an IPv6 host in brackets. */
    public static RemoteHost parse(String text) {
        String rest = text;
        Optional<String> user = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            user = Optional.of(rest.substring(0, at));
            rest = rest.substring(at + 1);
        }
        String host;
        String afterHost;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': the IPv6 address lacks its closing ']'");
            }
            host = rest.substring(1, close);
            afterHost = rest.substring(close + 1);
        } else {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            afterHost = colon < 0 ? "" : rest.substring(colon);
        }
        Optional<Integer> port = Optional.empty();
        if (!afterHost.isEmpty()) {
            String digits = afterHost.substring(1);
            if (!afterHost.startsWith(":") || digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)
                    || digits.length() > 5) {
                throw new IllegalArgumentException("'" + text + "' is not [USER@]HOST[:PORT]");
            }
            port = Optional.of(Integer.parseInt(digits));
        }
        try {
            return new RemoteHost(user, host, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not [USER@]HOST[:PORT]: " + e.getMessage());
        }
    }

    /** What ssh is given to reach the host, before {@code --}: the port, if one was given. */
    public List<String> sshOptions() {
        return port.map(p -> List.of("-p", Integer.toString(p))).orElse(List.of());
    }

    /** ssh's destination: {@code USER@HOST}, or {@code HOST}. */
    public String destination() {
        return user.map(u -> u + "@" + host).orElse(host);
    }

    /** ssh's arguments that reach the host and run {@code command} there, as sd-bus builds them for {@code -H}. */
    List<String> sshArguments(List<String> options, List<String> command) {
        List<String> arguments = new ArrayList<>(List.of("-xT"));
        arguments.addAll(options);
        arguments.addAll(sshOptions());
        arguments.add("--");
        arguments.add(destination());
        arguments.addAll(command);
        return arguments;
    }

    @Override
    public String toString() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return user.map(u -> u + "@").orElse("") + shown + port.map(p -> ":" + p).orElse("");
    }
}
