package dev.portajava.profiles;

import java.util.List;
import java.util.Map;

/**
 * The profiles built into portajava, each a service drop-in, as Java text and not as resources of the jar: a
 * resource is looked for in the JDK's modules first and then read from the jar, which costs a short command about
 * 25 ms (opening both, and loading the inflater); these strings come with the class, from the start-up archive.
 *
 * <p>{@code default}, {@code nonetwork}, {@code strict} and {@code trusted} are the four profiles systemd 252
 * ships in {@code /usr/lib/systemd/portable/profile/} (package systemd-container, Debian 12), byte for byte
 * ({@code BuiltInProfilesIT} compares them with those of a systemd 252). systemd is licensed LGPL-2.1-or-later.
 * {@code jit} is portajava's own: {@code default} less {@code MemoryDenyWriteExecute=yes}, for services whose
 * runtime compiles code as it runs (a JVM cannot start without writable memory it then makes executable).
 *
 * <p>The text blocks start at the first column, so that nothing of a line is taken for indentation; a {@code \\}
 * is a backslash of systemd's line continuations.
 */
final class BuiltInProfiles {

    /** The names of the profiles systemd 252 ships; the others built in are portajava's own. */
    static final List<String> OF_SYSTEMD = List.of("default", "nonetwork", "strict", "trusted");

    private BuiltInProfiles() {
    }

    /** systemd 252's {@code default}. */
    private static final String DEFAULT = """
# The "default" security profile for services, i.e. a number of useful restrictions

[Service]
MountAPIVFS=yes
BindReadOnlyPaths=/dev/log /run/systemd/journal/socket /run/systemd/journal/stdout
BindReadOnlyPaths=/etc/machine-id
BindReadOnlyPaths=-/etc/resolv.conf
BindReadOnlyPaths=/run/dbus/system_bus_socket
DynamicUser=yes
RemoveIPC=yes
CapabilityBoundingSet=CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER \\
	CAP_FSETID CAP_IPC_LOCK CAP_IPC_OWNER CAP_KILL CAP_MKNOD CAP_NET_ADMIN \\
	CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_SETGID CAP_SETPCAP \\
	CAP_SETUID CAP_SYS_ADMIN CAP_SYS_CHROOT CAP_SYS_NICE CAP_SYS_RESOURCE
PrivateTmp=yes
PrivateDevices=yes
PrivateUsers=yes
ProtectSystem=strict
ProtectHome=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictAddressFamilies=AF_UNIX AF_NETLINK AF_INET AF_INET6
LockPersonality=yes
MemoryDenyWriteExecute=yes
RestrictRealtime=yes
RestrictNamespaces=yes
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
SystemCallArchitectures=native
""";

    /** {@code default} less {@code MemoryDenyWriteExecute=yes}, under a heading of its own. */
    private static final String JIT = """
# The "jit" profile for services: the "default" profile of systemd 252 less MemoryDenyWriteExecute=yes, so that a
# just-in-time compiler (such as Java's HotSpot) may make the code it writes executable. portajava's own.
""" + DEFAULT.substring(DEFAULT.indexOf('\n') + 1).replace("MemoryDenyWriteExecute=yes\n", "");

    /** Each built-in profile's service drop-in, by the profile's name. */
    static final Map<String, String> SERVICE_DROP_INS = Map.of(
            "default", DEFAULT,
            "jit", JIT,
            "nonetwork", """
# The "nonetwork" security profile for services, i.e. like "default" but without networking

[Service]
MountAPIVFS=yes
BindReadOnlyPaths=/dev/log /run/systemd/journal/socket /run/systemd/journal/stdout
BindReadOnlyPaths=/etc/machine-id
BindReadOnlyPaths=/run/dbus/system_bus_socket
DynamicUser=yes
RemoveIPC=yes
CapabilityBoundingSet=CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER \\
	CAP_FSETID CAP_IPC_LOCK CAP_IPC_OWNER CAP_KILL CAP_MKNOD CAP_SETGID CAP_SETPCAP \\
	CAP_SETUID CAP_SYS_ADMIN CAP_SYS_CHROOT CAP_SYS_NICE CAP_SYS_RESOURCE
PrivateTmp=yes
PrivateDevices=yes
PrivateUsers=yes
ProtectSystem=strict
ProtectHome=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictAddressFamilies=AF_UNIX AF_NETLINK
LockPersonality=yes
MemoryDenyWriteExecute=yes
RestrictRealtime=yes
RestrictNamespaces=yes
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
SystemCallArchitectures=native
PrivateNetwork=yes
IPAddressDeny=any
""",
            "strict", """
# The "strict" security profile for services, all options turned on

[Service]
MountAPIVFS=yes
BindReadOnlyPaths=/dev/log /run/systemd/journal/socket /run/systemd/journal/stdout
BindReadOnlyPaths=/etc/machine-id
DynamicUser=yes
RemoveIPC=yes
CapabilityBoundingSet=
PrivateTmp=yes
PrivateDevices=yes
PrivateUsers=yes
ProtectSystem=strict
ProtectHome=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictAddressFamilies=AF_UNIX
LockPersonality=yes
NoNewPrivileges=yes
MemoryDenyWriteExecute=yes
RestrictRealtime=yes
RestrictNamespaces=yes
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
SystemCallArchitectures=native
PrivateNetwork=yes
IPAddressDeny=any
TasksMax=4
""",
            "trusted", """
# The "trusted" profile for services, i.e. no restrictions are applied apart from a private /tmp

[Service]
MountAPIVFS=yes
PrivateTmp=yes
BindPaths=/run
BindReadOnlyPaths=/etc/machine-id
BindReadOnlyPaths=-/etc/resolv.conf
""");
}
